package io.tradehost.api.host;

import java.time.Duration;
/**
 * Decides how each plugin instance runs (inline on the kernel thread, or isolated on a worker of its
 * own with a deadline) and hands out its {@link PluginCalls}. The host's policy: trusted built-ins
 * inline, drop-in plugins isolated, each overridable by configuration. Kernel thread only.
 */
@FunctionalInterface
public interface PluginIsolation {
    /**
     * The calls for one instance.
     *
     * @param kind {@code strategy}, {@code guard}, {@code runtime-guard} or {@code venue}
     * @param name the plugin's name
     * @param instance which instance, e.g. the symbol of a strategy; empty when there is one
     */
    PluginCalls calls(String kind, String name, String instance);

    /**
     * Every plugin inline and untimed (every call takes "0 ns"): for tools that call plugins once
     * (reconcile), and for tests that are not about isolation.
     */
    static PluginIsolation inline() {
        return (kind, name, instance) -> PluginCalls.inline(() -> 0L, Duration.ofDays(1));
    }
}
