/** Built-in strategies, written exactly as a third-party plugin would be: against the api alone. */
module io.tradehost.plugins.strategies {
    requires io.tradehost.api;

    provides io.tradehost.api.strategy.StrategyFactory with
            io.tradehost.plugins.strategies.MovingAverageCrossoverFactory,
            io.tradehost.plugins.strategies.BreakoutFactory,
            io.tradehost.plugins.strategies.events.MarketMakerFactory,
            io.tradehost.plugins.strategies.events.BarTrendFactory,
            io.tradehost.plugins.strategies.events.PairsFactory,
            io.tradehost.plugins.strategies.events.GridFactory;
}
