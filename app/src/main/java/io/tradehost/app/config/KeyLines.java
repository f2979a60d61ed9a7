package io.tradehost.app.config;

import java.util.List;

/**
 * Finds the line of a TOML text that sets a dotted key (or opens its table), for error messages:
 * a line-level scan of {@code [table]} headers and {@code key = value} lines, enough for the
 * configurations people write; a key it cannot place gets no line. Stateless.
 */
final class KeyLines {
    private KeyLines() {
    }

    /** The 1-based line that sets {@code key}, or 0 when not found. */
    static int lineOf(String text, String key) {
        if (text == null) {
            return 0;
        }
        String wanted = normalized(key);
        if (wanted == null) {
            return 0;
        }
        String table = "";
        int tableLine = 0;
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("[") && !line.startsWith("[[")) {
                int end = line.indexOf(']');
                String header = end < 0 ? null : normalized(line.substring(1, end));
                table = header == null ? "\u0000" : header;
                if (table.equals(wanted)) {
                    tableLine = i + 1;
                }
                continue;
            }
            int eq = line.indexOf('=');
            if (line.startsWith("#") || eq <= 0) {
                continue;
            }
            String local = normalized(line.substring(0, eq));
            if (local != null && (table.isEmpty() ? local : table + "." + local).equals(wanted)) {
                return i + 1;
            }
        }
        return tableLine;
    }

    /** The key with its parts unquoted and joined by dots, or null if it is not a key. */
    private static String normalized(String key) {
        try {
            return String.join(".", ConfigLoader.path(key.strip()));
        } catch (ConfigError e) {
            return null;
        }
    }
}
