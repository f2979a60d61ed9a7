/** The paper venue: an in-process simulated exchange with seeded synthetic market data. */
module io.tradehost.plugins.venue.paper {
    requires io.tradehost.api;
    requires java.sql;

    provides io.tradehost.api.venue.VenueFactory with io.tradehost.plugins.venue.paper.PaperVenueFactory;
}
