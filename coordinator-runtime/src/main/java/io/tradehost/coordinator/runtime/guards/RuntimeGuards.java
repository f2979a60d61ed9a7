package io.tradehost.coordinator.runtime.guards;

import io.tradehost.api.config.ConfigException;
import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.config.PluginFactories;
import io.tradehost.api.event.Event;
import io.tradehost.api.guard.DataUnavailableException;
import io.tradehost.api.guard.RuntimeGuard;
import io.tradehost.api.guard.RuntimeGuardContext;
import io.tradehost.api.guard.RuntimeGuardFactory;
import io.tradehost.api.host.PluginCalls.Outcome;
import io.tradehost.api.host.PluginCalls;
import io.tradehost.api.host.PluginIsolation;
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
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
/**
 * The runtime guards in configured order: each evaluated on its own timer, and shown every event
 * if it overrides {@link RuntimeGuard#onEvent}. Each is called through its {@link PluginCalls}; an
 * isolated guard works on a copy of the host's state taken before each call, and what it raises,
 * clears or cancels is done once the call has returned (see {@link IsolatedGuardContext}). A guard
 * whose data is unavailable is logged and asked again next time; one that throws anything else (but
 * a failure of the JVM itself), does not answer within its budget or is still busy fails closed:
 * {@code guard_failure.<name>} (REDUCE_ONLY, operator clears) is raised and the failure counted.
 * Kernel thread only.
 */
public final class RuntimeGuards {
    private static final Logger LOG = LoggerFactory.getLogger(RuntimeGuards.class);

    /**
     * @param foresees whether the guard says when its verdict can change ({@link RuntimeGuard#sameVerdictUntilNanos})
     * @param last {@link #events} at the guard's last check (-1 before its first), and the instant its
     *     verdict stays the same until without an event
     */
    private record Named(String name, RuntimeGuard guard, PluginCalls calls, IsolatedGuardContext isolated,
                         boolean seesEvents, boolean foresees, long[] last) {
    }

    private List<Named> guards;
    private final HostGuardContext host;
    private final TradingStateMachine state;
    private final Clock clock;
    private final Map<String, Long> failures = new LinkedHashMap<>();
    private final Map<String, Long> dataMisses = new LinkedHashMap<>();
    private final List<ScheduledTask> timers = new ArrayList<>();
    private Scheduler scheduler;
    /** Events shown to the guards so far: what a check that does not depend on time compares. */
    private long events;
    private long skipped;

    private RuntimeGuards(List<Named> guards, HostGuardContext host, TradingStateMachine state, Clock clock) {
        this.guards = List.copyOf(guards);
        this.host = host;
        this.state = state;
        this.clock = clock;
    }

    /**
     * Creates the guards named in {@code order}, each through its calls (an isolated guard's
     * factory runs on its worker, with a context of its own).
     *
     * @throws ConfigException if a name has no plugin or a block has an unknown key
     * @throws io.tradehost.api.host.StartupException if a factory fails or does not return in time
     */
    public static RuntimeGuards create(List<RuntimeGuardFactory> factories, List<String> order,
                                       Function<String, PluginConfig> configFor, HostGuardContext context,
                                       TradingStateMachine state, Clock clock, PluginIsolation isolation) {
        List<Named> guards = new ArrayList<>();
        for (String name : order) {
            PluginCalls calls = isolation.calls("runtime-guard", name, "");
            IsolatedGuardContext isolated = calls.isolated() ? new IsolatedGuardContext(context) : null;
            RuntimeGuardContext given = isolated != null ? isolated : context;
            RuntimeGuard guard = PluginFactories.create("runtime guard", "runtime_guards.order", name, factories,
                    RuntimeGuardFactory::name, configFor.apply(name), (f, config) -> calls.start(
                            () -> f.create(config, given), "runtime guard '" + name + "'"));
            guards.add(new Named(name, guard, calls, isolated, overridesOnEvent(guard), overrides(guard,
                    "sameVerdictUntilNanos"), new long[] {-1, RuntimeGuard.EVERY_TICK}));
        }
        return new RuntimeGuards(guards, context, state, clock);
    }

    /** Whether {@code guard} does anything with events, so that the others are not called for every one. */
    private static boolean overridesOnEvent(RuntimeGuard guard) {
        try {
            return guard.getClass().getMethod("onEvent", Event.class).getDeclaringClass() != RuntimeGuard.class;
        } catch (NoSuchMethodException e) {
            return true;
        }
    }

    /** Whether {@code guard}'s class declares its own {@code method} (no arguments). */
    private static boolean overrides(RuntimeGuard guard, String method) {
        try {
            return guard.getClass().getMethod(method).getDeclaringClass() != RuntimeGuard.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** Starts every guard's timer. */
    public void start(Scheduler scheduler) {
        this.scheduler = scheduler;
        for (Named g : guards) {
            timers.add(scheduler.scheduleAtFixedRate(g.guard().interval(), g.guard().interval(), () -> check(g)));
        }
    }

    /**
     * A guard's check, skipped while nothing was dispatched since its last one and the instant it named
     * then has not come. The instant is asked in the same call as the check; a check that did not return
     * (threw, was late) names none: the next tick checks again.
     */
    private void check(Named g) {
        long[] last = g.last();
        if (last[0] == events && clock.nanos() < last[1]) {
            skipped++;
            return;
        }
        last[0] = events;
        long[] until = {RuntimeGuard.EVERY_TICK};
        boolean returned = call(g, () -> {
            g.guard().evaluate();
            if (g.foresees()) {
                until[0] = g.guard().sameVerdictUntilNanos();
            }
        });
        last[1] = returned ? until[0] : RuntimeGuard.EVERY_TICK;
    }

    /** Guard checks skipped because nothing had happened since the guard's last one. */
    public long skippedChecks() {
        return skipped;
    }

    /** Shows {@code event} to every guard that looks at events. */
    public void onEvent(Event event) {
        events++;
        for (Named g : guards) {
            if (g.seesEvents()) {
                call(g, () -> g.guard().onEvent(event));
            }
        }
    }

    /** Stops the timers. */
    public void stop() {
        cancelTimers();
        scheduler = null;
    }

    private void cancelTimers() {
        timers.forEach(ScheduledTask::cancel);
        timers.clear();
    }

    /**
     * Switches to the guards of {@code order}, as a reloaded configuration asks: each is kept (with
     * what it has measured, e.g. a drawdown's peak) unless it is new or its block is in
     * {@code changed}, when it is created afresh; left-out and replaced guards stop their workers.
     * The timers restart. Reasons raised by a guard stay raised and follow their clearing rules.
     *
     * @throws ConfigException if a name has no plugin or a block has an unknown key; the guards are then unchanged
     * @throws io.tradehost.api.host.StartupException if a factory fails or does not return in time
     */
    public void reconfigure(List<RuntimeGuardFactory> factories, List<String> order,
                            Function<String, PluginConfig> configFor, Set<String> changed, PluginIsolation isolation) {
        Map<String, Named> current = new LinkedHashMap<>();
        guards.forEach(g -> current.put(g.name(), g));
        List<String> fresh = order.stream().filter(n -> !current.containsKey(n) || changed.contains(n)).toList();
        Map<String, Named> created = new LinkedHashMap<>();
        create(factories, fresh, configFor, host, state, clock, isolation).guards.forEach(g -> created.put(g.name(), g));
        List<Named> next = new ArrayList<>();
        for (String name : order) {
            next.add(created.containsKey(name) ? created.get(name) : current.get(name));
        }
        Scheduler running = scheduler;
        cancelTimers();
        guards.stream().filter(g -> !next.contains(g)).forEach(g -> g.calls().close());
        guards = List.copyOf(next);
        if (running != null) {
            start(running);
        }
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

    /** Calls {@code body} as the guard's; true if it returned. */
    private boolean call(Named g, Runnable body) {
        IsolatedGuardContext.View view = g.isolated() == null ? null : g.isolated().prepare();
        Outcome<Object> outcome = g.calls().call(() -> {
            body.run();
            return null;
        });
        if (view != null && (outcome instanceof Outcome.Returned || outcome instanceof Outcome.Threw)) {
            view.apply(host);
        }
        switch (outcome) {
            case Outcome.Returned<Object> r -> {
                return true;
            }
            case Outcome.Threw<Object> t when t.error() instanceof DataUnavailableException e -> {
                long n = dataMisses.merge(g.name(), 1L, Long::sum);
                if (Long.bitCount(n) == 1) {
                    LOG.info("runtime guard {} has no data yet ({}); it tries again next time", g.name(),
                            e.getMessage());
                }
            }
            case Outcome.Threw<Object> t -> failed(g, "threw " + Throwables.describe(t.error()), t.error());
            case Outcome.Late<Object> l -> failed(g, "did not answer within its budget of "
                    + g.calls().budget().toMillis() + " ms", null);
            case Outcome.Busy<Object> b -> failed(g, "is still busy with an earlier call ("
                    + b.runningNanos() / 1_000_000 + " ms)", null);
        }
        return false;
    }

    private void failed(Named g, String what, Throwable error) {
        failures.merge(g.name(), 1L, Long::sum);
        ReasonCode code = ReasonCode.guardFailure(g.name());
        if (state.reasons().stream().noneMatch(r -> r.code().equals(code))) {
            LOG.error("runtime guard {} {}; the host goes reduce-only until an operator clears {}", g.name(), what,
                    code, error);
        }
        state.raise(new StateReason(code, ReasonSource.GUARD_FAILURE, TradingState.REDUCE_ONLY, "runtime guard '"
                + g.name() + "' " + what, Map.of("guard", g.name()), clock.nanos()));
    }
}
