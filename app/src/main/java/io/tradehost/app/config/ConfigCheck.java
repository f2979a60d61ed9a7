package io.tradehost.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehost.api.config.ConfigException;
import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.config.PluginFactories;
import io.tradehost.api.guard.GuardFactory;
import io.tradehost.api.guard.RuntimeGuardFactory;
import io.tradehost.api.host.StartupException;
import io.tradehost.api.host.Throwables;
import io.tradehost.api.strategy.StrategyFactory;
import io.tradehost.api.venue.Venue;
import io.tradehost.api.venue.VenueContext;
import io.tradehost.api.venue.VenueFactory;
import io.tradehost.app.plugins.PluginCatalog;
import io.tradehost.kernel.Kernel;
import io.tradehost.kernel.VenueEventAdapter;
import io.tradehost.kernel.VirtualClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates a whole configuration, host keys and every plugin block, and lists every problem at
 * once instead of stopping at the first: after each problem the offending key is taken out (or a
 * wrong plugin name given the embedded default, with its block) and the rest checked again. The
 * plugins' factories run to check their blocks, with nothing started: no data directory, no
 * network, no timer. Stateless.
 */
public final class ConfigCheck {
    /** More problems than this in one file are not worth listing one by one. */
    private static final int MAX_PROBLEMS = 100;

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
        /** {@code file:line: key: message (did you mean nearest?)}: one line. */
        public String toLine() {
            String text = origin + (line > 0 ? ":" + line : "") + ": " + (key == null ? "" : key + ": ") + message
                    + (nearest == null ? "" : " (did you mean " + nearest + "?)");
            return text.replace('\n', ' ').replace('\r', ' ');
        }
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
            return new Result(null, null, List.of(new Problem(e.origin(), 0, null, e.problem(), null)));
        }
        return check(layered, environment, catalog);
    }

    /** Checks configuration already merged from its layers. */
    public static Result check(ConfigLoader.Layered layered, Map<String, String> environment, PluginCatalog catalog) {
        ObjectNode tree = layered.copyOfTree();
        ObjectNode defaults = ConfigLoader.parse(ConfigLoader.embeddedText(), ConfigLoader.EMBEDDED);
        List<Problem> problems = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        while (problems.size() < MAX_PROBLEMS) {
            Map<String, Object> values = ConfigLoader.toJava(tree);
            PluginConfig root = new PluginConfig("", values);
            try {
                HostConfig config = HostConfig.read(layered.origin(), root, values);
                plugins(config, catalog, environment);
                return problems.isEmpty() ? new Result(config, layered, List.of(), root.defaultsUsed())
                        : new Result(null, layered, problems);
            } catch (ConfigException e) {
                if (!seen.add(e.key())) {
                    break; // taking the key out did not help: what is left depends on it
                }
                problems.add(problem(layered, e, root));
                if (!takeOut(tree, defaults, e.key())) {
                    break;
                }
            } catch (StartupException e) {
                problems.add(new Problem(layered.origin(), 0, null, e.getMessage(), null));
                break;
            } catch (Throwable e) {
                Throwables.rethrowIfFatal(e);
                // a plugin failing in a way of its own (closing its venue, say): say so, never as a stack trace
                problems.add(new Problem(layered.origin(), 0, null, "checking failed: " + Throwables.describe(e),
                        null));
                break;
            }
        }
        return new Result(null, layered, problems);
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
            PluginFactories.create("strategy", key, name, catalog.strategies(), StrategyFactory::name,
                    config.strategyConfig(name), StrategyFactory::create);
        }
        Set<String> guards = new LinkedHashSet<>(config.guardOrder());
        guards.addAll(config.guardsConfig().keys());
        for (String name : guards) {
            PluginFactories.create("guard", "guards.order", name, catalog.guards(), GuardFactory::name,
                    config.guardConfig(name), GuardFactory::create);
        }
        Set<String> runtimeGuards = new LinkedHashSet<>(config.runtimeGuardOrder());
        runtimeGuards.addAll(config.runtimeGuardsConfig().keys());
        VenueContext context = validationContext(environment, catalog, config.venue());
        for (String name : runtimeGuards) {
            PluginFactories.create("runtime guard", "runtime_guards.order", name, catalog.runtimeGuards(),
                    RuntimeGuardFactory::name, config.runtimeGuardConfig(name),
                    (f, block) -> f.create(block, new ValidationGuardContext(context.clock())));
        }
        VenueFactory venue = catalog.venues().stream().filter(f -> f.name().equals(config.venue())).findFirst()
                .orElse(null);
        if (venue != null && config.profile() == Profile.DEV && !venue.simulated()) {
            throw new ConfigException("venue.name", "venue '" + venue.name() + "' trades on a real market;"
                    + " host.profile dev allows simulated venues only ("
                    + String.join(", ", catalog.venues().stream().filter(VenueFactory::simulated)
                    .map(VenueFactory::name).toList()) + ")");
        }
        Venue created = PluginFactories.create("venue", "venue.name", config.venue(), catalog.venues(),
                VenueFactory::name, config.venueConfig(), (f, block) -> f.create(block, context));
        created.close();
    }

    /** A context no venue can start from: its timers never fire, its events go nowhere. */
    private static VenueContext validationContext(Map<String, String> environment, PluginCatalog catalog,
                                                  String venue) {
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
        return new VenueContext(clock, idle, new VenueEventAdapter(idle, clock), credentials, 0);
    }

    private static Problem problem(ConfigLoader.Layered layered, ConfigException e, PluginConfig root) {
        String key = e.key();
        String source = layered.sources().getOrDefault(key, "");
        String origin = source.equals("--set") ? "--set" : source.equals("environment") ? ConfigLoader.PROFILE_VARIABLE
                : source.startsWith("profile ") ? source : layered.origin();
        int line = origin.equals(layered.origin()) ? KeyLines.lineOf(layered.text(), key) : 0;
        String nearest = e.problem().startsWith("unknown key") ? Nearest.key(key, root.readKeys()) : null;
        String last = key.substring(key.lastIndexOf('.') + 1);
        String message = Secrets.isSecret(last) ? e.problem().replaceAll("\\(was .*\\)", "(value masked)")
                : e.problem();
        return new Problem(origin, line, key, message, nearest);
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
        ObjectNode parent = tree;
        for (int i = 0; i < path.length - 1; i++) {
            if (!(parent.get(path[i]) instanceof ObjectNode child)) {
                return false;
            }
            parent = child;
        }
        String last = path[path.length - 1];
        boolean required = key.equals("venue.name") || key.equals("strategy.name") || key.equals("host.symbols");
        if (required && fallback != null && !fallback.equals(parent.get(last))) {
            parent.set(last, fallback.deepCopy());
            return true;
        }
        return parent.remove(last) != null;
    }
}
