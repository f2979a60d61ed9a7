package io.tradehost.app.reload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.event.ConfigReloaded;
import io.tradehost.api.event.IntentRejected;
import io.tradehost.api.event.OrderSubmitted;
import io.tradehost.api.event.StateReasonChanged;
import io.tradehost.api.host.HealthStatus;
import io.tradehost.api.order.Position;
import io.tradehost.api.state.ClearingRule;
import io.tradehost.api.state.ReasonCode;
import io.tradehost.api.state.ReasonSource;
import io.tradehost.api.state.StateReason;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.strategy.Strategy;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.venue.Venue;
import io.tradehost.api.venue.VenueContext;
import io.tradehost.api.venue.VenueFactory;
import io.tradehost.app.config.ConfigCheck;
import io.tradehost.app.host.Host;
import io.tradehost.app.plugins.PluginCatalog;
import io.tradehost.app.wiring.HostComponent;
import io.tradehost.app.wiring.HostInputs;
import io.tradehost.coordinator.strategy.StrategyCoordinator;
import io.tradehost.journal.JournalFiles;
import io.tradehost.kernel.VirtualClock;
import io.tradehost.testkit.EventRecorder;
import io.tradehost.testkit.Fixtures;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live reconfiguration through the real wiring on the virtual clock: the file is rewritten while
 * the host trades, and each severity class does what the drift rules say, every reload journaled.
 */
class ConfigReloadTest {
    private static final Symbol BTC = Symbol.of("BTC-PERP");
    private static final Symbol ETH = Symbol.of("ETH-PERP");

    private static final String BASE = """
            [host]
            symbols = ["BTC-PERP", "ETH-PERP"]

            [venue]
            name = "paper"

            [venue.config]
            tick_interval = "1s"

            [strategy]
            name = "ma-crossover"

            [strategy.config.ma-crossover]
            short = 3
            long = 8
            position_fraction = "0.3"
            trailing_stop = "0.002"

            [guards]
            order = ["trading-state", "max-order-notional", "leverage"]

            [guards.config.max-order-notional]
            max = "50000"

            [guards.config.leverage]
            max = "3"

            [runtime_guards]
            order = ["daily-loss"]

            [runtime_guards.config.daily-loss]
            max_loss = "50000"

            [telemetry]
            mark_window = 64

            [admin]
            listen = "off"
            """;

    @TempDir
    Path dir;

    /** Holds the "stuck" venue's factory until the test ends. */
    private final CountDownLatch stuckFactory = new CountDownLatch(1);

    private final VirtualClock clock = new VirtualClock(Fixtures.EPOCH);
    private final EventRecorder events = new EventRecorder();
    private Path file;
    private Path data;
    private Host host;
    private ConfigReloader reloader;
    private PluginCatalog catalog;

    @BeforeEach
    void start() throws IOException {
        start(BASE, PluginCatalog.fromLayer(ModuleLayer.boot()).withVenue(renamed("paper-b"))
                .withVenue(stuck("stuck", stuckFactory)));
    }

    private void start(String text, PluginCatalog plugins) throws IOException {
        catalog = plugins;
        file = dir.resolve("tradehost.toml");
        data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(file, text);
        ConfigCheck.Result checked = ConfigCheck.check(file, List.of(), Map.of(), catalog);
        assertThat(checked.problems()).isEmpty();
        host = HostComponent.wire(checked.config(), HostInputs.of("reload", clock, 7, Map.of())
                .withDataDirectory(data, true), catalog, clock);
        host.kernel().observe(events);
        reloader = new ConfigReloader(host.kernel(), host.liveConfig(), file, List.of(), Map.of(), catalog,
                host::requestStop);
        host.registry().addHealth(reloader::health);
        host.start();
        host.kernel().runUntilIdle();
    }

    @AfterEach
    void stop() {
        stuckFactory.countDown();
        if (host != null) {
            host.stop();
        }
        reloader.close();
    }

    @Test
    void safeChangesApplyBetweenEventsKeepingBooksWindowsStrategiesAndOrders() throws IOException {
        trade(Duration.ofMinutes(10));
        List<Position> positions = host.portfolio().positions();
        Map<Symbol, List<Price>> windows = windows();
        Map<Symbol, Strategy> strategies = strategies();
        long sequence = host.journal().snapshot().lastSequence();
        assertThat(sequence).as("the strategy traded before the reload").isPositive();

        ConfigReloaded reloaded = reload(BASE.replace("max = \"50000\"", "max = \"30\"")
                .replace("mark_window = 64", "mark_window = 128"));

        assertThat(reloaded.outcome()).isEqualTo("applied");
        assertThat(reloaded.severity()).isEqualTo("safe");
        assertThat(reloaded.changes()).containsExactly(
                new ConfigReloaded.Change("guards.config.max-order-notional.max", "50000", "30", "safe",
                        "at or above the largest open order notional 0"),
                new ConfigReloaded.Change("telemetry.mark_window", "64", "128", "safe",
                        "mark window, status interval, staleness"));
        assertThat(host.portfolio().positions()).isEqualTo(positions);
        assertThat(windows()).isEqualTo(windows);
        assertThat(strategies()).isEqualTo(strategies);
        assertThat(host.journal().snapshot().lastSequence()).isEqualTo(sequence);

        events.clear();
        trade(Duration.ofMinutes(10));
        // the next opening orders meet the new limit (each is ~30 % of equity); only closing ones leave
        assertThat(events.of(IntentRejected.class)).filteredOn(r -> r.code().value().equals("MAX_ORDER_NOTIONAL"))
                .isNotEmpty().allSatisfy(r -> assertThat(r.message()).endsWith("> max 30"));
        assertThat(events.of(OrderSubmitted.class)).allSatisfy(s -> assertThat(s.request().reduceOnly()).isTrue());
        assertThat(host.marks().recentMarks(BTC)).hasSize(128);
        assertThat(host.marks().recentMarks(BTC).subList(0, 10)).isNotEqualTo(windows.get(BTC).subList(0, 10));

        host.stop();
        assertThat(JournalFiles.configReloads(data.resolve("journal.db"))).containsExactly(reloaded);
        host = null;
    }

    @Test
    void newStrategyParametersGiveNewInstancesOnlyWhereTheyApply() throws IOException {
        trade(Duration.ofMinutes(2));
        Map<Symbol, Strategy> before = strategies();

        ConfigReloaded reloaded = reload(BASE.replace("long = 8", "long = 12"));

        assertThat(reloaded.outcome()).isEqualTo("applied");
        assertThat(strategies().get(BTC)).isNotSameAs(before.get(BTC));
        assertThat(strategies().get(ETH)).isNotSameAs(before.get(ETH));

        ConfigReloaded unchanged = reload(BASE.replace("long = 8", "long = 12"));
        assertThat(unchanged.outcome()).isEqualTo("unchanged");
        Map<Symbol, Strategy> kept = strategies();

        reload(BASE.replace("long = 8", "long = 12").replace("order = [\"trading-state\", \"max-order-notional\","
                + " \"leverage\"]", "order = [\"trading-state\", \"leverage\"]"));
        assertThat(strategies()).isEqualTo(kept);
        assertThat(host.registry().coordinators()).isNotEmpty();
    }

    @Test
    void tighteningLeverageBelowWhatIsOpenGoesReduceOnlyUntilTheBookIsBackWithinTheLimit() throws IOException {
        BigDecimal leverage = openUntilExposed();
        String limit = leverage.divide(BigDecimal.TWO, 4, RoundingMode.DOWN).toPlainString();

        ConfigReloaded reloaded = reload(BASE.replace("[guards.config.leverage]\nmax = \"3\"",
                "[guards.config.leverage]\nmax = \"" + limit + "\""));

        assertThat(reloaded.outcome()).isEqualTo("reduce-only");
        assertThat(reloaded.severity()).isEqualTo("high");
        assertThat(reloaded.changes()).singleElement().satisfies(c -> {
            assertThat(c.key()).isEqualTo("guards.config.leverage.max");
            assertThat(c.rule()).startsWith("below the open leverage ");
        });
        assertThat(host.tradingState().state()).isEqualTo(TradingState.REDUCE_ONLY);
        StateReason drift = reason(ReasonCode.CONFIG_DRIFT);
        assertThat(drift.source()).isEqualTo(ReasonSource.DRIFT);
        assertThat(drift.clearing()).isEqualTo(ClearingRule.LIMITS_MET);
        assertThat(drift.message()).contains("guards.config.leverage.max");
        assertThat(host.liveConfig().running().guardConfig("leverage").decimal("max", "0", "0", "100"))
                .isEqualByComparingTo(limit);

        // the strategy closes everything under reduce-only; once flat, the limit holds and the reason goes
        for (int minute = 0; minute < 30 && host.tradingState().state() != TradingState.ACTIVE; minute++) {
            trade(Duration.ofMinutes(1));
        }
        assertThat(host.tradingState().state()).isEqualTo(TradingState.ACTIVE);
        assertThat(events.of(StateReasonChanged.class)).filteredOn(c -> c.reason().code()
                .equals(ReasonCode.CONFIG_DRIFT)).extracting(StateReasonChanged::active, StateReasonChanged::by)
                .containsExactly(tuple(true, ""), tuple(false, "exposure back within the new limits"));
        assertThat(host.tradingState().transitions()).extracting(t -> t.from() + ">" + t.to())
                .containsExactly("ACTIVE>REDUCE_ONLY", "REDUCE_ONLY>ACTIVE");
    }

    @Test
    void anOperatorMayClearConfigDriftBeforeTheBookIsBackWithinTheLimit() throws IOException {
        openUntilExposed();
        reload(BASE.replace("[guards.config.leverage]\nmax = \"3\"", "[guards.config.leverage]\nmax = \"0.0001\""));
        assertThat(host.tradingState().state()).isEqualTo(TradingState.REDUCE_ONLY);

        assertThat(host.operator().clear("ana", ReasonCode.CONFIG_DRIFT)).isTrue();
        host.kernel().runUntilIdle();
        trade(Duration.ofSeconds(5));

        assertThat(host.tradingState().reasons()).extracting(StateReason::code).doesNotContain(ReasonCode.CONFIG_DRIFT);
        assertThat(host.liveConfig().driftKeys()).isEmpty();
    }

    @Test
    void aCriticalChangeStopsGracefullyWithItsReasonAndThePositionsJournaled() throws IOException {
        BigDecimal leverage = openUntilExposed();
        assertThat(leverage).isPositive();
        List<Position> open = host.portfolio().positions().stream().filter(p -> !p.isFlat()).toList();

        ConfigReloaded reloaded = reload(BASE.replace("name = \"paper\"", "name = \"paper-b\""));

        assertThat(reloaded.outcome()).isEqualTo("stopping");
        assertThat(reloaded.severity()).isEqualTo("critical");
        assertThat(host.stopReason()).isEqualTo("config_drift: critical change of venue.name");
        host.runUntil(null, () -> false); // returns at once: the host asked to stop
        host.stop();
        assertThat(host.summary("duration").stopReason()).isEqualTo("config_drift: critical change of venue.name");
        assertThat(host.summary("duration").toJson()).contains("\"stopReason\" : \"config_drift: critical change"
                + " of venue.name\"");
        assertThat(JournalFiles.read(data.resolve("journal.db")).positions().stream()
                .filter(p -> !p.isFlat()).toList()).containsExactlyInAnyOrderElementsOf(open);
        assertThat(JournalFiles.configReloads(data.resolve("journal.db"))).containsExactly(reloaded);
        host = null;
    }

    @Test
    void anInvalidFileIsRefusedWholeWithEveryProblemAndTheOldConfigurationTradesOn() throws IOException {
        trade(Duration.ofMinutes(2));
        String broken = BASE.replace("max = \"50000\"", "max = \"30\"")
                .replace("long = 8", "long = 2")
                .replace("mark_window = 64", "mark_window = 1\nmark_windw = 3");

        ConfigReloaded refused = reload(broken);

        assertThat(refused.outcome()).isEqualTo("refused");
        assertThat(refused.errors()).containsExactly(
                file + ":35: telemetry.mark_window: must be between 2 and 100000 (was 1)",
                file + ":36: telemetry.mark_windw: unknown key (did you mean telemetry.mark_window?)",
                file + ":14: strategy.config.ma-crossover.short: must be less than long (3 >= 2)");
        assertThat(host.liveConfig().running().guardConfig("max-order-notional").decimal("max", "0", "0", "1e9"))
                .isEqualByComparingTo("50000");
        assertThat(host.registry().all()).filteredOn(h -> h.component().equals("config")).singleElement()
                .satisfies(h -> {
                    assertThat(h.status()).isEqualTo(HealthStatus.DEGRADED);
                    assertThat(h.error()).contains("telemetry.mark_window");
                });
        long sequence = host.journal().snapshot().lastSequence();
        trade(Duration.ofMinutes(5));
        assertThat(host.journal().snapshot().lastSequence()).as("still trading").isGreaterThan(sequence);
        assertThat(events.of(IntentRejected.class)).noneMatch(r -> r.code().value().equals("MAX_ORDER_NOTIONAL"));

        ConfigReloaded good = reload(BASE);
        assertThat(good.outcome()).isEqualTo("unchanged");
        assertThat(host.registry().all()).filteredOn(h -> h.component().equals("config")).singleElement()
                .satisfies(h -> assertThat(h.status()).isEqualTo(HealthStatus.HEALTHY));
    }

    @Test
    void rapidSuccessiveWritesApplyInOrderAndAHalfWrittenFileIsRefusedWithoutHarm() throws IOException {
        trade(Duration.ofMinutes(1));
        Files.writeString(file, BASE.replace("mark_window = 64", "mark_window = 100"));
        CompletableFuture<ConfigReloaded> first = reloader.reloadNow("file");
        Files.writeString(file, BASE.replace("mark_window = 64", "mark_window = 110"));
        CompletableFuture<ConfigReloaded> second = reloader.reloadNow("file");
        Files.writeString(file, BASE.substring(0, BASE.indexOf("[guards.config.leverage]") + 10));
        CompletableFuture<ConfigReloaded> half = reloader.reloadNow("file");
        host.kernel().advanceBy(Duration.ZERO); // the kernel decides between two events

        assertThat(first.join().outcome()).isEqualTo("applied");
        assertThat(second.join().changes()).extracting(ConfigReloaded.Change::newValue).containsExactly("110");
        assertThat(half.join().outcome()).isEqualTo("refused");
        assertThat(half.join().errors()).singleElement().asString().contains("not valid TOML");
        assertThat(host.marks().capacity()).isEqualTo(110);

        ConfigReloaded finished = reload(BASE.replace("mark_window = 64", "mark_window = 110"));
        assertThat(finished.outcome()).isEqualTo("unchanged");
        assertThat(events.of(ConfigReloaded.class)).extracting(ConfigReloaded::outcome)
                .containsExactly("applied", "applied", "refused", "unchanged");
    }

    @Test
    void restartOnlyKeysAreKeptForTheNextStartAndSaidSo() throws IOException {
        ConfigReloaded reloaded = reload(BASE.replace("[telemetry]", "[journal]\nqueue = 1024\n\n[telemetry]"));

        assertThat(reloaded.severity()).isEqualTo("restart");
        assertThat(reloaded.outcome()).isEqualTo("applied");
        assertThat(host.registry().all()).filteredOn(h -> h.component().equals("config")).singleElement()
                .satisfies(h -> assertThat(h.details()).containsEntry("pendingRestart", "journal.queue"));
    }

    @Test
    void aNewSymbolIsTradedLiveAndOneTheVenueDoesNotListIsRefused() throws IOException {
        trade(Duration.ofMinutes(2));
        Map<Symbol, List<Price>> windows = windows();
        Map<Symbol, Strategy> strategies = strategies();
        Symbol sol = Symbol.of("SOL-USD");

        ConfigReloaded added = reload(BASE.replace("symbols = [\"BTC-PERP\", \"ETH-PERP\"]",
                "symbols = [\"BTC-PERP\", \"ETH-PERP\", \"SOL-USD\"]"));

        assertThat(added.outcome()).isEqualTo("applied");
        assertThat(added.changes()).singleElement().satisfies(c -> {
            assertThat(c.severity()).isEqualTo("safe");
            assertThat(c.rule()).isEqualTo("added [SOL-USD]");
        });
        assertThat(host.venues().symbols()).containsExactly(BTC, ETH, sol);
        assertThat(windows()).isEqualTo(windows);
        assertThat(strategies()).isEqualTo(strategies);
        trade(Duration.ofMinutes(10));
        assertThat(host.marks().recentMarks(sol)).hasSize(64);
        assertThat(events.of(OrderSubmitted.class)).anyMatch(o -> o.request().symbol().equals(sol));

        ConfigReloaded unlisted = reload(BASE.replace("symbols = [\"BTC-PERP\", \"ETH-PERP\"]",
                "symbols = [\"BTC-PERP\", \"ETH-PERP\", \"SOL-USD\", \"XRP-USD\"]"));
        assertThat(unlisted.outcome()).isEqualTo("refused");
        assertThat(unlisted.errors()).singleElement().asString().startsWith("host.symbols: the venue does not list"
                + " XRP-USD");
        assertThat(host.venues().symbols()).containsExactly(BTC, ETH, sol);
    }

    @Test
    void aCheckThatNeverReturnsIsRefusedAndTheNextReloadDoesNotWaitBehindIt() throws Exception {
        ConfigReloader quick = new ConfigReloader(host.kernel(), host.liveConfig(), file, List.of(), Map.of(),
                catalog, host::requestStop, Duration.ofMillis(200));
        try {
            Files.writeString(file, BASE.replace("name = \"paper\"", "name = \"stuck\""));
            ConfigReloaded refused = drive(quick.request("SIGHUP"));
            assertThat(refused.outcome()).isEqualTo("refused");
            assertThat(refused.errors()).containsExactly("config: checking did not finish within 200 ms (a plugin's"
                    + " factory did not return)");

            Files.writeString(file, BASE.replace("mark_window = 64", "mark_window = 70"));
            ConfigReloaded applied = drive(quick.request("SIGHUP"));
            assertThat(applied.outcome()).as("a new checking thread, not the stuck one").isEqualTo("applied");
            assertThat(host.marks().capacity()).isEqualTo(70);
            assertThat(host.stopReason()).isNull();
        } finally {
            quick.close();
        }
    }

    /** Drives the kernel (timers included) until {@code answer} is in, as the live loop would; bounded. */
    private ConfigReloaded drive(CompletableFuture<ConfigReloaded> answer) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!answer.isDone() && System.nanoTime() < deadline) {
            host.kernel().advanceBy(Duration.ZERO);
            Thread.onSpinWait();
        }
        return answer.get(1, TimeUnit.SECONDS);
    }

    @Test
    void aCanaryIsLockedAgainstDriftAndRefusesEveryChange() throws IOException {
        host.stop();
        reloader.close();
        String canary = BASE.replace("[host]\n", "[host]\nprofile = \"canary\"\n")
                .replace("[guards.config.leverage]\nmax = \"3\"", "[guards.config.leverage]\nmax = \"1\"");
        start(canary, catalog);
        assertThat(host.tradingState().state()).isEqualTo(TradingState.REDUCE_ONLY);

        ConfigReloaded refused = reload(canary.replace("mark_window = 64", "mark_window = 65"));

        assertThat(refused.outcome()).isEqualTo("refused");
        assertThat(refused.errors()).containsExactly("host.profile canary is locked against drift: restart to change"
                + " its configuration");
        assertThat(refused.changes()).extracting(ConfigReloaded.Change::key).containsExactly("telemetry.mark_window");
        assertThat(host.marks().capacity()).isEqualTo(64);
    }

    private ConfigReloaded reload(String text) throws IOException {
        Files.writeString(file, text);
        CompletableFuture<ConfigReloaded> answer = reloader.reloadNow("file");
        host.kernel().advanceBy(Duration.ZERO); // the kernel decides between two events
        assertThat(answer).isDone();
        return answer.join();
    }

    private void trade(Duration duration) {
        host.kernel().advanceBy(duration);
    }

    /** Trades until something is open; returns the open leverage. */
    private BigDecimal openUntilExposed() {
        for (int minute = 0; minute < 120; minute++) {
            BigDecimal leverage = host.liveConfig().exposure().leverage();
            if (leverage != null && leverage.signum() > 0) {
                return leverage;
            }
            trade(Duration.ofMinutes(1));
        }
        throw new AssertionError("nothing opened in two hours of trading");
    }

    private StateReason reason(ReasonCode code) {
        return host.tradingState().reasons().stream().filter(r -> r.code().equals(code)).findFirst().orElseThrow();
    }

    private Map<Symbol, List<Price>> windows() {
        Map<Symbol, List<Price>> out = new LinkedHashMap<>();
        for (Symbol s : List.of(BTC, ETH)) {
            out.put(s, List.copyOf(host.marks().recentMarks(s)));
        }
        return out;
    }

    private Map<Symbol, Strategy> strategies() {
        StrategyCoordinator strategy = host.registry().coordinators().stream()
                .filter(StrategyCoordinator.class::isInstance).map(StrategyCoordinator.class::cast).findFirst()
                .orElseThrow();
        Map<Symbol, Strategy> out = new LinkedHashMap<>();
        for (Symbol s : List.of(BTC, ETH)) {
            out.put(s, strategy.strategy(s));
        }
        return out;
    }

    /** A venue whose factory does not return until {@code release} opens: a plugin stuck in its factory. */
    private static VenueFactory stuck(String name, CountDownLatch release) {
        VenueFactory paper = renamed(name);
        return venue(name, (config, context) -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return paper.create(config, context);
        });
    }

    /** The paper venue under another name: a second venue to change to. */
    private static VenueFactory renamed(String name) {
        VenueFactory paper = PluginCatalog.fromLayer(ModuleLayer.boot()).venues().stream()
                .filter(f -> f.name().equals("paper")).findFirst().orElseThrow();
        return venue(name, paper::create);
    }

    /** A simulated venue plugin named {@code name} that {@code create} makes. */
    private static VenueFactory venue(String name, BiFunction<PluginConfig, VenueContext, Venue> create) {
        return new VenueFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return "a test venue";
            }

            @Override
            public List<String> requiredCredentials() {
                return List.of();
            }

            @Override
            public boolean simulated() {
                return true;
            }

            @Override
            public Venue create(PluginConfig config, VenueContext context) {
                return create.apply(config, context);
            }
        };
    }
}
