package io.tradehost.coordinator.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.command.OrderIntent;
import io.tradehost.api.config.ConfigException;
import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.event.IntentRejected;
import io.tradehost.api.event.StrategyQuarantined;
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
import io.tradehost.api.venue.VenueException;
import io.tradehost.api.venue.VenueFactory;
import io.tradehost.coordinator.runtime.guards.RuntimeGuards;
import io.tradehost.coordinator.runtime.state.TradingStateMachine;
import io.tradehost.coordinator.runtime.venue.VenueBootstrap;
import io.tradehost.kernel.Kernel;
import io.tradehost.kernel.VenueEventAdapter;
import io.tradehost.kernel.VirtualClock;
import io.tradehost.testkit.Fixtures;
import io.tradehost.testkit.InMemoryJournal;
import io.tradehost.testkit.ScriptedVenue;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
