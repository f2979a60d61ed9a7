package io.tradehost.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehost.api.config.ConfigException;
import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.config.PluginFactories;
import io.tradehost.api.guard.GuardFactory;
import io.tradehost.api.guard.RuntimeGuardFactory;
import io.tradehost.api.host.PrintableText;
import io.tradehost.api.host.StartupException;
import io.tradehost.api.host.Throwables;
import io.tradehost.api.strategy.StrategyFactory;
import io.tradehost.api.strategy.event.EventStrategyFactory;
import io.tradehost.api.venue.Venue;
import io.tradehost.api.venue.VenueContext;
import io.tradehost.api.venue.VenueFactory;
import io.tradehost.app.plugins.PluginCatalog;
import io.tradehost.kernel.Kernel;
import io.tradehost.kernel.VenueEventAdapter;
import io.tradehost.kernel.VirtualClock;
import java.io.Serial;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Validates a whole configuration, host keys and every plugin block, and lists every problem at
 * once instead of stopping at the first: after each problem the offending key is taken out (or a
 * wrong plugin name given the embedded default, with its block) and the rest checked again. Keys
 * no one reads come out all at once, the host's in one round and each plugin's block in one, so a
 * file of many unknown keys is not checked again per key; the listing stops at
 * {@link #MAX_PROBLEMS}, with one more line counting what else was found. The plugins' factories
 * run to check their blocks, with nothing started: no data directory, no network, no timer.
 * Stateless.
 */
public final class ConfigCheck {
    /** Problems listed one by one; past them checking stops, and one line says how many more it found. */
    public static final int MAX_PROBLEMS = 50;
    /** A key, and a message (which may quote a value), are cut to this many characters in a line. */
    private static final int MAX_KEY_CHARS = 200;
    private static final int MAX_MESSAGE_CHARS = 500;

    /**
     * One thing wrong.
     *
     * @param origin the file, {@code embedded defaults} or {@code --set}
     * @param line the line of the file that sets the key, or 0 when not known
     * @param key the dotted key, or null when the problem is the file's (not TOML, missing)
     * @param message what is wrong
     * @param nearest for a key no one reads, the nearest key that is read, or null
     */
    public record Problem(String origin, int line, String key, String message, String nearest) {
        /**
         * {@code file:line: key: message (did you mean nearest?)}: one line, however long or odd the
         * key and the value it quotes (cut, control characters escaped).
         */
        public String toLine() {
            return oneLine(origin, Integer.MAX_VALUE) + (line > 0 ? ":" + line : "") + ": "
                    + (key == null ? "" : oneLine(key, MAX_KEY_CHARS) + ": ") + oneLine(message, MAX_MESSAGE_CHARS)
                    + (nearest == null ? "" : " (did you mean " + nearest + "?)");
        }
    }

    /** {@code text} on one line: control characters escaped, cut to {@code max} (then "..."). */
    static String oneLine(String text, int max) {
        return PrintableText.clip(text, max);
    }

    /**
     * What the check found.
     *
     * @param config the validated configuration, or null when there are problems
     * @param layered the merged layers, or null when they could not be read at all
     * @param problems every problem found, in the order found; empty when the configuration is good
     * @param defaults the keys no layer sets, with the default the host or its plugin took (see
     *     {@link PluginConfig#defaultsUsed()}); empty when there are problems
     */
    public record Result(HostConfig config, ConfigLoader.Layered layered, List<Problem> problems,
                         Map<String, Object> defaults) {
        /** A result without defaults. */
        public Result(HostConfig config, ConfigLoader.Layered layered, List<Problem> problems) {
            this(config, layered, problems, Map.of());
        }

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private ConfigCheck() {
    }

    /**
     * Checks {@code file} (the embedded defaults when null) with {@code overrides}.
     *
     * @param environment the profile variable and the venue's credentials are looked up here
     */
    public static Result check(Path file, List<String> overrides, Map<String, String> environment,
                               PluginCatalog catalog) {
        ConfigLoader.Layered layered;
        try {
            layered = ConfigLoader.layer(file, overrides, environment);
        } catch (ConfigError e) {
            return new Result(null, null, List.of(new Problem(e.origin(), e.line(), null, e.problem(), null)));
        }
        return check(layered, environment, catalog);
    }

    /** Checks configuration already merged from its layers. */
    public static Result check(ConfigLoader.Layered layered, Map<String, String> environment, PluginCatalog catalog) {
        ObjectNode tree = layered.copyOfTree();
        ObjectNode defaults = ConfigLoader.parse(ConfigLoader.embeddedText(), ConfigLoader.EMBEDDED);
        Findings found = new Findings(layered);
        Set<String> seen = new HashSet<>();
        boolean probed = false;
        while (!found.full() || found.more() == 0 && !probed) {
            // a full listing gets one more round, to say whether there is more
            probed = found.full();
            Map<String, Object> values = ConfigLoader.toJava(tree);
            PluginConfig root = new PluginConfig("", values);
            try {
                HostConfig config = HostConfig.readKnown(layered.origin(), root, values);
                List<String> unknown = HostConfig.unknownKeys(root);
                if (!unknown.isEmpty()) {
                    throw new UnknownKeys(unknown, "unknown key");
                }
                plugins(config, catalog, environment);
                return found.none() ? new Result(config, layered, List.of(), root.defaultsUsed())
                        : new Result(null, layered, found.lines());
            } catch (UnknownKeys e) {
                Nearest nearest = Nearest.among(root.readKeys());
                boolean progress = false;
                for (String key : e.keys) {
                    if (seen.add(key) && found.add(() -> problem(layered, key, e.problem, nearest, found.keyLines()))) {
                        progress |= takeOut(tree, defaults, key);
                    }
                }
                if (!progress) {
                    break; // nothing new could be taken out: what is left depends on it
                }
            } catch (ConfigException e) {
                if (!seen.add(e.key())) {
                    break; // taking the key out did not help: what is left depends on it
                }
                Nearest nearest = e.problem().startsWith("unknown key") ? Nearest.among(root.readKeys()) : null;
                found.add(() -> problem(layered, e.key(), e.problem(), nearest, found.keyLines()));
                if (!takeOut(tree, defaults, e.key())) {
                    break;
                }
            } catch (StartupException e) {
                found.add(() -> new Problem(layered.origin(), 0, null, e.getMessage(), null));
                break;
            } catch (Throwable e) {
                Throwables.rethrowIfFatal(e);
                // a plugin failing in a way of its own (closing its venue, say): say so, never as a stack trace
                found.add(() -> new Problem(layered.origin(), 0, null, "checking failed: " + Throwables.describe(e),
                        null));
                break;
            }
        }
        return new Result(null, layered, found.lines());
    }

    /** Every plugin the configuration names, and every block it configures, created from its block. */
    private static void plugins(HostConfig config, PluginCatalog catalog, Map<String, String> environment) {
        config.checkPluginBlocks(catalog.strategyNames(), catalog.guards().stream().map(GuardFactory::name).toList(),
                catalog.runtimeGuards().stream().map(RuntimeGuardFactory::name).toList());
        Set<String> strategies = new LinkedHashSet<>();
        strategies.add(config.strategy());
        strategies.addAll(config.strategyAssignments().values());
        strategies.addAll(config.strategyConfigs().keys());
        for (String name : strategies) {
            String key = name.equals(config.strategy()) ? "strategy.name" : "strategy.symbols";
            PluginConfig block = config.strategyConfig(name);
            allUnknown(block, () -> PluginFactories.create("strategy", key, name, catalog.strategies(),
                    StrategyFactory::name, block, (factory, b) -> factory instanceof EventStrategyFactory driven
                            ? driven.createEventStrategy(b) : factory.create(b)));
        }
        Set<String> guards = new LinkedHashSet<>(config.guardOrder());
        guards.addAll(config.guardsConfig().keys());
        for (String name : guards) {
            PluginConfig block = config.guardConfig(name);
            allUnknown(block, () -> PluginFactories.create("guard", "guards.order", name, catalog.guards(),
                    GuardFactory::name, block, GuardFactory::create));
        }
        Set<String> runtimeGuards = new LinkedHashSet<>(config.runtimeGuardOrder());
        runtimeGuards.addAll(config.runtimeGuardsConfig().keys());
        VenueContext context = validationContext(environment, catalog, config.venue(), config.symbols());
        for (String name : runtimeGuards) {
            PluginConfig block = config.runtimeGuardConfig(name);
            allUnknown(block, () -> PluginFactories.create("runtime guard", "runtime_guards.order", name,
                    catalog.runtimeGuards(), RuntimeGuardFactory::name, block,
                    (f, b) -> f.create(b, new ValidationGuardContext(context.clock()))));
        }
        VenueFactory venue = catalog.venues().stream().filter(f -> f.name().equals(config.venue())).findFirst()
                .orElse(null);
        if (venue != null && config.profile() == Profile.DEV && !venue.simulated()) {
            throw new ConfigException("venue.name", "venue '" + venue.name() + "' trades on a real market;"
                    + " host.profile dev allows simulated venues only ("
                    + String.join(", ", catalog.venues().stream().filter(VenueFactory::simulated)
                    .map(VenueFactory::name).toList()) + ")");
        }
        Venue created = allUnknown(config.venueConfig(), () -> PluginFactories.create("venue", "venue.name",
                config.venue(), catalog.venues(), VenueFactory::name, config.venueConfig(),
                (f, block) -> f.create(block, context)));
        created.close();
    }

    /**
     * {@code create}, with a key the plugin did not read turned into every key of {@code block} it
     * did not read: the factory has read its whole block by then.
     */
    private static <P> P allUnknown(PluginConfig block, Supplier<P> create) {
        try {
            return create.get();
        } catch (ConfigException e) {
            List<String> unread = block.unreadKeys();
            if (e.problem().startsWith("unknown key") && unread.contains(e.key())) {
                throw new UnknownKeys(unread, e.problem());
            }
            throw e;
        }
    }

    /** A context no venue can start from: its timers never fire, its events go nowhere. */
    private static VenueContext validationContext(Map<String, String> environment, PluginCatalog catalog,
                                                  String venue, List<io.tradehost.api.value.Symbol> symbols) {
        VirtualClock clock = new VirtualClock(Instant.EPOCH);
        Kernel idle = new Kernel(clock);
        Map<String, String> credentials = new LinkedHashMap<>();
        catalog.venues().stream().filter(f -> f.name().equals(venue)).findFirst().ifPresent(f -> {
            List<String> names = new ArrayList<>(f.requiredCredentials());
            names.addAll(f.optionalCredentials());
            for (String name : names) {
                String value = environment.get(name);
                if (value != null && !value.isBlank()) {
                    credentials.put(name, value);
                }
            }
        });
        return new VenueContext(clock, idle, new VenueEventAdapter(idle, clock), credentials, 0, null, symbols);
    }

    /** {@code problem} of {@code key}, placed in its layer and line, with the nearest known key when given. */
    private static Problem problem(ConfigLoader.Layered layered, String key, String problem, Nearest nearest,
                                   KeyLines lines) {
        String source = layered.sources().getOrDefault(key, "");
        String origin = source.equals("--set") ? "--set" : source.equals("environment") ? ConfigLoader.PROFILE_VARIABLE
                : source.startsWith("profile ") ? source : layered.origin();
        int line = origin.equals(layered.origin()) ? lines.lineOf(key) : 0;
        String last = key.substring(key.lastIndexOf('.') + 1);
        String message = Secrets.isSecret(last) ? problem.replaceAll("\\(was .*\\)", "(value masked)") : problem;
        return new Problem(origin, line, key, message, nearest == null ? null : nearest.to(key));
    }

    /** Every key one reader did not read, refused at once. */
    private static final class UnknownKeys extends RuntimeException {
        @Serial
        private static final long serialVersionUID = 1L;

        private final transient List<String> keys;
        private final String problem;

        UnknownKeys(List<String> keys, String problem) {
            super(problem, null, false, false);
            this.keys = List.copyOf(keys);
            this.problem = problem;
        }
    }

    /** The problems listed so far, at most {@link #MAX_PROBLEMS}, and a count of the rest. Not thread-safe. */
    private static final class Findings {
        private final ConfigLoader.Layered layered;
        private final List<Problem> listed = new ArrayList<>();
        private int more;
        private KeyLines keyLines;

        Findings(ConfigLoader.Layered layered) {
            this.layered = layered;
        }

        /** Lists the problem, or counts it once the listing is full; returns whether it was listed. */
        boolean add(Supplier<Problem> problem) {
            if (full()) {
                more++;
                return false;
            }
            listed.add(problem.get());
            return true;
        }

        boolean full() {
            return listed.size() >= MAX_PROBLEMS;
        }

        boolean none() {
            return listed.isEmpty();
        }

        int more() {
            return more;
        }

        /** The lines of the file's keys, indexed once, the first time a problem needs one. */
        KeyLines keyLines() {
            if (keyLines == null) {
                keyLines = KeyLines.of(layered.text());
            }
            return keyLines;
        }

        List<Problem> lines() {
            List<Problem> all = new ArrayList<>(listed);
            if (more > 0) {
                all.add(new Problem(layered.origin(), 0, null, "and " + more + " more problem(s) not listed (only"
                        + " the first " + MAX_PROBLEMS + " are)", null));
            }
            return all;
        }
    }

    /**
     * Takes the offending key out of {@code tree} so the rest can be checked; a plugin name (or
     * other key the host cannot do without) gets the embedded default instead, and a venue that
     * is not there takes its block with it. Returns false when there is nothing to take out.
     */
    private static boolean takeOut(ObjectNode tree, ObjectNode defaults, String key) {
        String[] path = ConfigLoader.path(key);
        if (key.equals("venue.name")) {
            tree.withObject("/venue").remove("config");
        }
        JsonNode fallback = defaults;
        for (String part : path) {
            fallback = fallback == null ? null : fallback.get(part);
        }
        boolean required = key.equals("venue.name") || key.equals("strategy.name") || key.equals("host.symbols");
        ObjectNode parent = tree;
        for (int i = 0; i < path.length - 1; i++) {
            if (required && fallback != null && parent.get(path[i]) == null) {
                parent.putObject(path[i]); // a file without [host] still gets its symbols, and the rest is checked
            }
            if (!(parent.get(path[i]) instanceof ObjectNode child)) {
                return false;
            }
            parent = child;
        }
        String last = path[path.length - 1];
        if (required && fallback != null && !fallback.equals(parent.get(last))) {
            parent.set(last, fallback.deepCopy());
            return true;
        }
        return parent.remove(last) != null;
    }
}
