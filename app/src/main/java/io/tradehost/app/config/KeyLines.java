package io.tradehost.app.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The line of a TOML text that sets each dotted key (or opens its table), for error messages: a
 * line-level scan of {@code [table]} headers and {@code key = value} lines, enough for the
 * configurations people write; a key it cannot place gets no line. The text is scanned once, when
 * the index is made, so that placing every problem of a file costs one pass, not one per problem.
 * Immutable.
 */
final class KeyLines {
    /** Keys set by a {@code key = value} line: the first line wins. */
    private final Map<String, Integer> values = new HashMap<>();
    /** Tables opened by a header: the last header wins. */
    private final Map<String, Integer> tables = new HashMap<>();

    private KeyLines(String text) {
        String table = "";
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("[") && !line.startsWith("[[")) {
                int end = line.indexOf(']');
                String header = end < 0 ? null : normalized(line.substring(1, end));
                table = header == null ? "\u0000" : header;
                tables.put(table, i + 1);
                continue;
            }
            int eq = line.indexOf('=');
            if (line.startsWith("#") || eq <= 0) {
                continue;
            }
            String local = normalized(line.substring(0, eq));
            if (local != null) {
                values.putIfAbsent(table.isEmpty() ? local : table + "." + local, i + 1);
            }
        }
    }

    /** The index of {@code text}; null text places nothing. */
    static KeyLines of(String text) {
        return new KeyLines(text == null ? "" : text);
    }

    /** The 1-based line that sets {@code key}, else the line of the header that opens it, or 0 when not found. */
    int lineOf(String key) {
        String wanted = normalized(key);
        if (wanted == null) {
            return 0;
        }
        Integer line = values.get(wanted);
        return line != null ? line : tables.getOrDefault(wanted, 0);
    }

    /** The key with its parts unquoted and joined by dots, or null if it is not a key. */
    private static String normalized(String key) {
        List<String> parts = ConfigLoader.parts(key.strip());
        return parts == null ? null : String.join(".", parts);
    }
}
