package io.tradehost.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The structured difference between two configuration trees: one {@link Change} per dotted key
 * whose value (a scalar or a whole list) differs, in key order. Stateless.
 */
public final class ConfigDiff {
    /**
     * One changed key; a null side means not set.
     *
     * @param key the dotted key
     * @param before the value before, or null
     * @param after the value after, or null
     */
    public record Change(String key, JsonNode before, JsonNode after) {
        /** The value before as shown to operators (secrets masked), or null. */
        public String shownBefore() {
            return shown(key, before);
        }

        /** The value after as shown to operators (secrets masked), or null. */
        public String shownAfter() {
            return shown(key, after);
        }

        private static String shown(String key, JsonNode value) {
            if (value == null) {
                return null;
            }
            String last = key.substring(key.lastIndexOf('.') + 1).replace("\"", "");
            return Secrets.hides(last, value) ? Secrets.MASK
                    : value.isTextual() ? value.textValue() : value.toString();
        }
    }

    private ConfigDiff() {
    }

    /** The changes from {@code before} to {@code after}. */
    public static List<Change> between(ObjectNode before, ObjectNode after) {
        Map<String, JsonNode> a = flat(before);
        Map<String, JsonNode> b = flat(after);
        TreeSet<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        List<Change> changes = new ArrayList<>();
        for (String key : keys) {
            JsonNode x = a.get(key);
            JsonNode y = b.get(key);
            if (x == null || y == null || !same(x, y)) {
                changes.add(new Change(key, x, y));
            }
        }
        return changes;
    }

    /** Numbers compare by value ({@code 3} and {@code 3.0} are the same limit); the rest exactly. */
    private static boolean same(JsonNode x, JsonNode y) {
        if (x.isNumber() && y.isNumber()) {
            return x.decimalValue().compareTo(y.decimalValue()) == 0;
        }
        return x.equals(y);
    }

    /** Every value of {@code tree} (scalars and whole lists) by dotted key. */
    public static Map<String, JsonNode> flat(ObjectNode tree) {
        Map<String, JsonNode> out = new TreeMap<>();
        flatten(tree, "", out);
        return out;
    }

    private static void flatten(JsonNode node, String prefix, Map<String, JsonNode> out) {
        node.properties().forEach(e -> {
            String key = prefix + ConfigLoader.quoted(e.getKey());
            if (e.getValue().isObject()) {
                flatten(e.getValue(), key + ".", out);
            } else {
                out.put(key, e.getValue());
            }
        });
    }
}
