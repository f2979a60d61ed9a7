package io.tradehost.app.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.api.event.OrderFilled;
import io.tradehost.api.event.TradingStateChanged;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.Position;
import io.tradehost.api.state.ReasonCode;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.value.Symbol;
import io.tradehost.app.config.ConfigLoader;
import io.tradehost.app.config.HostConfig;
import io.tradehost.app.plugins.PluginCatalog;
import io.tradehost.app.plugins.PluginJars;
import io.tradehost.app.plugins.PluginLoader;
import io.tradehost.app.wiring.HostComponent;
import io.tradehost.app.wiring.HostInputs;
import io.tradehost.kernel.VirtualClock;
import io.tradehost.testkit.EventRecorder;
import io.tradehost.testkit.Fixtures;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
/** The runtime guards on the virtual clock through the real wiring. */
class RiskScenarioTest {
    private static final Instant LATE_EVENING = Fixtures.EPOCH.plus(Duration.ofHours(22));

    @TempDir
    Path work;

    private final EventRecorder events = new EventRecorder();
    private VirtualClock clock = new VirtualClock(Fixtures.EPOCH);

    private Host start(PluginCatalog catalog, String... overrides) {
        HostConfig config = ConfigLoader.load(null, List.of(overrides));
        Host host = HostComponent.wire(config, HostInputs.of("risk", clock, 3, Map.of()), catalog, clock);
        host.start();
        host.kernel().observe(events);
        return host;
    }

    private static void advance(Host host, Duration duration) {
        for (long s = 0; s < duration.toSeconds(); s += 10) {
            host.kernel().advanceBy(Duration.ofSeconds(10));
        }
    }

    @Test
    void aDailyLossBreachAllowsOnlyReducingOrdersUntilTheUtcDayRollsOver() {
        clock = new VirtualClock(LATE_EVENING);
        Host host = start(PluginCatalog.fromLayer(ModuleLayer.boot()), "runtime_guards.config.daily-loss.max_loss=10");
        advance(host, Duration.ofMinutes(119));
        List<TradingStateChanged> changes = events.of(TradingStateChanged.class);
        assertThat(changes).isNotEmpty();
        TradingStateChanged breach = changes.getFirst();
        assertThat(breach.to()).isEqualTo(TradingState.REDUCE_ONLY);
        assertThat(breach.reasons()).extracting(r -> r.code().value()).containsExactly("daily_loss");
        assertThat(host.tradingState().state()).isEqualTo(TradingState.REDUCE_ONLY);

        Map<Symbol, Position> before = new HashMap<>();
        for (OrderFilled f : events.of(OrderFilled.class)) {
            Fill fill = f.fill();
            Position held = before.getOrDefault(fill.symbol(), Position.flat(fill.symbol()));
            if (fill.timestampNanos() > breach.timestampNanos()) {
                assertThat(held.isReducedBy(fill.side(), fill.quantity()))
                        .as("after the breach only reducing fills: " + fill).isTrue();
            }
            before.put(fill.symbol(), held.apply(fill));
        }

        advance(host, Duration.ofMinutes(2));
        long midnight = Fixtures.nanos(Fixtures.EPOCH.plus(Duration.ofDays(1)));
        assertThat(events.of(TradingStateChanged.class)).filteredOn(c -> c.timestampNanos() == midnight)
                .extracting(TradingStateChanged::to).as("the new UTC day clears the breach").containsExactly(TradingState.ACTIVE);
        assertThat(host.summary().toJson()).contains("\"daily_loss\"");
        host.stop();
    }

    @Test
    void aStaleFeedHaltsItsSymbolsAndFreshMarksLiftTheHalt() {
        Host host = start(PluginCatalog.fromLayer(ModuleLayer.boot()), "venue.config.tick_interval=10m",
                "runtime_guards.config.mark-staleness.warn_after=2m",
                "runtime_guards.config.mark-staleness.halt_after=5m");
        Symbol btc = Symbol.of("BTC-PERP");
        advance(host, Duration.ofMinutes(4));
        assertThat(host.tradingState().state(btc)).isEqualTo(TradingState.ACTIVE);
        advance(host, Duration.ofMinutes(2));
        assertThat(host.tradingState().state(btc)).isEqualTo(TradingState.HALTED);
        assertThat(host.tradingState().reasons()).extracting(r -> r.code().value())
                .contains("mark_staleness.BTC-PERP", "mark_staleness.ETH-PERP", "mark_staleness.SOL-USD");
        assertThat(host.tradingState().state()).as("the host itself stays active").isEqualTo(TradingState.ACTIVE);
        advance(host, Duration.ofMinutes(5));
        assertThat(host.tradingState().state(btc)).isEqualTo(TradingState.ACTIVE);
        assertThat(host.tradingState().reasons()).isEmpty();
        host.stop();
    }

    @Test
    void aThrowingRuntimeGuardHoldsReduceOnlyUntilAnOperatorClearsIt() throws IOException {
        PluginJars jars = new PluginJars(work.resolve("build"));
        PluginJars.jar(jars.compile(Map.of("module-info.java", "module com.example.fragile { requires io.tradehost.api;"
                        + " provides io.tradehost.api.guard.RuntimeGuardFactory with com.example.fragile.Fragile; }",
                "com/example/fragile/Fragile.java", """
                        package com.example.fragile;
                        import io.tradehost.api.config.PluginConfig;
                        import io.tradehost.api.guard.*;
                        import java.time.Duration;
                        import java.util.List;
                        public final class Fragile implements RuntimeGuardFactory {
                            public String name() { return "fragile"; }
                            public String description() { return "throws once"; }
                            public List<String> keys() { return List.of(); }
                            public RuntimeGuard create(PluginConfig config, RuntimeGuardContext context) {
                                return new RuntimeGuard() {
                                    int calls;
                                    public Duration interval() { return Duration.ofSeconds(30); }
                                    public void evaluate() {
                                        if (++calls == 1) { throw new IllegalStateException("bad state"); }
                                    }
                                };
                            }
                        }
                        """), List.of(), "1"), work.resolve("plugins/fragile.jar"));
        PluginCatalog catalog = new PluginLoader(ModuleLayer.boot()).load(List.of(work.resolve("plugins")));
        Host host = start(catalog, "runtime_guards.order=[\"fragile\", \"daily-loss\"]");
        advance(host, Duration.ofMinutes(1));
        assertThat(host.tradingState().state()).isEqualTo(TradingState.REDUCE_ONLY);
        assertThat(host.tradingState().reasons()).extracting(r -> r.code().value()).containsExactly("guard_failure.fragile");
        advance(host, Duration.ofHours(2));
        assertThat(host.tradingState().state()).as("no automatic recovery").isEqualTo(TradingState.REDUCE_ONLY);
        assertThat(host.operator().clear("alice", ReasonCode.guardFailure("fragile"))).isTrue();
        assertThat(host.tradingState().state()).isEqualTo(TradingState.ACTIVE);
        assertThat(host.registry().all().getFirst().details().get("runtimeGuardFailures")).isEqualTo("{fragile=1}");
        host.stop();
    }
}
