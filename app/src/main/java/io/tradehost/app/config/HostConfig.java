package io.tradehost.app.config;

import io.tradehost.admin.AdminSettings;
import io.tradehost.alerts.AlertSettings;
import io.tradehost.api.config.ConfigException;
import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.host.PrintableText;
import io.tradehost.api.value.Ratio;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.value.TimeInForce;
import io.tradehost.app.plugins.IsolationPolicy;
import io.tradehost.app.plugins.PluginPins;
import io.tradehost.coordinator.execution.RetryPolicy;
import io.tradehost.coordinator.strategy.CycleMode;
import io.tradehost.faults.FaultSettings;
import io.tradehost.journal.Durability;
import io.tradehost.journal.PostgresLocation;
import java.nio.file.Path;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
/**
 * The host's configuration, read strictly from a parsed tree: every host key is typed and
 * range-checked, an unknown key is an error, and the plugin blocks ({@code venue.config},
 * {@code strategy.config}, {@code guards.config.NAME}) are handed to their plugins, which refuse
 * keys they do not read. Immutable.
 *
 * @param source where the configuration came from (a file or the embedded defaults), for error messages
 * @param symbols traded symbols, in order, no duplicates
 * @param runId prefix of client order ids, or null to derive one from the start time
 * @param venue venue plugin name
 * @param venueConfig its block
 * @param strategy strategy plugin name
 * @param cycle when strategies decide
 * @param cycleInterval the interval for {@link CycleMode#INTERVAL}
 * @param strategyAssignments strategy name per symbol ({@code strategy.symbols}), overriding {@code strategy}
 * @param strategyConfigs the {@code strategy.config} block, one sub-block per strategy name
 * @param quarantineAfterFailures consecutive strategy failures that quarantine a symbol
 * @param decisionBudget how long one decision may take before it counts as slow
 * @param quarantineAfterSlow consecutive slow decisions that quarantine a symbol
 * @param guardOrder guard plugin names, in the order they check
 * @param guardsConfig the {@code guards.config} block, one sub-block per guard
 * @param runtimeGuardOrder runtime guard plugin names, in order
 * @param runtimeGuardsConfig the {@code runtime_guards.config} block, one sub-block per runtime guard
 * @param timeInForce default time in force
 * @param reduceOnly hold the host in reduce-only
 * @param halted hold the host halted
 * @param markWindow marks kept per symbol
 * @param statusInterval status line interval
 * @param staleAfter mark age that makes telemetry degraded
 * @param retries how placement retries transient venue failures ({@code execution.retry})
 * @param reconciliation how journal and venue are compared ({@code runtime.reconciliation})
 * @param journal how the journal writes ({@code journal})
 * @param faults faults to inject into the venue ({@code faults}), if the block is present
 * @param plugins which drop-in entries may load and how each plugin runs ({@code plugins})
 * @param budgets how long each kind of plugin call may take ({@code guards.budget},
 *     {@code runtime_guards.budget}, {@code venue.call_budget}; strategies have {@code decisionBudget})
 * @param maxDecisionLeverage a strategy decision above this many times equity is refused as a failure
 * @param cancelOnStop {@code strategy.cancel_on_stop}: an event-driven strategy's open orders are
 *     cancelled when it stops
 * @param barCloseDelay {@code strategy.bar_close_delay}: how long after its end a bar is closed, for
 *     trades still on their way
 * @param admin the admin API ({@code admin})
 * @param alerts where alerts go ({@code alerts})
 * @param tree the whole configuration as read (defaults, file, overrides), for showing it; may hold secrets
 * @param profile {@code host.profile}: the layer of defaults under the file and the rules it holds
 * @param derivatives {@code host.derivatives}: whether perpetuals may be traded
 */
public record HostConfig(String source, List<Symbol> symbols, String runId, String venue, PluginConfig venueConfig,
                         String strategy, Map<Symbol, String> strategyAssignments, CycleMode cycle,
                         Duration cycleInterval, PluginConfig strategyConfigs, int quarantineAfterFailures,
                         Duration decisionBudget, int quarantineAfterSlow,
                         List<String> guardOrder, PluginConfig guardsConfig, List<String> runtimeGuardOrder,
                         PluginConfig runtimeGuardsConfig, TimeInForce timeInForce,
                         boolean reduceOnly, boolean halted, int markWindow, Duration statusInterval,
                         Duration staleAfter, RetryPolicy retries, Reconciliation reconciliation,
                         Journal journal, Optional<FaultSettings> faults, Plugins plugins, CallBudgets budgets,
                         Ratio maxDecisionLeverage, boolean cancelOnStop, Duration barCloseDelay,
                         AdminSettings admin, AlertSettings alerts,
                         Map<String, Object> tree, Profile profile, boolean derivatives) {

    /**
     * {@code plugins}: {@code pins} (entry file name to SHA-256) with {@code require_pinned}, and
     * {@code isolation} (plugin name to {@code "inline"} or {@code "isolated"}).
     */
    public record Plugins(PluginPins pins, Map<String, IsolationPolicy.Mode> isolation) {
        public Plugins {
            isolation = Map.copyOf(isolation);
        }
    }

    /** How long one call of a guard, a runtime guard and the venue may take before it is abandoned. */
    public record CallBudgets(Duration guard, Duration runtimeGuard, Duration venue) {
    }

    /**
     * {@code runtime.reconciliation}: {@code interval} between comparisons while trading, and
     * {@code on_mismatch}: {@code "reduce_only"} (hold the host) or {@code "refuse"} (do not start).
     */
    public record Reconciliation(Duration interval, boolean refuse) {
    }

    /**
     * {@code journal}: {@code durability} ("full" or "normal"), {@code queue} (writes that may wait),
     * and, for a PostgreSQL journal instead of {@code <data dir>/journal.db}: {@code url}
     * ({@code postgresql://host:port/database}), {@code user}, {@code schema} and {@code password_file}
     * (read at start unless {@code TRADEHOST_JOURNAL_PASSWORD} is set).
     *
     * @param url null for the SQLite journal in the data directory
     * @param passwordFile null for none
     * @param lease the account lease this host must hold to trade, or null when it trades alone
     */
    public record Journal(Durability durability, int queue, String url, String user, String schema,
                          Path passwordFile, Lease lease) {
        /** Whether the journal is a PostgreSQL schema rather than the data directory's SQLite file. */
        public boolean postgres() {
            return url != null;
        }
    }

    /**
     * {@code host.id}, {@code host.account} and {@code host.lease}: hosts on one account share its journal
     * and trade one at a time, the one holding the account's lease; the others stand by.
     *
     * @param hostId this host's id, unique among the account's hosts
     * @param account the account
     * @param ttl how long the lease lasts from each renewal (a primary renews every third of it)
     */
    public record Lease(String hostId, String account, Duration ttl) {
    }

    /** Blocks their plugins check; {@code backtest} is the simulated venue's, read by backtests only. */
    private static final List<String> PLUGIN_BLOCKS = List.of("venue.config.", "strategy.config.", "guards.config.",
            "runtime_guards.config.", "backtest.");

    /**
     * Reads and validates the host keys of {@code root}; {@code tree} is the same configuration as
     * parsed, kept for showing it.
     *
     * @throws ConfigException naming the first wrong key
     */
    public static HostConfig read(String source, PluginConfig root, Map<String, Object> tree) {
        HostConfig config = readKnown(source, root, tree);
        List<String> unknown = unknownKeys(root);
        if (!unknown.isEmpty()) {
            throw new ConfigException(unknown.getFirst(), "unknown key");
        }
        return config;
    }

    /**
     * {@link #read} without refusing the keys no one read: those are {@link #unknownKeys}, all at once.
     *
     * @throws ConfigException naming the first wrong key
     */
    static HostConfig readKnown(String source, PluginConfig root, Map<String, Object> tree) {
        PluginConfig host = root.section("host");
        Profile profile = Profile.named(host.string("profile", Profile.DEFAULT.configName()));
        boolean derivatives = host.bool("derivatives", true);
        List<Symbol> symbols = symbols(host);
        String runId = host.string("run_id", null);
        if (runId != null && !runId.matches("[A-Za-z0-9_]{1,24}")) {
            throw new ConfigException("host.run_id", "must be 1-24 of A-Z a-z 0-9 _ (was \"" + runId + "\")");
        }
        PluginConfig venue = root.section("venue");
        PluginConfig strategy = root.section("strategy");
        PluginConfig guards = root.section("guards");
        PluginConfig execution = root.section("execution");
        PluginConfig runtime = root.section("runtime");
        PluginConfig telemetry = root.section("telemetry");
        List<String> order = guards.strings("order", List.of());
        if (new LinkedHashSet<>(order).size() != order.size()) {
            throw new ConfigException("guards.order", "names a guard twice: " + order);
        }
        PluginConfig guardsConfig = guards.section("config");
        PluginConfig runtimeGuards = root.section("runtime_guards");
        List<String> runtimeOrder = runtimeGuards.strings("order", List.of());
        if (new LinkedHashSet<>(runtimeOrder).size() != runtimeOrder.size()) {
            throw new ConfigException("runtime_guards.order", "names a guard twice: " + runtimeOrder);
        }
        HostConfig config = new HostConfig(source, symbols, runId,
                required(venue, "venue.name", venue.string("name", null)), venue.section("config"),
                required(strategy, "strategy.name", strategy.string("name", null)),
                assignments(strategy.section("symbols"), symbols),
                enumValue("strategy.cycle", strategy.string("cycle", "on-mark"), CycleMode.class),
                strategy.duration("interval", Duration.ofSeconds(5), Duration.ofMillis(10), Duration.ofHours(24)),
                strategy.section("config"),
                (int) strategy.integer("quarantine_after_failures", 5, 1, 1_000_000),
                strategy.duration("decision_budget", Duration.ofMillis(5), Duration.ofNanos(1000), Duration.ofMinutes(1)),
                (int) strategy.integer("quarantine_after_slow", 5, 1, 1_000_000),
                order, guardsConfig, runtimeOrder, runtimeGuards.section("config"),
                enumValue("execution.time_in_force", execution.string("time_in_force", "GTC"), TimeInForce.class),
                runtime.bool("reduce_only", false), runtime.bool("halted", false),
                (int) telemetry.integer("mark_window", 64, 2, 100_000),
                telemetry.duration("status_interval", Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofDays(1)),
                telemetry.duration("stale_after", Duration.ofSeconds(30), Duration.ofMillis(1), Duration.ofDays(1)),
                retries(execution.section("retry")), reconciliation(runtime.section("reconciliation")),
                journal(root.section("journal"), host),
                root.has("faults") ? Optional.of(FaultSettings.read(root.section("faults"))) : Optional.empty(),
                plugins(root.section("plugins")),
                new CallBudgets(guards.duration("budget", Duration.ofMillis(5), Duration.ofNanos(1000),
                        Duration.ofMinutes(1)),
                        runtimeGuards.duration("budget", Duration.ofMillis(100), Duration.ofNanos(1000),
                                Duration.ofMinutes(1)),
                        venue.duration("call_budget", Duration.ofSeconds(2), Duration.ofMillis(1),
                                Duration.ofMinutes(10))),
                strategy.ratio("max_decision_leverage", "100", "1", "100000"),
                strategy.bool("cancel_on_stop", true),
                strategy.duration("bar_close_delay", Duration.ofMillis(250), Duration.ZERO, Duration.ofMinutes(1)),
                AdminSettings.read(root.section("admin")), AlertSettings.read(root.section("alerts")),
                tree, profile, derivatives);
        config.checkProfile(guardsConfig);
        root.section("backtest"); // the simulated venue's block: its keys are the venue's to check, in backtests
        return config;
    }

    /** The keys of {@code root} that {@link #readKnown} did not read, outside the plugins' blocks: in order. */
    static List<String> unknownKeys(PluginConfig root) {
        return root.unreadKeys().stream().filter(k -> PLUGIN_BLOCKS.stream().noneMatch(k::startsWith)).toList();
    }

    private static Plugins plugins(PluginConfig block) {
        PluginConfig pinBlock = block.section("pins");
        Map<String, String> pins = new LinkedHashMap<>();
        for (String entry : pinBlock.keys()) {
            String hash = pinBlock.string(entry, "");
            if (!hash.matches("[0-9a-fA-F]{64}")) {
                throw new ConfigException("plugins.pins." + entry, "must be a SHA-256 in hex, 64 characters (was \""
                        + hash + "\")");
            }
            pins.put(entry, hash.toLowerCase(Locale.ROOT));
        }
        PluginConfig isolationBlock = block.section("isolation");
        Map<String, IsolationPolicy.Mode> isolation = new LinkedHashMap<>();
        for (String name : isolationBlock.keys()) {
            isolation.put(name, enumValue("plugins.isolation." + name, isolationBlock.string(name, ""),
                    IsolationPolicy.Mode.class));
        }
        return new Plugins(new PluginPins(pins, block.bool("require_pinned", false)), isolation);
    }

    private static RetryPolicy retries(PluginConfig retry) {
        Duration initial = retry.duration("initial_backoff", RetryPolicy.DEFAULT.initialBackoff(), Duration.ofMillis(1),
                Duration.ofMinutes(1));
        Duration max = retry.duration("max_backoff", RetryPolicy.DEFAULT.maxBackoff(), Duration.ofMillis(1),
                Duration.ofHours(1));
        if (max.compareTo(initial) < 0) {
            throw new ConfigException("execution.retry.max_backoff", "must be at least initial_backoff (" + initial
                    + "), was " + max);
        }
        return new RetryPolicy((int) retry.integer("max_attempts", RetryPolicy.DEFAULT.maxAttempts(), 1, 100),
                initial, max);
    }

    private static Reconciliation reconciliation(PluginConfig block) {
        String onMismatch = block.string("on_mismatch", "reduce_only");
        if (!onMismatch.equals("reduce_only") && !onMismatch.equals("refuse")) {
            throw new ConfigException("runtime.reconciliation.on_mismatch", "must be \"reduce_only\" or \"refuse\""
                    + " (was \"" + onMismatch + "\")");
        }
        return new Reconciliation(block.duration("interval", Duration.ofMinutes(1), Duration.ofSeconds(1),
                Duration.ofDays(1)), onMismatch.equals("refuse"));
    }

    private static Journal journal(PluginConfig block, PluginConfig host) {
        Durability durability = enumValue("journal.durability", block.string("durability", "full"), Durability.class);
        int queue = (int) block.integer("queue", 65_536, 16, 10_000_000);
        String url = block.string("url", "");
        String user = block.string("user", "tradehost");
        String schema = block.string("schema", "tradehost");
        String passwordFile = block.string("password_file", "");
        Lease lease = lease(host, !url.isBlank());
        if (url.isBlank()) {
            return new Journal(durability, queue, null, user, schema, null, null);
        }
        try {
            PostgresLocation.of(url, user, "", schema);
        } catch (IllegalArgumentException e) {
            String key = e.getMessage().startsWith("the schema") ? "journal.schema"
                    : e.getMessage().startsWith("no user") ? "journal.user" : "journal.url";
            throw new ConfigException(key, e.getMessage());
        }
        return new Journal(durability, queue, url, user, schema, passwordFile.isBlank() ? null : Path.of(passwordFile),
                lease);
    }

    private static Lease lease(PluginConfig host, boolean postgres) {
        String account = host.string("account", "");
        String hostId = host.string("id", "");
        Duration ttl = host.duration("lease", Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofMinutes(10));
        if (account.isEmpty()) {
            return null;
        }
        if (!account.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new ConfigException("host.account", "must be 1-64 of A-Z a-z 0-9 _ . - (was \""
                    + PrintableText.clip(account, 80) + "\")");
        }
        if (!postgres) {
            throw new ConfigException("host.account", "a primary and its standby share a PostgreSQL journal and its"
                    + " lease: set journal.url");
        }
        if (!hostId.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new ConfigException("host.id", "each host of account " + account + " needs its own id: 1-64 of"
                    + " A-Z a-z 0-9 _ . - (was \"" + PrintableText.clip(hostId, 80) + "\")");
        }
        return new Lease(hostId, account, ttl);
    }

    /** The rules of the canary profile; the others hold nothing their layer does not set. */
    private void checkProfile(PluginConfig guards) {
        if (profile != Profile.CANARY) {
            return;
        }
        if (!reduceOnly) {
            throw new ConfigException("runtime.reduce_only", "must be true under host.profile canary");
        }
        if (timeInForce != TimeInForce.IOC) {
            throw new ConfigException("execution.time_in_force", "must be \"IOC\" under host.profile canary (was "
                    + timeInForce + ")");
        }
        if (!guardOrder.contains("leverage")) {
            throw new ConfigException("guards.order", "must include \"leverage\" under host.profile canary");
        }
        BigDecimal max = guards.section("leverage").decimal("max", "1", "0", "1000000");
        if (max.compareTo(BigDecimal.ONE) > 0) {
            throw new ConfigException("guards.config.leverage.max", "must be at most 1 under host.profile canary"
                    + " (was " + max.stripTrailingZeros().toPlainString() + ")");
        }
    }

    public Duration reconcileInterval() {
        return reconciliation.interval();
    }

    public boolean refuseOnMismatch() {
        return reconciliation.refuse();
    }

    public Durability journalDurability() {
        return journal.durability();
    }

    public int journalQueue() {
        return journal.queue();
    }

    /** The block of the selected strategy, {@code strategy.config.<name>}; empty if none is configured. */
    public PluginConfig strategyConfig() {
        return strategyConfig(strategy);
    }

    /** The block of strategy {@code name}, {@code strategy.config.<name>}; empty if none is configured. */
    public PluginConfig strategyConfig(String name) {
        return strategyConfigs.section(name);
    }

    private static Map<Symbol, String> assignments(PluginConfig block, List<Symbol> traded) {
        Map<Symbol, String> assignments = new LinkedHashMap<>();
        for (String key : block.keys()) {
            Symbol symbol;
            try {
                symbol = Symbol.of(key);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("strategy.symbols." + key, e.getMessage());
            }
            if (!traded.contains(symbol)) {
                throw new ConfigException("strategy.symbols." + key, "is not in host.symbols " + traded);
            }
            assignments.put(symbol, block.string(key, null));
        }
        return assignments;
    }

    /**
     * Checks that every configuration block names a plugin that exists, so a misspelt block is an
     * error although blocks of plugins not in use are allowed.
     *
     * @throws ConfigException naming the first block without a plugin
     */
    public void checkPluginBlocks(List<String> strategyNames, List<String> guardNames, List<String> runtimeGuardNames) {
        check("strategy.config.", strategyConfigs.keys(), strategyNames, "strategy");
        check("guards.config.", guardsConfig.keys(), guardNames, "guard");
        check("runtime_guards.config.", runtimeGuardsConfig.keys(), runtimeGuardNames, "runtime guard");
    }

    /** The block of runtime guard {@code name}; empty if none is configured. */
    public PluginConfig runtimeGuardConfig(String name) {
        return runtimeGuardsConfig.section(name);
    }

    private static void check(String prefix, List<String> configured, List<String> known, String kind) {
        for (String name : configured) {
            if (!known.contains(name)) {
                throw new ConfigException(prefix + name, "no " + kind + " plugin named '" + name + "' (found: "
                        + String.join(", ", known) + ")");
            }
        }
    }

    /** The block of guard {@code name}; empty if none is configured. */
    public PluginConfig guardConfig(String name) {
        return guardsConfig.section(name);
    }

    private static List<Symbol> symbols(PluginConfig host) {
        List<String> names = host.strings("symbols", List.of());
        if (names.isEmpty()) {
            throw new ConfigException("host.symbols", "must list at least one symbol");
        }
        List<Symbol> symbols = new ArrayList<>();
        for (String name : names) {
            try {
                symbols.add(Symbol.of(name));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("host.symbols", e.getMessage());
            }
        }
        if (new LinkedHashSet<>(symbols).size() != symbols.size()) {
            throw new ConfigException("host.symbols", "lists a symbol twice: " + names);
        }
        return List.copyOf(symbols);
    }

    private static String required(PluginConfig block, String key, String value) {
        if (value == null || value.isBlank()) {
            throw new ConfigException(key, "is required");
        }
        return value;
    }

    private static <E extends Enum<E>> E enumValue(String key, String value, Class<E> type) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            List<String> allowed = new ArrayList<>();
            for (E constant : type.getEnumConstants()) {
                allowed.add(constant.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            }
            throw new ConfigException(key, "must be one of " + allowed + " (was \"" + value + "\")");
        }
    }
}
