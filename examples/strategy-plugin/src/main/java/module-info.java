/** An example tradehost strategy plugin: it requires the api and provides a StrategyFactory. */
module com.example.meanreversion {
    requires io.tradehost.api;

    provides io.tradehost.api.strategy.StrategyFactory with com.example.meanreversion.MeanReversionFactory;
}
