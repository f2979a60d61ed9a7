/**
 * The paper venue: an in-process simulated exchange with seeded synthetic market data, matched by
 * the shared simulated matching engine.
 */
module io.tradehost.plugins.venue.paper {
    requires io.tradehost.api;
    requires io.tradehost.simulator;
    requires java.sql;

    provides io.tradehost.api.venue.VenueFactory with io.tradehost.plugins.venue.paper.PaperVenueFactory;
}
