package io.tradehost.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.host.PluginCalls;
import io.tradehost.api.strategy.Decision;
import io.tradehost.api.strategy.Strategy;
import io.tradehost.api.strategy.StrategyFactory;
import io.tradehost.api.value.Ratio;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.value.TimeInForce;
import io.tradehost.app.plugins.IsolationPolicy;
import io.tradehost.app.plugins.PluginCatalog;
import io.tradehost.app.plugins.PluginInfo;
import io.tradehost.app.plugins.PluginPins;
import io.tradehost.coordinator.execution.RetryPolicy;
import io.tradehost.coordinator.strategy.CycleMode;
import io.tradehost.journal.Durability;
import io.tradehost.app.wiring.JournalStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
class ConfigLoaderTest {
    @TempDir
    Path dir;

    private Path write(String toml) throws IOException {
        Path file = dir.resolve("host.toml");
        Files.writeString(file, toml);
        return file;
    }

    @Test
    void theEmbeddedDefaultsTradeThreePaperSymbolsWithTheCrossover() {
        HostConfig c = ConfigLoader.load(null, List.of());
        assertThat(c.symbols()).containsExactly(Symbol.of("BTC-PERP"), Symbol.of("ETH-PERP"), Symbol.of("SOL-USD"));
        assertThat(c.venue()).isEqualTo("paper");
        assertThat(c.strategy()).isEqualTo("ma-crossover");
        assertThat(c.cycle()).isEqualTo(CycleMode.ON_MARK);
        assertThat(c.guardOrder()).containsExactly("kill-switch", "trading-state", "max-order-notional",
                "symbol-exposure", "total-exposure", "leverage", "liquidation-buffer", "quote-quality", "order-rate");
        assertThat(c.runtimeGuardOrder()).containsExactly("daily-loss", "mark-staleness", "drawdown", "concentration");
        assertThat(c.timeInForce()).isEqualTo(TimeInForce.GTC);
        assertThat(c.markWindow()).isEqualTo(64);
        assertThat(c.statusInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.runId()).isNull();
        assertThat(c.source()).isEqualTo("embedded defaults");
        assertThat(c.guardConfig("kill-switch").bool("active", true)).isFalse();
    }

    @Test
    void overridesParseTomlValuesAndFallBackToStrings() {
        HostConfig c = ConfigLoader.load(null, List.of("strategy.name=breakout", "strategy.cycle=interval",
                "strategy.interval=2s", "host.symbols=[\"ETH-PERP\"]", "telemetry.mark_window=10",
                "runtime.reduce_only=true", "guards.config.kill-switch.active=true", "host.run_id=abc"));
        assertThat(c.strategy()).isEqualTo("breakout");
        assertThat(c.cycle()).isEqualTo(CycleMode.INTERVAL);
        assertThat(c.cycleInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.symbols()).containsExactly(Symbol.of("ETH-PERP"));
        assertThat(c.markWindow()).isEqualTo(10);
        assertThat(c.reduceOnly()).isTrue();
        assertThat(c.runId()).isEqualTo("abc");
        assertThat(c.guardConfig("kill-switch").bool("active", false)).isTrue();
        assertThat(c.source()).isEqualTo("embedded defaults");
        assertThat(c.strategyConfig().path()).isEqualTo("strategy.config.breakout");
    }

    @Test
    void aFileReplacesTheDefaultsAndDecimalsStayExact() throws IOException {
        HostConfig c = ConfigLoader.load(write("""
                [host]
                symbols = ["SOL-USD"]
                [venue]
                name = "paper"
                [venue.config]
                starting_cash = 2500.10
                [strategy]
                name = "breakout"
                """), List.of());
        assertThat(c.symbols()).containsExactly(Symbol.of("SOL-USD"));
        assertThat(c.guardOrder()).isEmpty();
        assertThat(c.venueConfig().money("starting_cash", "0", "0", "1000000").toString()).isEqualTo("2500.1");
    }

    @Test
    void retriesReconciliationJournalAndFaultsAreReadStrictly() {
        HostConfig defaults = ConfigLoader.load(null, List.of());
        assertThat(defaults.retries()).isEqualTo(new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(5)));
        assertThat(defaults.reconcileInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(defaults.refuseOnMismatch()).isFalse();
        assertThat(defaults.journalDurability()).isEqualTo(Durability.FULL);
        assertThat(defaults.journalQueue()).isEqualTo(65_536);
        assertThat(defaults.faults()).isEmpty();

        HostConfig c = ConfigLoader.load(null, List.of("runtime.reconciliation.on_mismatch=refuse",
                "journal.durability=normal", "faults.error_rate=0.1", "execution.retry.max_attempts=2"));
        assertThat(c.refuseOnMismatch()).isTrue();
        assertThat(c.journalDurability()).isEqualTo(Durability.NORMAL);
        assertThat(c.faults()).hasValueSatisfying(f -> assertThat(f.errorRate()).isEqualTo(0.1));
        assertThat(c.retries().maxAttempts()).isEqualTo(2);

        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("runtime.reconciliation.on_mismatch=ignore")))
                .isInstanceOf(ConfigError.class).hasMessageContaining("runtime.reconciliation.on_mismatch")
                .hasMessageContaining("must be \"reduce_only\" or \"refuse\" (was \"ignore\")");
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("execution.retry.max_backoff=\"10ms\"")))
                .isInstanceOf(ConfigError.class).hasMessageContaining("execution.retry.max_backoff");
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("faults.eror_rate=0.1")))
                .isInstanceOf(ConfigError.class).hasMessageContaining("eror_rate");
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("journal.durability=sometimes")))
                .isInstanceOf(ConfigError.class).hasMessageContaining("journal.durability");
    }

    @Test
    void aPostgresqlJournalIsReadStrictly(@TempDir Path dir)
            throws IOException {
        HostConfig sqlite = ConfigLoader.load(null, List.of());
        assertThat(sqlite.journal().postgres()).isFalse();
        assertThat(JournalStores.of(sqlite.journal(), dir, Map.of()).toString()).isEqualTo(dir.resolve("journal.db")
                .toString());

        Path passwordFile = dir.resolve("journal.password");
        Files.writeString(passwordFile, "from-the-file\n");
        HostConfig postgres = ConfigLoader.load(null, List.of("journal.url=\"postgresql://db.internal/trading\"",
                "journal.user=\"host_a\"", "journal.schema=\"account_a\"",
                "journal.password_file=\"" + passwordFile + "\""));
        assertThat(postgres.journal()).isEqualTo(new HostConfig.Journal(Durability.FULL, 65_536,
                "postgresql://db.internal/trading", "host_a", "account_a", passwordFile, null));
        assertThat(JournalStores.of(postgres.journal(), dir, Map.of()).toString())
                .isEqualTo("postgresql://db.internal:5432/trading (schema account_a, user host_a)");

        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("journal.url=\"postgresql://ann:hunter2@db/x\"")))
                .isInstanceOf(ConfigError.class).hasMessageContaining("journal.url: the address must not carry"
                        + " credentials").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("journal.url=\"postgresql://db/x\"",
                "journal.schema=\"Account-A\""))).isInstanceOf(ConfigError.class)
                .hasMessageContaining("journal.schema: the schema 'Account-A' is not a plain lower-case identifier");
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("journal.url=\"http://db/x\"")))
                .isInstanceOf(ConfigError.class).hasMessageContaining("journal.url: not a postgresql:// address");
    }

    @Test
    void everyKindOfBadConfigurationNamesTheSourceAndTheKey() throws IOException {
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("strategy.shrot=3"))).isInstanceOf(ConfigError.class)
                .hasMessage("embedded defaults: strategy.shrot: unknown key");
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("telemetry.mark_window=\"many\"")))
                .hasMessage("embedded defaults: telemetry.mark_window: must be a whole number (was \"many\")");
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("telemetry.mark_window=1")))
                .hasMessage("embedded defaults: telemetry.mark_window: must be between 2 and 100000 (was 1)");
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("strategy.cycle=sometimes")))
                .hasMessage("embedded defaults: strategy.cycle: must be one of [on-mark, interval] (was \"sometimes\")");
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("host.symbols=[]")))
                .hasMessageEndingWith("host.symbols: must list at least one symbol");
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("host.symbols=[\"btc\"]")))
                .hasMessageContaining("host.symbols: not a symbol: 'btc'");
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("host.symbols=[\"SOL-USD\",\"SOL-USD\"]")))
                .hasMessageContaining("host.symbols: lists a symbol twice");
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("guards.order=[\"leverage\",\"leverage\"]")))
                .hasMessageContaining("guards.order: names a guard twice");
        List<String> guards = List.of("kill-switch", "trading-state", "max-order-notional", "symbol-exposure",
                "total-exposure", "leverage");
        HostConfig misspelt = ConfigLoader.load(null, List.of("guards.config.kill-swich.active=true"));
        assertThatThrownBy(() -> misspelt.checkPluginBlocks(List.of("ma-crossover"), guards, List.of()))
                .hasMessageStartingWith("guards.config.kill-swich: no guard plugin named 'kill-swich' (found: kill-switch,");
        HostConfig unknownStrategy = ConfigLoader.load(null, List.of("strategy.config.nope.x=1"));
        assertThatThrownBy(() -> unknownStrategy.checkPluginBlocks(List.of("ma-crossover"), guards, List.of()))
                .hasMessage("strategy.config.nope: no strategy plugin named 'nope' (found: ma-crossover)");
        ConfigLoader.load(null, List.of("guards.order=[\"leverage\"]")).checkPluginBlocks(List.of("ma-crossover"),
                guards, List.of("daily-loss", "mark-staleness", "volatility", "drawdown", "concentration"));
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("host.run_id=has space")))
                .hasMessageContaining("host.run_id: must be 1-24");
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("venue.name=")))
                .hasMessage("embedded defaults: venue.name: is required");
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("novalue"))).hasMessage("--set: expected KEY=VALUE, got \"novalue\"");
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("host..x=1"))).hasMessage("--set: malformed key \"host..x\"");
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("venue.name.x=1")))
                .hasMessage("--set: venue.name.x: venue.name is not a table");
        Path missing = dir.resolve("missing.toml");
        assertThatThrownBy(() -> ConfigLoader.load(missing, List.of())).hasMessage(missing + ": file not found");
        Path broken = write("[host\nsymbols = 1");
        assertThatThrownBy(() -> ConfigLoader.load(broken, List.of())).hasMessageStartingWith(broken + ":1: not valid TOML");
        Path unreadable = Files.createDirectory(dir.resolve("adir"));
        assertThatThrownBy(() -> ConfigLoader.load(unreadable, List.of())).hasMessageContaining("cannot read");
    }

    @Test
    void theEmbeddedTextIsAvailableForDocumentation() {
        assertThat(ConfigLoader.embeddedText()).contains("[venue]").contains("name = \"paper\"");
    }

    @Test
    void pluginsKeysArePinsAndIsolationModesAndBadOnesNameTheirKey() {
        String pin = "ab".repeat(32);
        HostConfig c = ConfigLoader.load(null, List.of("plugins.require_pinned=true",
                "plugins.pins.\"mean-reversion-1.0.0.jar\"=\"" + pin.toUpperCase(Locale.ROOT) + "\"",
                "plugins.isolation.ma-crossover=isolated", "plugins.isolation.steady=inline",
                "guards.budget=\"2ms\"", "runtime_guards.budget=\"50ms\"", "venue.call_budget=\"1s\"",
                "strategy.max_decision_leverage=20"));
        assertThat(c.plugins().pins().pins()).containsExactly(Map.entry("mean-reversion-1.0.0.jar", pin));
        assertThat(c.plugins().pins().requirePinned()).isTrue();
        assertThat(c.plugins().isolation()).containsEntry("ma-crossover", IsolationPolicy.Mode.ISOLATED)
                .containsEntry("steady", IsolationPolicy.Mode.INLINE);
        assertThat(c.budgets()).isEqualTo(new HostConfig.CallBudgets(Duration.ofMillis(2), Duration.ofMillis(50),
                Duration.ofSeconds(1)));
        assertThat(c.maxDecisionLeverage()).isEqualTo(Ratio.ofUnits(20));
        HostConfig defaults = ConfigLoader.load(null, List.of());
        assertThat(defaults.budgets()).isEqualTo(new HostConfig.CallBudgets(Duration.ofMillis(5),
                Duration.ofMillis(100), Duration.ofSeconds(2)));
        assertThat(defaults.plugins().pins()).isEqualTo(PluginPins.NONE);

        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("plugins.pins.x=\"abc\"")))
                .hasMessage("embedded defaults: plugins.pins.x: must be a SHA-256 in hex, 64 characters (was \"abc\")");
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("plugins.isolation.x=sometimes")))
                .hasMessage("embedded defaults: plugins.isolation.x: must be one of [inline, isolated] (was \"sometimes\")");
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("plugins.pins.\"open=1"))).hasMessage(
                "--set: malformed key \"plugins.pins.\"open\" (a quote is not closed)");
    }

    @Test
    void theIsolationPolicyRunsBuiltInsInlineAndDropInsIsolatedUnlessConfigured() {
        IsolationPolicy policy = IsolationPolicy.of(ConfigLoader.load(null, List.of(
                "plugins.isolation.ma-crossover=isolated", "plugins.isolation.steady=inline")), catalogWith("dropped"),
                Duration.ofSeconds(5), () -> 0L);
        assertThat(policy.mode("strategy", "breakout")).isEqualTo(IsolationPolicy.Mode.INLINE);
        assertThat(policy.mode("strategy", "dropped")).isEqualTo(IsolationPolicy.Mode.ISOLATED);
        assertThat(policy.mode("strategy", "ma-crossover")).isEqualTo(IsolationPolicy.Mode.ISOLATED);
        assertThat(policy.mode("strategy", "steady")).isEqualTo(IsolationPolicy.Mode.INLINE);
        PluginCalls isolated = policy.calls("strategy", "dropped", "BTC-PERP");
        assertThat(isolated.isolated()).isTrue();
        assertThat(isolated.budget()).as("on a virtual clock it waits for real hangs only").isEqualTo(Duration.ofSeconds(5));
        assertThat(isolated.startupBudget()).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.calls("guard", "kill-switch", "").isolated()).isFalse();
        assertThatThrownBy(() -> policy.calls("widget", "x", "")).hasMessage("no budget for plugins of kind widget");
        policy.close();
        IsolationPolicy live = IsolationPolicy.of(ConfigLoader.load(null, List.of()), catalogWith("dropped"), null,
                () -> 0L);
        assertThat(live.calls("strategy", "dropped", "").budget()).isEqualTo(Duration.ofMillis(5));
        live.close();
    }

    private static PluginCatalog catalogWith(String dropIn) {
        StrategyFactory factory = new StrategyFactory() {
            @Override
            public String name() {
                return dropIn;
            }

            @Override
            public String description() {
                return "dropped in";
            }

            @Override
            public Strategy create(PluginConfig config) {
                return ctx -> Decision.hold("x");
            }
        };
        PluginCatalog builtIns = PluginCatalog
                .fromLayer(ModuleLayer.boot());
        List<PluginCatalog.Found<StrategyFactory>> strategies =
                new ArrayList<>();
        builtIns.strategies().forEach(f -> strategies.add(new PluginCatalog.Found<>(f,
                new PluginInfo("strategy", f.name(), "", "m", "1", "image", "loaded", "",
                        false, ""))));
        strategies.add(new PluginCatalog.Found<>(factory, new PluginInfo("strategy", dropIn, "", "m", "1", "plugins/x.jar", "loaded", "", true, "00")));
        return new PluginCatalog(strategies, List.of(), List.of(), List.of(), List.of());
    }
}
