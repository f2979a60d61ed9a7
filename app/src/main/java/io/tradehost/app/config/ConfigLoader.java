package io.tradehost.app.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.toml.TomlFactory;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.tradehost.api.config.ConfigException;
import io.tradehost.api.config.PluginConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Consumer;
/**
 * Loads the host configuration in layers, each over the one before: the embedded defaults (only
 * when no file is given: a file replaces them whole), the {@code host.profile} layer, the file,
 * the environment ({@code TRADEHOST_PROFILE}) and {@code --set KEY=VALUE} overrides (VALUE parsed
 * as a TOML value, else taken as a string); tables merge, any other value replaces. Then strict
 * validation. Every failure is a {@link ConfigError} naming the source and the key. Stateless.
 */
public final class ConfigLoader {
    /** How the embedded defaults are named in messages. */
    public static final String EMBEDDED = "embedded defaults";
    /** The environment variable that selects the profile, over the file's {@code host.profile}. */
    public static final String PROFILE_VARIABLE = "TRADEHOST_PROFILE";

    private static final TomlMapper TOML = TomlMapper.builder(TomlFactory.builder()
                    .streamReadConstraints(ConfigLimits.PARSER).build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    /**
     * A configuration tree merged from its layers, with where each value came from.
     *
     * @param origin the file, or {@link #EMBEDDED}, for messages
     * @param text the file's (or the embedded defaults') text, to find a key's line in
     * @param tree the merged tree
     * @param sources per dotted key of a value (not a table): {@code default}, {@code profile NAME},
     *     {@code file}, {@code environment} or {@code --set}
     */
    public record Layered(String origin, String text, ObjectNode tree, Map<String, String> sources) {
        /** A deep copy of the tree, to change without changing this one. */
        public ObjectNode copyOfTree() {
            return tree.deepCopy();
        }
    }

    private ConfigLoader() {
    }

    /**
     * Loads {@code file} (or the embedded defaults when null) with {@code overrides} applied.
     *
     * @throws ConfigError if the file is missing or malformed, an override is malformed, or a key is wrong
     */
    public static HostConfig load(Path file, List<String> overrides) {
        return load(file, overrides, Map.of(), tree -> { });
    }

    /**
     * {@link #load(Path, List)}, with {@code environment} read for {@link #PROFILE_VARIABLE} and
     * {@code adjust} changing the merged tree before validation (a backtest puts its simulated
     * venue in place of the file's venue).
     */
    public static HostConfig load(Path file, List<String> overrides, Map<String, String> environment,
                                  Consumer<ObjectNode> adjust) {
        Layered layered = layer(file, overrides, environment);
        ObjectNode tree = layered.copyOfTree();
        adjust.accept(tree);
        return read(layered.origin(), tree);
    }

    /** Validates {@code tree} as a host configuration from {@code origin}. */
    static HostConfig read(String origin, ObjectNode tree) {
        try {
            Map<String, Object> values = toJava(tree);
            return HostConfig.read(origin, new PluginConfig("", values), values);
        } catch (ConfigException e) {
            throw ConfigError.of(origin, e);
        }
    }

    /**
     * Merges the layers without validating them.
     *
     * @throws ConfigError if the file is missing or not TOML, an override is malformed or the profile is unknown
     */
    public static Layered layer(Path file, List<String> overrides, Map<String, String> environment) {
        String origin = file == null ? EMBEDDED : file.toString();
        String text = file == null ? embeddedText() : ConfigLimits.read(file);
        ObjectNode base = parse(text, origin);
        // the overrides alone: the profile they pick decides which layer goes under the file
        ObjectNode overridden = TOML.createObjectNode();
        for (String override : overrides) {
            apply(overridden, override);
        }
        ObjectNode env = TOML.createObjectNode();
        String fromEnv = environment.get(PROFILE_VARIABLE);
        if (fromEnv != null && !fromEnv.isBlank()) {
            env.putObject("host").put("profile", fromEnv.strip());
        }
        Profile profile = profileOf(List.of(new Source("--set", overridden), new Source(PROFILE_VARIABLE, env),
                new Source(origin, base)));
        ObjectNode profileLayer = parse(resource(profile.resource()), "profile " + profile);
        ObjectNode tree = TOML.createObjectNode();
        // sorted, so that a key's value and everything under it leave in one range, not a scan of every key
        NavigableMap<String, String> sources = new TreeMap<>();
        if (file == null) {
            merge(tree, base, "", "default", sources);
            merge(tree, profileLayer, "", "profile " + profile, sources);
        } else {
            merge(tree, profileLayer, "", "profile " + profile, sources);
            merge(tree, base, "", "file", sources);
        }
        merge(tree, env, "", "environment", sources);
        // an override sets its key to its value, a table too (--set venue.config={} empties the block)
        for (String override : overrides) {
            String key = apply(tree, override);
            forget(sources, key);
            JsonNode value = tree;
            for (String part : path(key)) {
                value = value.get(part);
            }
            record(value, key, "--set", sources);
        }
        if (!overrides.isEmpty()) {
            ConfigLimits.checkDepth(tree, "--set"); // the file's depth was measured as it was parsed
        }
        return new Layered(origin, text, tree, sources);
    }

    /** A layer with how messages name it. */
    private record Source(String origin, ObjectNode layer) {
    }

    /** The profile the first of {@code sources} to name one names; the default when none does. */
    private static Profile profileOf(List<Source> sources) {
        for (Source source : sources) {
            JsonNode name = source.layer().path("host").path("profile");
            if (!name.isMissingNode()) {
                try {
                    return Profile.named(name.isTextual() ? name.textValue() : name.toString());
                } catch (ConfigException e) {
                    throw ConfigError.of(source.origin(), e);
                }
            }
        }
        return Profile.DEFAULT;
    }

    /** Merges {@code layer} into {@code into}: tables merge, any other value replaces what was there. */
    private static void merge(ObjectNode into, ObjectNode layer, String prefix, String source,
                              NavigableMap<String, String> sources) {
        layer.properties().forEach(e -> {
            String key = prefix + quoted(e.getKey());
            JsonNode value = e.getValue();
            JsonNode existing = into.get(e.getKey());
            if (value.isObject() && existing != null && existing.isObject()) {
                merge((ObjectNode) existing, (ObjectNode) value, key + ".", source, sources);
                return;
            }
            if (existing != null) {
                forget(sources, key);
            }
            into.set(e.getKey(), value.deepCopy());
            record(value, key, source, sources);
        });
    }

    /** Drops the source of {@code key} and of every key under it: those after {@code key.} and before {@code key/}. */
    private static void forget(NavigableMap<String, String> sources, String key) {
        sources.remove(key);
        sources.subMap(key + ".", true, key + "/", false).clear();
    }

    private static void record(JsonNode value, String key, String source, Map<String, String> sources) {
        if (value.isObject()) {
            value.properties().forEach(e -> record(e.getValue(), key + "." + quoted(e.getKey()), source, sources));
        } else {
            sources.put(key, source);
        }
    }

    /** A key part as a dotted key writes it: quoted when it holds a dot or a quote. */
    static String quoted(String part) {
        boolean bare = !part.isEmpty();
        for (int i = 0; i < part.length() && bare; i++) {
            char c = part.charAt(i);
            bare = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-';
        }
        return bare ? part : "\"" + part.replace("\"", "\\\"") + "\"";
    }

    /** The embedded defaults as TOML text. */
    public static String embeddedText() {
        return resource("default.toml");
    }

    private static String resource(String name) {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the app module");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + name, e);
        }
    }

    /**
     * Parses TOML {@code text} from {@code origin}, once its shape is within {@link ConfigLimits}.
     *
     * @throws ConfigError naming the line when it is not TOML or goes past a limit
     */
    public static ObjectNode parse(String text, String origin) {
        TomlShape.check(text, origin);
        JsonNode node;
        try {
            node = TOML.readTree(text);
        } catch (JacksonException e) {
            JsonLocation where = e.getLocation();
            int line = where == null ? 0 : Math.max(0, where.getLineNr());
            throw new ConfigError(origin, line, "not valid TOML: " + e.getOriginalMessage());
        }
        ConfigLimits.checkDepth(node, origin);
        return node instanceof ObjectNode object ? object : TOML.createObjectNode();
    }

    /** Sets the key of {@code override} in {@code tree}; returns the key as written in sources. */
    static String apply(ObjectNode tree, String override) {
        int eq = override.indexOf('=');
        if (eq <= 0) {
            throw new ConfigError("--set", "expected KEY=VALUE, got \"" + override + "\"");
        }
        String key = override.substring(0, eq).strip();
        String[] path = path(key);
        if (path.length > ConfigLimits.MAX_DEPTH) {
            throw new ConfigError("--set", ConfigLimits.tooDeep());
        }
        ObjectNode parent = tree;
        for (int i = 0; i < path.length - 1; i++) {
            JsonNode child = parent.get(path[i]);
            if (child == null || !child.isObject()) {
                if (child != null) {
                    throw new ConfigError("--set", key + ": " + String.join(".", List.of(path).subList(0, i + 1))
                            + " is not a table");
                }
                child = parent.putObject(path[i]);
            }
            parent = (ObjectNode) child;
        }
        parent.set(path[path.length - 1], value(override.substring(eq + 1).strip()));
        return String.join(".", List.of(path).stream().map(ConfigLoader::quoted).toList());
    }

    /**
     * The parts of a dotted key, TOML-style: {@code plugins.pins."steady-1.0.jar"} has three, the
     * quotes keep the dots of a part.
     *
     * @throws ConfigError if a part is empty or a quote is not closed
     */
    static String[] path(String key) {
        List<String> parts = parts(key);
        if (parts == null) {
            boolean unclosed = key.chars().filter(c -> c == '"').count() % 2 == 1;
            throw new ConfigError("--set", "malformed key \"" + key + "\""
                    + (unclosed ? " (a quote is not closed)" : ""));
        }
        return parts.toArray(String[]::new);
    }

    /** {@link #path}'s parts, or null when the key is malformed: no exception, to scan text that may not be a key. */
    static List<String> parts(String key) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                wasQuoted = true;
            } else if (c == '.' && !quoted) {
                if (!finish(parts, part, wasQuoted)) {
                    return null;
                }
                part.setLength(0);
                wasQuoted = false;
            } else {
                part.append(c);
            }
        }
        return !quoted && finish(parts, part, wasQuoted) ? parts : null;
    }

    private static boolean finish(List<String> parts, StringBuilder part, boolean quoted) {
        String text = quoted ? part.toString() : part.toString().strip();
        parts.add(text);
        return !text.isEmpty();
    }

    private static JsonNode value(String text) {
        try {
            JsonNode parsed = TOML.readTree("v = " + text).get("v");
            return parsed == null ? TextNode.valueOf(text) : parsed;
        } catch (JacksonException e) {
            return TextNode.valueOf(text);
        }
    }

    static Map<String, Object> toJava(ObjectNode node) {
        Map<String, Object> map = new LinkedHashMap<>();
        node.properties().forEach(e -> map.put(e.getKey(), toJava(e.getValue())));
        return map;
    }

    private static Object toJava(JsonNode node) {
        if (node.isObject()) {
            return toJava((ObjectNode) node);
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(item -> list.add(toJava(item)));
            return list;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.longValue() : node.decimalValue();
        }
        if (node.isNumber()) {
            // TOML's nan and inf have no decimal: kept as text, the key's reader refuses them by name
            return Double.isFinite(node.doubleValue()) ? node.decimalValue() : node.asText();
        }
        return node.asText();
    }
}
