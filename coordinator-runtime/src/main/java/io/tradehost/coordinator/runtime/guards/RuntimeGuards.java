package io.tradehost.coordinator.runtime.guards;

import io.tradehost.api.config.ConfigException;
import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.config.PluginFactories;
import io.tradehost.api.event.Event;
import io.tradehost.api.guard.DataUnavailableException;
import io.tradehost.api.guard.RuntimeGuard;
import io.tradehost.api.guard.RuntimeGuardContext;
import io.tradehost.api.guard.RuntimeGuardFactory;
import io.tradehost.api.host.Throwables;
import io.tradehost.api.state.ReasonCode;
import io.tradehost.api.state.ReasonSource;
import io.tradehost.api.state.StateReason;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.time.Clock;
import io.tradehost.api.time.ScheduledTask;
import io.tradehost.api.time.Scheduler;
import io.tradehost.coordinator.runtime.state.TradingStateMachine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
/**
 * The runtime guards in configured order: each evaluated on its own timer and shown every event. A
 * guard whose data is unavailable is logged and asked again next time; one that throws anything else
 * fails closed: {@code guard_failure.<name>} (REDUCE_ONLY, operator clears) is raised and the
 * failure counted. Kernel thread only.
 */
public final class RuntimeGuards {
    private static final Logger LOG = LoggerFactory.getLogger(RuntimeGuards.class);

    private record Named(String name, RuntimeGuard guard) {
    }

    private final List<Named> guards;
    private final TradingStateMachine state;
    private final Clock clock;
    private final Map<String, Long> failures = new LinkedHashMap<>();
    private final Map<String, Long> dataMisses = new LinkedHashMap<>();
    private final List<ScheduledTask> timers = new ArrayList<>();

    private RuntimeGuards(List<Named> guards, TradingStateMachine state, Clock clock) {
        this.guards = List.copyOf(guards);
        this.state = state;
        this.clock = clock;
    }

    /**
     * Creates the guards named in {@code order}.
     *
     * @throws ConfigException if a name has no plugin or a block has an unknown key
     */
    public static RuntimeGuards create(List<RuntimeGuardFactory> factories, List<String> order,
                                       Function<String, PluginConfig> configFor, RuntimeGuardContext context,
                                       TradingStateMachine state, Clock clock) {
        List<Named> guards = new ArrayList<>();
        for (String name : order) {
            guards.add(new Named(name, PluginFactories.create("runtime guard", "runtime_guards.order", name, factories,
                    RuntimeGuardFactory::name, configFor.apply(name), (f, config) -> f.create(config, context))));
        }
        return new RuntimeGuards(guards, state, clock);
    }

    /** Starts every guard's timer. */
    public void start(Scheduler scheduler) {
        for (Named g : guards) {
            timers.add(scheduler.scheduleAtFixedRate(g.guard().interval(), g.guard().interval(),
                    () -> call(g, () -> g.guard().evaluate())));
        }
    }

    /** Shows {@code event} to every guard. */
    public void onEvent(Event event) {
        for (Named g : guards) {
            call(g, () -> g.guard().onEvent(event));
        }
    }

    /** Stops the timers. */
    public void stop() {
        timers.forEach(ScheduledTask::cancel);
        timers.clear();
    }

    /** Names in order. */
    public List<String> names() {
        return guards.stream().map(Named::name).toList();
    }

    /** Failures per guard. */
    public Map<String, Long> failures() {
        return Map.copyOf(failures);
    }

    /** Evaluations skipped for missing data, per guard. */
    public Map<String, Long> dataMisses() {
        return Map.copyOf(dataMisses);
    }

    private void call(Named g, Runnable body) {
        try {
            body.run();
        } catch (DataUnavailableException e) {
            long n = dataMisses.merge(g.name(), 1L, Long::sum);
            if (Long.bitCount(n) == 1) {
                LOG.info("runtime guard {} has no data yet ({}); it tries again next time", g.name(), e.getMessage());
            }
        } catch (Throwable e) {
            Throwables.rethrowIfFatal(e);
            failures.merge(g.name(), 1L, Long::sum);
            ReasonCode code = ReasonCode.guardFailure(g.name());
            if (state.reasons().stream().noneMatch(r -> r.code().equals(code))) {
                LOG.error("runtime guard {} failed; the host goes reduce-only until an operator clears {}", g.name(),
                        code, e);
            }
            state.raise(new StateReason(code, ReasonSource.GUARD_FAILURE, TradingState.REDUCE_ONLY, "runtime guard '"
                    + g.name() + "' threw " + Throwables.describe(e), Map.of("guard", g.name()), clock.nanos()));
        }
    }
}
