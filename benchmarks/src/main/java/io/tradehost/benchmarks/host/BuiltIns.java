package io.tradehost.benchmarks.host;

import io.tradehost.api.guard.GuardFactory;
import io.tradehost.api.guard.RuntimeGuardFactory;
import io.tradehost.api.strategy.StrategyFactory;
import io.tradehost.api.venue.VenueFactory;
import io.tradehost.app.plugins.PluginCatalog;
import io.tradehost.app.plugins.PluginInfo;
import io.tradehost.plugins.guards.ConcentrationGuard;
import io.tradehost.plugins.guards.DailyLossGuard;
import io.tradehost.plugins.guards.DrawdownGuard;
import io.tradehost.plugins.guards.KillSwitchGuard;
import io.tradehost.plugins.guards.LeverageGuard;
import io.tradehost.plugins.guards.LiquidationBufferGuard;
import io.tradehost.plugins.guards.MarkStalenessGuard;
import io.tradehost.plugins.guards.MaxOrderNotionalGuard;
import io.tradehost.plugins.guards.OrderRateGuard;
import io.tradehost.plugins.guards.QuoteQualityGuard;
import io.tradehost.plugins.guards.SessionWindowGuard;
import io.tradehost.plugins.guards.SymbolExposureGuard;
import io.tradehost.plugins.guards.TotalExposureGuard;
import io.tradehost.plugins.guards.TradingStateGuard;
import io.tradehost.plugins.guards.VolatilityBreaker;
import io.tradehost.plugins.strategies.BreakoutFactory;
import io.tradehost.plugins.strategies.MovingAverageCrossoverFactory;
import io.tradehost.plugins.venue.paper.PaperVenueFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The image's built-in plugins as a catalog, for benchmarks on the class path (where ServiceLoader
 * cannot read the modules' {@code provides}): the same factories their module descriptors declare.
 */
public final class BuiltIns {
    private BuiltIns() {
    }

    /** The built-ins, plus {@code extra} strategies. */
    public static PluginCatalog catalog(StrategyFactory... extra) {
        List<StrategyFactory> strategies = new ArrayList<>(List.of(new MovingAverageCrossoverFactory(),
                new BreakoutFactory()));
        strategies.addAll(List.of(extra));
        List<GuardFactory> guards = List.of(new KillSwitchGuard.Factory(), new TradingStateGuard.Factory(),
                new MaxOrderNotionalGuard.Factory(), new SymbolExposureGuard.Factory(),
                new TotalExposureGuard.Factory(), new LeverageGuard.Factory(), new LiquidationBufferGuard.Factory(),
                new QuoteQualityGuard.Factory(), new OrderRateGuard.Factory(), new SessionWindowGuard.Factory());
        List<RuntimeGuardFactory> runtime = List.of(new DailyLossGuard.Factory(), new MarkStalenessGuard.Factory(),
                new VolatilityBreaker.Factory(), new DrawdownGuard.Factory(), new ConcentrationGuard.Factory());
        List<VenueFactory> venues = List.of(new PaperVenueFactory());
        return new PluginCatalog(found(strategies, "strategy", StrategyFactory::name),
                found(guards, "guard", GuardFactory::name), found(venues, "venue", VenueFactory::name),
                found(runtime, "runtime-guard", RuntimeGuardFactory::name), List.of());
    }

    private static <T> List<PluginCatalog.Found<T>> found(List<T> factories, String kind, Function<T, String> name) {
        return factories.stream().map(f -> new PluginCatalog.Found<>(f, new PluginInfo(kind, name.apply(f), "",
                "(class path)", "unversioned", "benchmark", PluginInfo.LOADED, "", false, ""))).toList();
    }
}
