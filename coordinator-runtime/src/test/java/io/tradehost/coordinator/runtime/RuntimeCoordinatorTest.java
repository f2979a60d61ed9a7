package io.tradehost.coordinator.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.command.OrderIntent;
import io.tradehost.api.config.ConfigException;
import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.event.Event;
import io.tradehost.api.event.IntentRejected;
import io.tradehost.api.event.JournalWriteFailed;
import io.tradehost.api.event.MarkUpdated;
import io.tradehost.api.event.StrategyQuarantined;
import io.tradehost.api.guard.RuntimeGuard;
import io.tradehost.api.guard.RuntimeGuardContext;
import io.tradehost.api.guard.RuntimeGuardFactory;
import io.tradehost.api.host.HealthStatus;
import io.tradehost.api.host.PluginIsolation;
import io.tradehost.api.host.StartupException;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.state.ReasonCode;
import io.tradehost.api.state.ReasonSource;
import io.tradehost.api.state.StateReason;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.venue.Venue;
import io.tradehost.api.venue.VenueContext;
import io.tradehost.api.venue.VenueException;
import io.tradehost.api.venue.VenueFactory;
import io.tradehost.coordinator.runtime.guards.HostGuardContext;
import io.tradehost.coordinator.runtime.guards.RuntimeGuards;
import io.tradehost.coordinator.runtime.operator.OperatorConsole;
import io.tradehost.coordinator.runtime.state.TradingStateMachine;
import io.tradehost.coordinator.runtime.venue.VenueBootstrap;
import io.tradehost.kernel.Kernel;
import io.tradehost.kernel.VenueEventAdapter;
import io.tradehost.kernel.VirtualClock;
import io.tradehost.testkit.Fixtures;
import io.tradehost.testkit.InMemoryJournal;
import io.tradehost.testkit.ScriptedVenue;
import io.tradehost.testkit.StubMarket;
import io.tradehost.testkit.StubPortfolio;
import io.tradehost.testkit.StubVenueAccess;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
class RuntimeCoordinatorTest {
    private final VirtualClock clock = new VirtualClock(Fixtures.EPOCH);
    private final Kernel kernel = new Kernel(clock);
    private final ScriptedVenue venue = new ScriptedVenue(List.of(Fixtures.perpetual("BTC-PERP"),
            Fixtures.spot("SOL-USD")));
    private final TradingStateMachine state = new TradingStateMachine(kernel, clock, kernel);
    private final InMemoryJournal journal = new InMemoryJournal("r");

    {
        journal.recordBaseline(Money.ofUnits(10_000), List.of(), 0);
    }

    private RuntimeCoordinator runtime(List<VenueFactory> factories, Map<String, String> env, RuntimeSettings settings) {
        VenueBootstrap bootstrap = new VenueBootstrap(factories, env, clock, kernel, new VenueEventAdapter(kernel, clock));
        return new RuntimeCoordinator(settings, bootstrap, state, RuntimeGuards.create(List.of(), List.of(),
                name -> PluginConfig.empty(name), null, state, clock, PluginIsolation.inline()), journal, kernel, kernel, clock);
    }

    private static RuntimeSettings settings(String venue, boolean reduceOnly, boolean halted, String... symbols) {
        return new RuntimeSettings(venue, PluginConfig.empty("venue.config"),
                Arrays.stream(symbols).map(Symbol::of).toList(), reduceOnly, halted, 7);
    }

    @Test
    void bootstrapsTheVenueAndResolvesTheTradedProducts() {
        RuntimeCoordinator runtime = runtime(List.of(ScriptedVenue.factory("scripted", List.of(), venue)), Map.of(),
                settings("scripted", false, false, "SOL-USD", "BTC-PERP"));
        assertThat(runtime.health().status()).isEqualTo(HealthStatus.UNHEALTHY);
        runtime.initialize();
        runtime.start();
        assertThat(venue.isConnected()).isTrue();
        assertThat(runtime.health().status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(runtime.health().details()).containsEntry("tradingState", "ACTIVE").containsEntry("venue", "scripted");
        assertThat(runtime.name()).isEqualTo("runtime");
        runtime.stop();
        assertThat(venue.isClosed()).isTrue();
    }

    @Test
    void configuredReduceOnlyAndHaltRaiseTheirReasons() {
        RuntimeCoordinator runtime = runtime(List.of(ScriptedVenue.factory("scripted", List.of(), venue)), Map.of(),
                settings("scripted", true, true, "BTC-PERP"));
        runtime.initialize();
        assertThat(state.state()).isEqualTo(TradingState.HALTED);
        assertThat(state.reasons()).extracting(r -> r.code().value()).containsExactly("config.reduce_only", "config.halted");
        assertThat(state.reasons()).extracting(StateReason::source).containsOnly(ReasonSource.CONFIG);
        assertThat(runtime.health().status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(runtime.health().details()).containsEntry("transitions", "{REDUCE_ONLY=1, HALTED=1}");
    }

    @Test
    void aThrowingGuardMovesTheHostToReduceOnly() {
        RuntimeCoordinator runtime = runtime(List.of(ScriptedVenue.factory("scripted", List.of(), venue)), Map.of(),
                settings("scripted", false, false, "BTC-PERP"));
        runtime.initialize();
        OrderIntent intent = new OrderIntent(1, Symbol.of("BTC-PERP"), Side.BUY, false, null, null, OrderType.MARKET,
                null, null, false, false, "s", "r", null, 0);
        runtime.onIntentRejected(new IntentRejected(intent, "leverage", RejectionCode.of("LEVERAGE"), "too much"));
        assertThat(state.state()).isEqualTo(TradingState.ACTIVE);
        runtime.onIntentRejected(new IntentRejected(intent, "leverage", RejectionCode.GUARD_FAILURE, "guard threw"));
        assertThat(state.state()).isEqualTo(TradingState.REDUCE_ONLY);
        assertThat(state.reasons()).extracting(r -> r.code().value()).containsExactly("guard_failure.leverage");
    }

    @Test
    void aQuarantinedStrategyHoldsOnlyItsSymbolInReduceOnly() {
        RuntimeCoordinator runtime = runtime(List.of(ScriptedVenue.factory("scripted", List.of(), venue)), Map.of(),
                settings("scripted", false, false, "BTC-PERP", "SOL-USD"));
        runtime.initialize();
        runtime.onQuarantined(new StrategyQuarantined(Symbol.of("BTC-PERP"), "ma", "failed 5 times"));
        assertThat(state.state()).isEqualTo(TradingState.ACTIVE);
        assertThat(state.state(Symbol.of("BTC-PERP"))).isEqualTo(TradingState.REDUCE_ONLY);
        assertThat(state.state(Symbol.of("SOL-USD"))).isEqualTo(TradingState.ACTIVE);
        StateReason reason = state.reasons().getFirst();
        assertThat(reason.code()).isEqualTo(ReasonCode.strategyQuarantine(Symbol.of("BTC-PERP")));
        assertThat(reason.source()).isEqualTo(ReasonSource.STRATEGY_FAILURE);
        assertThat(reason.message()).isEqualTo("strategy 'ma' quarantined: it failed 5 times");
        assertThat(state.transitions()).isEmpty();
    }

    /** A runtime guard that logs each evaluation and each event it is shown. */
    private RuntimeGuardFactory watching(List<String> log) {
        return new RuntimeGuardFactory() {
            @Override
            public String name() {
                return "watch";
            }

            @Override
            public String description() {
                return "logs";
            }

            @Override
            public List<String> keys() {
                return List.of();
            }

            @Override
            public RuntimeGuard create(PluginConfig config, RuntimeGuardContext context) {
                return new RuntimeGuard() {
                    @Override
                    public Duration interval() {
                        return Duration.ofSeconds(30);
                    }

                    @Override
                    public void evaluate() {
                        log.add("evaluate");
                    }

                    @Override
                    public void onEvent(Event event) {
                        log.add("saw " + event.getClass().getSimpleName());
                    }
                };
            }
        };
    }

    @Test
    void startRunsTheRuntimeGuardsAndThePeriodicReconciliationAndStopEndsBoth() {
        List<String> log = new ArrayList<>();
        VenueBootstrap bootstrap = new VenueBootstrap(List.of(ScriptedVenue.factory("scripted", List.of(), venue)),
                Map.of(), clock, kernel, new VenueEventAdapter(kernel, clock));
        HostGuardContext context = new HostGuardContext(clock, new StubPortfolio(Money.ofUnits(10_000)),
                new StubMarket(), new StubVenueAccess(venue, venue.products()), state, kernel);
        RuntimeCoordinator runtime = new RuntimeCoordinator(settings("scripted", false, false, "BTC-PERP"), bootstrap,
                state, RuntimeGuards.create(List.of(watching(log)), List.of("watch"), PluginConfig::empty, context, state,
                        clock, PluginIsolation.inline()), journal, kernel, kernel, clock);
        runtime.initialize();
        runtime.start();
        runtime.showToGuards(new MarkUpdated(Fixtures.mark("BTC-PERP", "100")));
        kernel.advanceBy(Duration.ofMinutes(1));
        assertThat(log).containsExactly("saw MarkUpdated", "evaluate", "evaluate");
        assertThat(runtime.health().details()).containsEntry("reconciliations", "2")
                .containsEntry("runtimeGuards", "watch");
        runtime.stop();
        kernel.advanceBy(Duration.ofMinutes(5));
        assertThat(log).as("no evaluation after the stop").hasSize(3);
        assertThat(runtime.health().details()).as("no reconciliation after the stop")
                .containsEntry("reconciliations", "2");
        assertThat(kernel.pendingTimerCount()).isZero();
    }

    @Test
    void aFailedHandlerHaltsAndMakesTheRuntimeUnhealthyNamingIt() {
        RuntimeCoordinator runtime = runtime(List.of(ScriptedVenue.factory("scripted", List.of(), venue)), Map.of(),
                settings("scripted", false, false, "BTC-PERP"));
        runtime.initialize();
        runtime.start();
        runtime.onJournalWriteFailed(new JournalWriteFailed("fill", "disk full", 0));
        assertThat(runtime.health().status()).as("halted, but the books are sound").isEqualTo(HealthStatus.DEGRADED);
        runtime.handlerFailed("execution.ledger", "OrderFilled", "ArithmeticException: overflow");
        assertThat(state.state()).isEqualTo(TradingState.HALTED);
        assertThat(runtime.health().status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(runtime.health().error()).isEqualTo("handler execution.ledger failed on OrderFilled: "
                + "ArithmeticException: overflow");
        assertThat(runtime.health().details()).containsEntry("reasons",
                "journal.write_failed,handler_failure.execution.ledger");
        assertThat(state.reasons()).extracting(StateReason::source)
                .containsExactly(ReasonSource.JOURNAL, ReasonSource.HANDLER_FAILURE);
    }

    /** A venue factory named {@code name} needing {@code credentials}, creating its venue with {@code create}. */
    private static VenueFactory factory(String name, List<String> credentials,
                                        Function<VenueContext,
                                                Venue> create) {
        return new VenueFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return "test venue";
            }

            @Override
            public List<String> requiredCredentials() {
                return credentials;
            }

            @Override
            public Venue create(PluginConfig config, VenueContext c) {
                return create.apply(c);
            }
        };
    }

    @Test
    void theVenueIsGivenTheCredentialsItNamesAndNoOtherVariable() {
        Map<String, String> given = new HashMap<>();
        VenueFactory needsKeys = factory("exchange", List.of("EX_API_KEY"), c -> {
            given.putAll(c.credentials());
            return venue;
        });
        runtime(List.of(needsKeys), Map.of("EX_API_KEY", "k", "HOME", "/root"), settings("exchange", false, false,
                "BTC-PERP")).initialize();
        assertThat(given).containsExactly(Map.entry("EX_API_KEY", "k"));
    }

    @Test
    void optionalCredentialsArePassedWhenSetAndNeverRequired() {
        Map<String, String> given = new HashMap<>();
        VenueFactory optional = new VenueFactory() {
            @Override
            public String name() {
                return "exchange";
            }

            @Override
            public String description() {
                return "test venue";
            }

            @Override
            public List<String> requiredCredentials() {
                return List.of();
            }

            @Override
            public List<String> optionalCredentials() {
                return List.of("EX_KEY", "EX_FILE_HINT");
            }

            @Override
            public Venue create(PluginConfig config, VenueContext c) {
                given.clear();
                given.putAll(c.credentials());
                return venue;
            }
        };
        runtime(List.of(optional), Map.of("EX_KEY", "k", "EX_FILE_HINT", " ", "HOME", "/root"),
                settings("exchange", false, false, "BTC-PERP")).initialize();
        assertThat(given).containsExactly(Map.entry("EX_KEY", "k"));
        runtime(List.of(optional), Map.of(), settings("exchange", false, false, "BTC-PERP")).initialize();
        assertThat(given).isEmpty();
    }

    @Test
    void aVenueThatThrowsWhileConnectingStopsStartUpInOneLineAndIsClosed() {
        List<String> closed = new ArrayList<>();
        Venue buggy = (Venue) Proxy.newProxyInstance(
                Venue.class.getClassLoader(), new Class<?>[] {Venue.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "connect" -> throw new IllegalStateException("no config file");
                    case "close" -> closed.add("closed");
                    default -> null;
                });
        VenueFactory wrapping = factory("buggy", List.of(), c -> buggy);
        RuntimeCoordinator runtime = runtime(List.of(wrapping), Map.of(), settings("buggy", false, false, "BTC-PERP"));
        assertThatThrownBy(runtime::initialize).isInstanceOf(StartupException.class)
                .hasMessage("venue 'buggy' failed to connect: IllegalStateException: no config file");
        assertThat(closed).containsExactly("closed");
    }

    @Test
    void anOperatorHaltIsRaisedOnceAndClearedOnce() {
        OperatorConsole console = new OperatorConsole(state, clock, kernel, kernel, Set.of());
        assertThat(console.halt("ana", "maintenance")).isTrue();
        assertThat(console.halt("ben", "again")).isFalse();
        assertThat(console.state()).isEqualTo(TradingState.HALTED);
        assertThat(state.reasons().getFirst().metadata()).containsEntry("operator", "ana");
        assertThat(console.clear("ana", ReasonCode.OPERATOR_HALT)).isTrue();
        assertThat(console.clear("ana", ReasonCode.OPERATOR_HALT)).isFalse();
        assertThat(console.state()).isEqualTo(TradingState.ACTIVE);
    }

    @Test
    void anUnknownVenueNameListsTheVenuesThatExist() {
        RuntimeCoordinator runtime = runtime(List.of(ScriptedVenue.factory("scripted", List.of(), venue)), Map.of(),
                settings("binance", false, false, "BTC-PERP"));
        assertThatThrownBy(runtime::initialize).isInstanceOf(ConfigException.class)
                .hasMessage("venue.name: no venue plugin named 'binance' (found: scripted)");
    }

    @Test
    void missingCredentialsStopStartUpNamingTheVariables() {
        VenueFactory needsKeys = ScriptedVenue.factory("exchange", List.of("EX_API_KEY", "EX_SECRET"), venue);
        RuntimeCoordinator runtime = runtime(List.of(needsKeys), Map.of("EX_API_KEY", "k", "EX_SECRET", " "),
                settings("exchange", false, false, "BTC-PERP"));
        assertThatThrownBy(runtime::initialize).isInstanceOf(StartupException.class)
                .hasMessage("venue 'exchange' needs credentials: set the environment variable EX_SECRET");
        assertThat(venue.isConnected()).isFalse();

        RuntimeCoordinator both = runtime(List.of(needsKeys), Map.of(), settings("exchange", false, false, "BTC-PERP"));
        assertThatThrownBy(both::initialize).hasMessageEndingWith("variables EX_API_KEY, EX_SECRET");

        RuntimeCoordinator ok = runtime(List.of(needsKeys), Map.of("EX_API_KEY", "k", "EX_SECRET", "s"),
                settings("exchange", false, false, "BTC-PERP"));
        ok.initialize();
        assertThat(venue.isConnected()).isTrue();
    }

    @Test
    void aFailedConnectionStopsStartUpAndClosesTheVenue() {
        venue.failConnect(new VenueException(RejectionCode.of("UNREACHABLE"), "connection refused", true));
        RuntimeCoordinator runtime = runtime(List.of(ScriptedVenue.factory("scripted", List.of(), venue)), Map.of(),
                settings("scripted", false, false, "BTC-PERP"));
        assertThatThrownBy(runtime::initialize).isInstanceOf(StartupException.class)
                .hasMessage("could not connect to venue 'scripted': connection refused [UNREACHABLE]");
        assertThat(venue.isClosed()).isTrue();
    }

    @Test
    void aSymbolTheVenueDoesNotListIsAConfigError() {
        RuntimeCoordinator runtime = runtime(List.of(ScriptedVenue.factory("scripted", List.of(), venue)), Map.of(),
                settings("scripted", false, false, "DOGE-PERP"));
        assertThatThrownBy(runtime::initialize).isInstanceOf(ConfigException.class)
                .hasMessage("host.symbols: venue 'scripted' does not list DOGE-PERP (it lists: BTC-PERP, SOL-USD)");
    }

    @Test
    void anUnknownVenueConfigKeyIsAConfigError() {
        RuntimeSettings settings = new RuntimeSettings("scripted", new PluginConfig("venue.config", Map.of("tick", "1s")),
                List.of(Symbol.of("BTC-PERP")), false, false, 1);
        RuntimeCoordinator runtime = runtime(List.of(ScriptedVenue.factory("scripted", List.of(), venue)), Map.of(),
                settings);
        assertThatThrownBy(runtime::initialize).isInstanceOf(ConfigException.class)
                .hasMessage("venue.config.tick: unknown key for venue 'scripted'");
    }

    @Test
    void venueAccessBeforeBootstrapAndForUntradedSymbolsIsRefused() {
        VenueBootstrap bootstrap = new VenueBootstrap(List.of(ScriptedVenue.factory("scripted", List.of(), venue)),
                Map.of(), clock, kernel, new VenueEventAdapter(kernel, clock));
        assertThatThrownBy(bootstrap::venue).isInstanceOf(IllegalStateException.class);
        bootstrap.close();
        bootstrap.bootstrap(settings("scripted", false, false, "BTC-PERP"));
        assertThat(bootstrap.symbols()).containsExactly(Symbol.of("BTC-PERP"));
        assertThat(bootstrap.product(Symbol.of("BTC-PERP")).isPerpetual()).isTrue();
        assertThatThrownBy(() -> bootstrap.product(Symbol.of("SOL-USD"))).hasMessage("the host does not trade SOL-USD");
        assertThatThrownBy(() -> new RuntimeSettings("x", PluginConfig.empty("v"), List.of(), false, false, 0))
                .hasMessageContaining("no symbols");
    }
}
