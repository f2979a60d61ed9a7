package io.tradehost.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The effective configuration as TOML, every value annotated with where it came from
 * ({@code default}, {@code profile NAME}, {@code file}, {@code environment}, {@code --set}) and
 * every secret masked. What it prints reads back as the same configuration, secrets aside.
 * Stateless.
 */
public final class EffectiveToml {
    private EffectiveToml() {
    }

    /** The TOML text of {@code layered} with {@code defaults} (keys no layer sets) filled in. */
    public static String of(ConfigLoader.Layered layered, Map<String, Object> defaults) {
        ObjectNode tree = layered.copyOfTree();
        Map<String, String> sources = new LinkedHashMap<>(layered.sources());
        defaults.forEach((key, value) -> {
            String[] path = ConfigLoader.path(key);
            ObjectNode parent = tree;
            for (int i = 0; i < path.length - 1; i++) {
                JsonNode child = parent.get(path[i]);
                if (child != null && !child.isObject()) {
                    return;
                }
                parent = child == null ? parent.putObject(path[i]) : (ObjectNode) child;
            }
            if (!parent.has(path[path.length - 1])) {
                parent.set(path[path.length - 1], node(value));
                sources.put(key, "default");
            }
        });
        StringBuilder out = new StringBuilder();
        out.append("# effective configuration from ").append(layered.origin()).append("; each value: # where it came from\n");
        table(tree, "", sources, out);
        return out.toString();
    }

    private static void table(ObjectNode node, String prefix, Map<String, String> sources, StringBuilder out) {
        List<Map.Entry<String, JsonNode>> tables = new ArrayList<>();
        boolean header = prefix.isEmpty();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (e.getValue().isObject()) {
                tables.add(e);
                continue;
            }
            if (!header) {
                out.append('\n').append('[').append(prefix).append("]\n");
                header = true;
            }
            String key = (prefix.isEmpty() ? "" : prefix + ".") + ConfigLoader.quoted(e.getKey());
            String value = Secrets.hides(e.getKey(), e.getValue()) ? "\"" + Secrets.MASK + "\"" : literal(e.getValue());
            out.append(ConfigLoader.quoted(e.getKey())).append(" = ").append(value).append("  # ")
                    .append(sources.getOrDefault(key, "default")).append('\n');
        }
        for (Map.Entry<String, JsonNode> e : tables) {
            table((ObjectNode) e.getValue(), (prefix.isEmpty() ? "" : prefix + ".") + ConfigLoader.quoted(e.getKey()),
                    sources, out);
        }
    }

    private static String literal(JsonNode value) {
        if (value.isTextual()) {
            return quote(value.textValue());
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(v -> items.add(literal(v)));
            return "[" + String.join(", ", items) + "]";
        }
        if (value.isBigDecimal()) {
            return value.decimalValue().toPlainString();
        }
        return value.toString();
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static JsonNode node(Object value) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (value) {
            case String s -> f.textNode(s);
            case Boolean b -> f.booleanNode(b);
            case Long l -> f.numberNode(l);
            case BigDecimal d -> f.textNode(d.stripTrailingZeros().toPlainString());
            case Duration d -> f.textNode(duration(d));
            case List<?> list -> {
                ArrayNode array = f.arrayNode();
                list.forEach(item -> array.add(node(item)));
                yield array;
            }
            default -> f.textNode(String.valueOf(value));
        };
    }

    /** {@code 250ms}, {@code 5s}, {@code 2m}, {@code 1h}, {@code 1d}: the largest unit that is exact. */
    static String duration(Duration d) {
        long ms = d.toMillis();
        if (d.toNanos() % 1_000_000 != 0) {
            return d.toString();
        }
        long[] units = {86_400_000, 3_600_000, 60_000, 1000, 1};
        String[] names = {"d", "h", "m", "s", "ms"};
        for (int i = 0; i < units.length; i++) {
            if (ms % units[i] == 0) {
                return ms / units[i] + names[i];
            }
        }
        return ms + "ms";
    }
}
