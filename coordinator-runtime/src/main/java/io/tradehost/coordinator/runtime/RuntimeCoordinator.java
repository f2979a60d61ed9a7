package io.tradehost.coordinator.runtime;

import io.tradehost.api.event.Event;
import io.tradehost.api.event.IntentRejected;
import io.tradehost.api.event.StrategyQuarantined;
import io.tradehost.api.host.Coordinator;
import io.tradehost.api.host.Health;
import io.tradehost.api.host.HealthStatus;
import io.tradehost.api.state.ReasonSource;
import io.tradehost.api.state.StateReason;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.time.Clock;
import io.tradehost.api.time.Scheduler;
import java.util.Map;

/**
 * Bootstraps the venue, owns the trading-state machine, runs the runtime guards, raises the
 * configured reasons at start, a
 * host-wide guard-failure reason when a guard throws, and a symbol-scoped reduce-only reason when a
 * strategy is quarantined. Kernel thread only.
 */
public final class RuntimeCoordinator implements Coordinator {
    /** Rejection code execution uses when a guard threw. */
    public static final String GUARD_FAILURE = "GUARD_FAILURE";

    private final RuntimeSettings settings;
    private final VenueBootstrap bootstrap;
    private final TradingStateMachine state;
    private final RuntimeGuards guards;
    private final Scheduler scheduler;
    private final Clock clock;

    public RuntimeCoordinator(RuntimeSettings settings, VenueBootstrap bootstrap, TradingStateMachine state,
                              RuntimeGuards guards, Scheduler scheduler, Clock clock) {
        this.settings = settings;
        this.bootstrap = bootstrap;
        this.state = state;
        this.guards = guards;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "runtime";
    }

    @Override
    public void initialize() {
        bootstrap.bootstrap(settings);
        if (settings.reduceOnly()) {
            state.raise(new StateReason("config.reduce_only", ReasonSource.CONFIG, TradingState.REDUCE_ONLY,
                    "configuration sets runtime.reduce_only", Map.of(), clock.nanos()));
        }
        if (settings.halted()) {
            state.raise(new StateReason("config.halted", ReasonSource.CONFIG, TradingState.HALTED,
                    "configuration sets runtime.halted", Map.of(), clock.nanos()));
        }
    }

    @Override
    public void start() {
        guards.start(scheduler);
    }

    @Override
    public void onEvent(Event event) {
        guards.onEvent(event);
        if (event instanceof IntentRejected rejected && GUARD_FAILURE.equals(rejected.code())) {
            state.raise(new StateReason("guard_failure." + rejected.stage(), ReasonSource.GUARD_FAILURE,
                    TradingState.REDUCE_ONLY, rejected.message(), Map.of("guard", rejected.stage()), clock.nanos()));
        } else if (event instanceof StrategyQuarantined q) {
            state.raise(new StateReason("strategy_quarantine." + q.symbol(), ReasonSource.STRATEGY_FAILURE,
                    TradingState.REDUCE_ONLY, "strategy '" + q.strategy() + "' quarantined: it " + q.reason(),
                    Map.of("strategy", q.strategy()), clock.nanos(), q.symbol()));
        }
    }

    @Override
    public void stop() {
        guards.stop();
        bootstrap.close();
    }

    @Override
    public Health health() {
        Map<String, String> details = Map.of("tradingState", state.state().name(),
                "reasons", String.join(",", state.reasons().stream().map(StateReason::code).toList()),
                "venue", bootstrap.isConnected() ? settings.venue() : "not connected",
                "runtimeGuards", String.join(",", guards.names()),
                "runtimeGuardFailures", guards.failures().toString(),
                "transitions", state.transitionCounts().toString());
        if (!bootstrap.isConnected()) {
            return Health.of(name(), HealthStatus.UNHEALTHY, details, "venue not connected");
        }
        return state.state() == TradingState.ACTIVE ? Health.healthy(name(), details)
                : Health.of(name(), HealthStatus.DEGRADED, details, "trading state " + state.state());
    }
}
