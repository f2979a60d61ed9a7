package io.tradehost.app.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.api.command.OrderIntent;
import io.tradehost.api.event.IntentRejected;
import io.tradehost.api.event.OrderFilled;
import io.tradehost.api.event.StrategyFailed;
import io.tradehost.api.event.StrategyQuarantined;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.app.config.ConfigLoader;
import io.tradehost.app.config.HostConfig;
import io.tradehost.app.plugins.PluginCatalog;
import io.tradehost.app.plugins.PluginJars;
import io.tradehost.app.plugins.PluginLoader;
import io.tradehost.app.plugins.PluginSources;
import io.tradehost.app.wiring.HostComponent;
import io.tradehost.app.wiring.HostInputs;
import io.tradehost.kernel.VirtualClock;
import io.tradehost.testkit.EventRecorder;
import io.tradehost.testkit.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
/** A strategy compiled against the api alone, dropped into a plugins folder, trading through the real wiring. */
class DropInPluginTest {
    @TempDir
    Path work;

    private final VirtualClock clock = new VirtualClock(Fixtures.EPOCH);
    private final EventRecorder events = new EventRecorder();

    private Path plugin(String module, String name, String decide) throws IOException {
        PluginJars jars = new PluginJars(work.resolve("build-" + name));
        return PluginJars.jar(jars.compile(PluginSources.strategy(module, name, decide), List.of(), "1.0.0"),
                work.resolve("plugins").resolve(name + ".jar"));
    }

    private Host run(PluginCatalog catalog, String... overrides) {
        return run(HostInputs.of("drop", clock, 9, Map.of()), catalog, overrides);
    }

    private Host run(HostInputs inputs, PluginCatalog catalog, String... overrides) {
        HostConfig config = ConfigLoader.load(null, List.of(overrides));
        Host host = HostComponent.wire(config, inputs, catalog, clock);
        host.start();
        host.kernel().observe(events);
        for (int minute = 0; minute < 30; minute++) {
            host.kernel().advanceBy(Duration.ofMinutes(1));
        }
        return host;
    }

    @Test
    void aDroppedInStrategyTradesThroughTheRealWiring() throws IOException {
        plugin("com.example.steady", "steady", PluginSources.TRADES);
        PluginCatalog catalog = new PluginLoader(ModuleLayer.boot()).load(List.of(work.resolve("plugins")));
        Host host = run(catalog, "strategy.name=steady");
        assertThat(events.of(OrderIntent.class)).isNotEmpty().extracting(OrderIntent::strategy).containsOnly("steady");
        assertThat(events.of(OrderFilled.class)).isNotEmpty();
        assertThat(host.portfolio().counters().filled()).isPositive();
        host.stop();
    }

    @Test
    void aDroppedInGuardJoinsTheChainByName() throws IOException {
        PluginJars jars = new PluginJars(work.resolve("build-guard"));
        PluginJars.jar(jars.compile(Map.of("module-info.java", "module com.example.nobuys { requires io.tradehost.api;"
                        + " provides io.tradehost.api.guard.GuardFactory with com.example.nobuys.NoBuys; }",
                "com/example/nobuys/NoBuys.java", """
                        package com.example.nobuys;
                        import io.tradehost.api.config.PluginConfig;
                        import io.tradehost.api.guard.*;
                        import io.tradehost.api.value.Side;
                        public final class NoBuys implements GuardFactory {
                            public String name() { return "no-buys"; }
                            public String description() { return "rejects every buy"; }
                            public Guard create(PluginConfig config) {
                                return check -> check.order().side() == Side.BUY
                                        ? GuardVerdict.reject("NO_BUYS", "buys are off") : GuardVerdict.ALLOW;
                            }
                        }
                        """), List.of(), "1.0"), work.resolve("plugins/no-buys.jar"));
        PluginCatalog catalog = new PluginLoader(ModuleLayer.boot()).load(List.of(work.resolve("plugins")));
        Host host = run(catalog, "guards.order=[\"no-buys\", \"trading-state\"]");
        assertThat(host.portfolio().counters().rejectionsByCode()).containsOnlyKeys("NO_BUYS");
        assertThat(events.of(IntentRejected.class)).isNotEmpty().extracting(IntentRejected::stage).containsOnly("no-buys");
        assertThat(events.of(OrderFilled.class)).allSatisfy(f -> assertThat(f.fill().side()).isEqualTo(Side.SELL));
        host.stop();
    }

    @Test
    void aStrategyThatStartsThrowingIsQuarantinedItsSymbolOnlyReducesAndTheRestTradesOn() throws IOException {
        plugin("com.example.flaky", "flaky", """
                if (calls == 1) { return Decision.buy(Money.of("2000"), "open"); }
                if (calls <= 6) { throw new IllegalStateException("lost my state"); }
                return calls % 2 == 0 ? Decision.buy(Money.of("2000"), "more") : Decision.close("out");
                """);
        plugin("com.example.steady", "steady", PluginSources.TRADES);
        PluginCatalog catalog = new PluginLoader(ModuleLayer.boot()).load(List.of(work.resolve("plugins")));
        Host host = run(catalog, "strategy.name=steady", "strategy.symbols.ETH-PERP=flaky");

        Symbol eth = Symbol.of("ETH-PERP");
        assertThat(events.of(StrategyQuarantined.class)).extracting(StrategyQuarantined::symbol).containsExactly(eth);
        assertThat(host.tradingState().state()).isEqualTo(TradingState.ACTIVE);
        assertThat(host.tradingState().state(eth)).isEqualTo(TradingState.REDUCE_ONLY);
        List<IntentRejected> ethRejections = events.of(IntentRejected.class).stream()
                .filter(r -> r.intent().symbol().equals(eth)).toList();
        assertThat(ethRejections).isNotEmpty().extracting(r -> r.code().value()).containsOnly("REDUCE_ONLY");
        List<OrderFilled> ethFills = events.of(OrderFilled.class).stream()
                .filter(f -> f.fill().symbol().equals(eth)).toList();
        assertThat(ethFills).hasSize(2);
        assertThat(ethFills.getLast().fill().side()).as("the close after quarantine still fills").isEqualTo(Side.SELL);
        assertThat(host.portfolio().position(eth).isFlat()).isTrue();
        assertThat(events.of(OrderFilled.class).stream().filter(f -> !f.fill().symbol().equals(eth))).isNotEmpty();
        host.stop();
    }

    @Test
    void aPluginThatReflectsIntoTheHostIsStoppedByTheModuleSystemAndTheHostTradesOn() throws IOException {
        plugin("com.example.burglar", "burglar", PluginSources.REFLECTS);
        plugin("com.example.steady", "steady", PluginSources.TRADES);
        PluginCatalog catalog = new PluginLoader(ModuleLayer.boot()).load(List.of(work.resolve("plugins")));
        Host host = run(catalog, "strategy.name=steady", "strategy.symbols.BTC-PERP=burglar");

        List<StrategyFailed> failures = events.of(StrategyFailed.class);
        assertThat(failures).isNotEmpty().extracting(StrategyFailed::symbol).containsOnly(Symbol.of("BTC-PERP"));
        assertThat(failures.getFirst().error()).contains("InaccessibleObjectException")
                .contains("does not \"opens io.tradehost.coordinator.execution\"");
        assertThat(events.of(OrderIntent.class)).isNotEmpty().extracting(OrderIntent::symbol)
                .doesNotContain(Symbol.of("BTC-PERP"));
        assertThat(host.portfolio().counters().filled()).isPositive();
        assertThat(host.portfolio().cash().toString()).doesNotStartWith("1000000");
        host.stop();
        assertThat(Files.exists(work.resolve("plugins/burglar.jar"))).isTrue();
    }

    /** Blocks on BTC-PERP from its second decision until interrupted; trades steadily elsewhere. */
    private static final String HANGS = """
            if (ctx.product().symbol().value().equals("BTC-PERP") && calls > 1) {
                Object never = new Object();
                synchronized (never) {
                    while (true) {
                        try {
                            never.wait();
                        } catch (InterruptedException e) {
                            return Decision.hold("interrupted");
                        }
                    }
                }
            }
            if (ctx.position().isFlat()) { return Decision.buy(Money.of("100"), "in"); }
            return calls % 3 == 0 ? Decision.close("out") : Decision.hold("wait");
            """;

    @Test
    void aDroppedInStrategyThatNeverReturnsIsQuarantinedWhileTheRestOfTheHostKeepsWorking() throws Exception {
        plugin("com.example.hang", "hang", HANGS);
        PluginCatalog catalog = new PluginLoader(ModuleLayer.boot()).load(List.of(work.resolve("plugins")));
        HostInputs inputs = HostInputs.of("hang", clock, 9, Map.of()).withVirtualCallWait(Duration.ofMillis(200));
        Host host = run(inputs, catalog, "strategy.name=hang", "runtime_guards.config.daily-loss.max_loss=\"5\"");
        Symbol btc = Symbol.of("BTC-PERP");

        assertThat(events.of(StrategyQuarantined.class)).singleElement().satisfies(q -> {
            assertThat(q.symbol()).isEqualTo(btc);
            assertThat(q.reason()).startsWith("overran its budget of 200 ms 5 times in a row: it is still busy");
        });
        assertThat(host.registry().all()).filteredOn(h -> h.component().equals("strategy")).singleElement()
                .satisfies(h -> {
                    assertThat(h.error()).isEqualTo("strategy quarantined on [BTC-PERP]");
                    assertThat(h.details()).containsEntry("lateDecisions", "1");
                });
        List<OrderFilled> others = events.of(OrderFilled.class).stream().filter(f -> !f.fill().symbol().equals(btc))
                .toList();
        assertThat(others).as("the other symbols trade on").hasSizeGreaterThan(4);
        assertThat(host.tradingState().reasons()).as("runtime guards run: the daily loss trips")
                .extracting(r -> r.code().value()).contains("daily_loss", "strategy_quarantine.BTC-PERP");
        assertThat(events.of(OrderFilled.class).getLast().fill().side()).as("closes still fill under reduce-only")
                .isEqualTo(Side.SELL);

        assertThat(host.operator().halt("ops", "drill")).isTrue();
        long filled = host.portfolio().counters().filled();
        host.kernel().advanceBy(Duration.ofMinutes(5));
        assertThat(host.portfolio().counters().filled()).as("the operator's halt holds").isEqualTo(filled);

        Thread worker = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("plugin strategy hang BTC-PERP")).findFirst().orElseThrow();
        assertThat(worker.isAlive()).isTrue();
        host.stop();
        worker.join(Duration.ofSeconds(10));
        assertThat(worker.isAlive()).as("stopping interrupts the worker instead of waiting for it").isFalse();
    }
}
