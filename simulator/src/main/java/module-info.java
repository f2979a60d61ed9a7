/**
 * The simulated matching engine: order validation and its refusal codes, the spot and perpetual
 * account with its margin, fees, and market, limit and stop matching at a touch. The paper venue
 * runs it on its synthetic market, the backtest's venue on a recorded tape; the host sees neither
 * but through the Venue SPI. Depends on the api alone; no threads, no clock of its own.
 */
module io.tradehost.simulator {
    requires transitive io.tradehost.api;

    exports io.tradehost.simulator;
}
