/** Built-in pre-trade and runtime guards, written against the api alone. */
module io.tradehost.plugins.guards {
    requires io.tradehost.api;

    provides io.tradehost.api.guard.GuardFactory with
            io.tradehost.plugins.guards.KillSwitchGuard.Factory,
            io.tradehost.plugins.guards.TradingStateGuard.Factory,
            io.tradehost.plugins.guards.MaxOrderNotionalGuard.Factory,
            io.tradehost.plugins.guards.SymbolExposureGuard.Factory,
            io.tradehost.plugins.guards.TotalExposureGuard.Factory,
            io.tradehost.plugins.guards.LeverageGuard.Factory,
            io.tradehost.plugins.guards.LiquidationBufferGuard.Factory,
            io.tradehost.plugins.guards.QuoteQualityGuard.Factory,
            io.tradehost.plugins.guards.OrderRateGuard.Factory,
            io.tradehost.plugins.guards.SessionWindowGuard.Factory;
    provides io.tradehost.api.guard.RuntimeGuardFactory with
            io.tradehost.plugins.guards.DailyLossGuard.Factory,
            io.tradehost.plugins.guards.MarkStalenessGuard.Factory,
            io.tradehost.plugins.guards.VolatilityBreaker.Factory,
            io.tradehost.plugins.guards.DrawdownGuard.Factory,
            io.tradehost.plugins.guards.ConcentrationGuard.Factory;
}
