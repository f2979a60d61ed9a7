package io.tradehost.app.reload;

import io.tradehost.api.config.ConfigException;
import io.tradehost.api.event.ConfigReloaded;
import io.tradehost.api.host.Health;
import io.tradehost.api.host.HealthStatus;
import io.tradehost.api.host.StartupException;
import io.tradehost.api.host.Throwables;
import io.tradehost.app.config.ConfigCheck;
import io.tradehost.app.config.ConfigDiff;
import io.tradehost.app.config.ConfigTrees;
import io.tradehost.app.config.DriftRules;
import io.tradehost.app.config.HostConfig;
import io.tradehost.app.config.Severity;
import io.tradehost.app.plugins.PluginCatalog;
import io.tradehost.kernel.Kernel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads a running host's configuration: the file given with {@code --config} (or the embedded
 * defaults) with the same {@code --set} overrides, validated whole off the kernel thread, then
 * diffed, classified ({@link DriftRules}) and acted on between two events on the kernel thread:
 * refused (the old configuration stays, WARN, health DEGRADED until a good file arrives), safe
 * and high changes applied (high ones also raise {@code config_drift}), or a graceful stop for a
 * critical one. Every reload is published as {@link ConfigReloaded} (journaled) and logged one
 * line per changed key. {@link #request} is thread-safe; reloads run one at a time.
 */
public final class ConfigReloader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigReloader.class);
    /** A check whose plugin factories have not returned by then is refused. */
    public static final Duration CHECK_BUDGET = Duration.ofSeconds(30);

    private final Kernel kernel;
    private final LiveConfig live;
    private final Path file;
    private final List<String> overrides;
    private final Map<String, String> environment;
    private final PluginCatalog catalog;
    private final Consumer<String> stop;
    private final Duration checkBudget;
    private ExecutorService checks = checker();
    private List<String> refused = List.of();
    private List<String> pendingRestart = List.of();
    private long reloads;
    private String stopReason;

    /**
     * @param file the configuration file, or null for the embedded defaults
     * @param stop asked (on the kernel thread) to stop the host gracefully, with the stop reason
     */
    public ConfigReloader(Kernel kernel, LiveConfig live, Path file, List<String> overrides,
                          Map<String, String> environment, PluginCatalog catalog, Consumer<String> stop) {
        this(kernel, live, file, overrides, environment, catalog, stop, CHECK_BUDGET);
    }

    /** The same, with another budget for checking a file (its plugins' factories included). */
    public ConfigReloader(Kernel kernel, LiveConfig live, Path file, List<String> overrides,
                          Map<String, String> environment, PluginCatalog catalog, Consumer<String> stop,
                          Duration checkBudget) {
        this.checkBudget = checkBudget;
        this.kernel = kernel;
        this.live = live;
        this.file = file;
        this.overrides = List.copyOf(overrides);
        this.environment = Map.copyOf(environment);
        this.catalog = catalog;
        this.stop = stop;
    }

    /**
     * Reloads, on a checking thread and then the kernel's. Thread-safe.
     *
     * @param trigger what asked: {@code file}, {@code SIGHUP}, {@code api:<actor>}
     * @return completed on the kernel thread with what the host did
     */
    public synchronized CompletableFuture<ConfigReloaded> request(String trigger) {
        CompletableFuture<ConfigReloaded> answer = new CompletableFuture<>();
        ExecutorService checker = checks;
        CompletableFuture.supplyAsync(this::check, checker)
                .orTimeout(checkBudget.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((result, error) -> {
                    if (unwrapped(error) instanceof TimeoutException) {
                        abandon(checker);
                    }
                })
                .whenComplete((result, error) -> kernel.schedule(Duration.ZERO, () -> {
                    try {
                        answer.complete(apply(trigger, result != null ? result : failed(error)));
                    } catch (RuntimeException | Error e) {
                        answer.completeExceptionally(e); // the caller hears; the kernel contains and counts it
                        throw e;
                    }
                }));
        return answer;
    }

    /**
     * Checks on the calling thread and applies on the kernel thread once it next runs: for
     * tests that step a virtual clock.
     */
    public CompletableFuture<ConfigReloaded> reloadNow(String trigger) {
        ConfigCheck.Result result = check();
        CompletableFuture<ConfigReloaded> answer = new CompletableFuture<>();
        kernel.schedule(Duration.ZERO, () -> answer.complete(apply(trigger, result)));
        return answer;
    }

    private static ExecutorService checker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "tradehost-config-check");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * A check that never returned (a plugin's factory stuck) keeps its thread; later reloads get a
     * new one instead of queueing behind it. The stuck daemon thread is left to the JVM.
     */
    private synchronized void abandon(ExecutorService stuck) {
        if (checks == stuck) {
            LOG.warn("config reload: a check did not finish within {} ms; it is abandoned on its thread",
                    checkBudget.toMillis());
            stuck.shutdownNow();
            checks = checker();
        }
    }

    private ConfigCheck.Result check() {
        return ConfigCheck.check(file, overrides, environment, catalog);
    }

    /** A later stage sees a failure wrapped in a {@link CompletionException}. */
    private static Throwable unwrapped(Throwable error) {
        return error instanceof CompletionException wrapped && wrapped.getCause() != null ? wrapped.getCause() : error;
    }

    private ConfigCheck.Result failed(Throwable thrown) {
        Throwable error = unwrapped(thrown);
        String why = error instanceof TimeoutException ? "checking did not finish within "
                + checkBudget.toMillis() + " ms (a plugin's factory did not return)"
                : "checking failed: " + Throwables.describe(error);
        return new ConfigCheck.Result(null, null, List.of(new ConfigCheck.Problem("config", 0, null, why, null)));
    }

    /** Decides and acts on one checked configuration. Kernel thread. */
    ConfigReloaded apply(String trigger, ConfigCheck.Result result) {
        reloads++;
        if (stopReason != null) {
            return publish(trigger, "refused", Severity.NONE, List.of(), List.of("the host is stopping: "
                    + stopReason));
        }
        if (!result.ok()) {
            return refuse(trigger, List.of(), result.problems().stream().map(ConfigCheck.Problem::toLine).toList());
        }
        HostConfig running = live.running();
        HostConfig next = result.config();
        List<ConfigDiff.Change> changes = ConfigDiff.between(ConfigTrees.of(running), ConfigTrees.of(next));
        if (changes.isEmpty()) {
            LOG.info("config reload ({}): {} is unchanged", trigger, source());
            refused = List.of();
            return publish(trigger, "unchanged", Severity.NONE, List.of(), List.of());
        }
        List<DriftRules.Classified> classified = DriftRules.classify(changes, live.exposure());
        if (running.profile().lockedAgainstDrift()) {
            return refuse(trigger, classified, List.of("host.profile " + running.profile()
                    + " is locked against drift: restart to change its configuration"));
        }
        Severity worst = DriftRules.worst(classified);
        for (DriftRules.Classified c : classified) {
            LOG.warn("config drift ({}): {}: {} -> {} [{}: {}]", trigger, c.change().key(), shown(c.change()
                    .shownBefore()), shown(c.change().shownAfter()), c.severity().configName(), c.verdict().why());
        }
        if (worst == Severity.CRITICAL) {
            List<String> keys = classified.stream().filter(c -> c.severity() == Severity.CRITICAL)
                    .map(c -> c.change().key()).toList();
            stopReason = "config_drift: critical change of " + String.join(", ", keys);
            LOG.warn("config reload ({}): critical change of {}; stopping gracefully, positions kept", trigger, keys);
            ConfigReloaded reloaded = publish(trigger, "stopping", worst, classified, List.of());
            stop.accept(stopReason);
            return reloaded;
        }
        try {
            live.apply(next, classified);
        } catch (ConfigException | StartupException e) {
            return refuse(trigger, classified, List.of(e.getMessage()));
        }
        refused = List.of();
        pendingRestart = classified.stream().filter(c -> c.severity() == Severity.RESTART)
                .map(c -> c.change().key()).toList();
        if (!pendingRestart.isEmpty()) {
            LOG.warn("config reload ({}): {} take effect at the next start; the host goes on with their old values",
                    trigger, pendingRestart);
        }
        List<DriftRules.Classified> high = classified.stream().filter(c -> c.severity() == Severity.HIGH).toList();
        if (!high.isEmpty()) {
            live.drifted(high);
        }
        LOG.info("config reload ({}): {} change(s) applied{}", trigger, classified.size(),
                high.isEmpty() ? "" : "; reduce-only (config_drift) until the exposure is within the new limits");
        return publish(trigger, high.isEmpty() ? "applied" : "reduce-only", worst, classified, List.of());
    }

    private ConfigReloaded refuse(String trigger, List<DriftRules.Classified> classified, List<String> errors) {
        refused = errors;
        LOG.warn("config reload ({}): {} refused ({} problem(s)); the host keeps its configuration", trigger,
                source(), errors.size());
        errors.forEach(e -> LOG.warn("config reload ({}): {}", trigger, e));
        return publish(trigger, "refused", Severity.NONE, classified, errors);
    }

    private ConfigReloaded publish(String trigger, String outcome, Severity severity,
                                   List<DriftRules.Classified> classified, List<String> errors) {
        List<ConfigReloaded.Change> changes = new ArrayList<>();
        for (DriftRules.Classified c : classified) {
            changes.add(new ConfigReloaded.Change(c.change().key(), c.change().shownBefore(),
                    c.change().shownAfter(), c.severity().configName(), c.verdict().why()));
        }
        ConfigReloaded reloaded = new ConfigReloaded(trigger, outcome, severity.configName(), changes, errors,
                kernel.clock().nanos());
        kernel.publish(reloaded);
        return reloaded;
    }

    private static String shown(String value) {
        return value == null ? "(unset)" : value;
    }

    private String source() {
        return file == null ? "the embedded configuration" : file.toString();
    }

    /** Why a critical change stops the host, or null. Kernel thread. */
    public String stopReason() {
        return stopReason;
    }

    /** DEGRADED while the last file was refused, naming its first problem. Kernel thread. */
    public Health health() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("source", source());
        details.put("reloads", Long.toString(reloads));
        details.put("profile", live.running().profile().configName());
        if (!pendingRestart.isEmpty()) {
            details.put("pendingRestart", String.join(",", pendingRestart));
        }
        if (!live.driftKeys().isEmpty()) {
            details.put("drift", String.join(",", live.driftKeys()));
        }
        if (refused.isEmpty()) {
            return Health.healthy("config", details);
        }
        details.put("problems", Integer.toString(refused.size()));
        return Health.of("config", HealthStatus.DEGRADED, details, "configuration refused, running on the previous"
                + " one: " + refused.getFirst());
    }

    @Override
    public synchronized void close() {
        checks.shutdownNow();
    }
}
