/**
 * An example tradehost strategy plugin: it requires the api and provides two strategies, one of each
 * form (a simple {@code Strategy.decide} and an event-driven one with resting orders).
 */
module com.example.meanreversion {
    requires io.tradehost.api;

    provides io.tradehost.api.strategy.StrategyFactory with com.example.meanreversion.MeanReversionFactory,
            com.example.meanreversion.DipLadderFactory;
}
