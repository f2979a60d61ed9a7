package io.tradehost.app.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.tradehost.api.config.ConfigException;
import io.tradehost.api.config.PluginConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
/**
 * Loads the host configuration: a TOML file, or the embedded defaults when none is given, then
 * {@code --set KEY=VALUE} overrides (VALUE parsed as a TOML value, else taken as a string), then
 * strict validation. Every failure is a {@link ConfigError} naming the source and the key.
 * Stateless.
 */
public final class ConfigLoader {
    /** How the embedded defaults are named in messages. */
    public static final String EMBEDDED = "embedded defaults";

    private static final TomlMapper TOML = TomlMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private ConfigLoader() {
    }

    /**
     * Loads {@code file} (or the embedded defaults when null) with {@code overrides} applied.
     *
     * @throws ConfigError if the file is missing or malformed, an override is malformed, or a key is wrong
     */
    public static HostConfig load(Path file, List<String> overrides) {
        return load(file, overrides, tree -> { });
    }

    /**
     * {@link #load(Path, List)}, with {@code adjust} changing the parsed tree after the overrides
     * and before validation (a backtest puts its simulated venue in place of the file's venue).
     */
    public static HostConfig load(Path file, List<String> overrides, Consumer<ObjectNode> adjust) {
        String origin = file == null ? EMBEDDED : file.toString();
        ObjectNode tree = file == null ? embedded() : parseFile(file);
        for (String override : overrides) {
            apply(tree, override);
        }
        adjust.accept(tree);
        try {
            Map<String, Object> values = toJava(tree);
            return HostConfig.read(origin, new PluginConfig("", values), values);
        } catch (ConfigException e) {
            throw ConfigError.of(origin, e);
        }
    }

    /** The embedded defaults as TOML text. */
    public static String embeddedText() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream("default.toml")) {
            if (in == null) {
                throw new IllegalStateException("default.toml is missing from the app module");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the embedded defaults", e);
        }
    }

    private static ObjectNode embedded() {
        return parse(embeddedText(), EMBEDDED);
    }

    private static ObjectNode parseFile(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (NoSuchFileException e) {
            throw new ConfigError(file.toString(), "file not found");
        } catch (IOException e) {
            throw new ConfigError(file.toString(), "cannot read: " + e.getMessage());
        }
    }

    private static ObjectNode parse(String text, String origin) {
        try {
            JsonNode node = TOML.readTree(text);
            return node instanceof ObjectNode object ? object : TOML.createObjectNode();
        } catch (JacksonException e) {
            JsonLocation where = e.getLocation();
            String line = where == null || where.getLineNr() < 0 ? "" : "line " + where.getLineNr() + ": ";
            throw new ConfigError(origin, line + "not valid TOML: " + e.getOriginalMessage());
        }
    }

    private static void apply(ObjectNode tree, String override) {
        int eq = override.indexOf('=');
        if (eq <= 0) {
            throw new ConfigError("--set", "expected KEY=VALUE, got \"" + override + "\"");
        }
        String key = override.substring(0, eq).strip();
        String[] path = path(key);
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
    }

    /**
     * The parts of a dotted key, TOML-style: {@code plugins.pins."steady-1.0.jar"} has three, the
     * quotes keep the dots of a part.
     */
    static String[] path(String key) {
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
                parts.add(finish(key, part, wasQuoted));
                part.setLength(0);
                wasQuoted = false;
            } else {
                part.append(c);
            }
        }
        if (quoted) {
            throw new ConfigError("--set", "malformed key \"" + key + "\" (a quote is not closed)");
        }
        parts.add(finish(key, part, wasQuoted));
        return parts.toArray(String[]::new);
    }

    private static String finish(String key, StringBuilder part, boolean quoted) {
        String text = quoted ? part.toString() : part.toString().strip();
        if (text.isEmpty()) {
            throw new ConfigError("--set", "malformed key \"" + key + "\"");
        }
        return text;
    }

    private static JsonNode value(String text) {
        try {
            JsonNode parsed = TOML.readTree("v = " + text).get("v");
            return parsed == null ? TextNode.valueOf(text) : parsed;
        } catch (JacksonException e) {
            return TextNode.valueOf(text);
        }
    }

    private static Map<String, Object> toJava(ObjectNode node) {
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
            return node.decimalValue();
        }
        return node.asText();
    }
}
