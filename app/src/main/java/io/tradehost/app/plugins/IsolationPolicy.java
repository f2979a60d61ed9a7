package io.tradehost.app.plugins;

import io.tradehost.api.host.PluginCalls;
import io.tradehost.api.host.PluginIsolation;
import io.tradehost.app.config.HostConfig;
import io.tradehost.kernel.isolation.WorkerCalls;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.LongSupplier;
/**
 * The host's answer to "how does this plugin run": a plugin named in {@code plugins.isolation} runs
 * as configured; otherwise a built-in (trusted, linked into the host) runs inline and a drop-in
 * plugin runs isolated on a worker of its own, with its kind's budget. On a virtual clock (tests,
 * replay) the kernel waits for an isolated call at least {@code virtualWait} of real time, so that
 * results do not depend on the machine's speed: only a plugin that hangs is late there. Keeps
 * every worker it hands out, so {@link #close} can stop them all. Kernel thread only.
 */
public final class IsolationPolicy implements PluginIsolation, AutoCloseable {
    /** How one plugin runs. */
    public enum Mode {
        /** On the kernel thread, timed, never preempted. */
        INLINE,
        /** On a worker thread of its own; the kernel waits at most the budget. */
        ISOLATED;

        /** {@code "inline"} or {@code "isolated"}. */
        public static Mode parse(String text) {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        }
    }

    /** How long an isolated plugin may take to start (a factory, a venue's connect). */
    private static final Duration STARTUP = Duration.ofSeconds(30);

    private final Map<String, Mode> configured;
    private final BiPredicate<String, String> dropIn;
    private final Map<String, Duration> budgets;
    private final Duration virtualWait;
    private final LongSupplier monotonicNanos;
    private final List<PluginCalls> handedOut = new ArrayList<>();

    /**
     * @param configured the mode of plugins named in {@code plugins.isolation}, by name
     * @param dropIn whether the plugin of a kind and name came from a plugin folder
     * @param budgets the budget of each kind ({@code strategy}, {@code guard}, {@code runtime-guard}, {@code venue})
     * @param virtualWait on a virtual clock, the least real time the kernel waits for an isolated
     *     call; null on the system clock
     * @param monotonicNanos times inline calls
     */
    public IsolationPolicy(Map<String, Mode> configured, BiPredicate<String, String> dropIn,
                           Map<String, Duration> budgets, Duration virtualWait, LongSupplier monotonicNanos) {
        this.configured = Map.copyOf(configured);
        this.dropIn = Objects.requireNonNull(dropIn, "dropIn");
        this.budgets = Map.copyOf(budgets);
        this.virtualWait = virtualWait;
        this.monotonicNanos = Objects.requireNonNull(monotonicNanos, "monotonicNanos");
    }

    /**
     * The policy of {@code config} for the plugins of {@code catalog}, with the budgets of the
     * configuration.
     *
     * @param virtualWait see the constructor; null on the system clock
     */
    public static IsolationPolicy of(HostConfig config, PluginCatalog catalog, Duration virtualWait,
                                     LongSupplier monotonicNanos) {
        return new IsolationPolicy(config.plugins().isolation(), catalog::isDropIn, Map.of(
                "strategy", config.decisionBudget(), "guard", config.budgets().guard(),
                "runtime-guard", config.budgets().runtimeGuard(), "venue", config.budgets().venue()),
                virtualWait, monotonicNanos);
    }

    /** The mode of plugin {@code name} of {@code kind}. */
    public Mode mode(String kind, String name) {
        return configured.getOrDefault(name, dropIn.test(kind, name) ? Mode.ISOLATED : Mode.INLINE);
    }

    @Override
    public PluginCalls calls(String kind, String name, String instance) {
        Duration budget = budgets.get(kind);
        if (budget == null) {
            throw new IllegalArgumentException("no budget for plugins of kind " + kind);
        }
        PluginCalls calls;
        if (mode(kind, name) == Mode.INLINE) {
            calls = PluginCalls.inline(monotonicNanos, budget);
        } else {
            Duration wait = virtualWait == null || virtualWait.compareTo(budget) < 0 ? budget : virtualWait;
            Duration startup = STARTUP.compareTo(wait) < 0 ? wait : STARTUP;
            calls = new WorkerCalls("plugin " + kind + " " + name + (instance.isEmpty() ? "" : " " + instance), wait,
                    startup);
        }
        handedOut.add(calls);
        return calls;
    }

    /** Stops every worker handed out, without waiting for a call still running. */
    @Override
    public void close() {
        handedOut.forEach(PluginCalls::close);
    }
}
