package io.tradehost.app.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The known key nearest a misspelt one, by edit distance over the last part among keys of the
 * same table (a dozen short strings: a library would cost more than these lines). The known keys
 * are grouped by table once, and a candidate whose length alone puts it out of reach is passed
 * over, so a file of many unknown (or very long) keys costs little per key. Immutable.
 */
final class Nearest {
    /** Known keys by their table ({@code a.b.} for {@code a.b.c}, empty at the top). */
    private final Map<String, List<String>> byTable = new HashMap<>();

    private Nearest(Collection<String> known) {
        for (String key : known) {
            byTable.computeIfAbsent(key.substring(0, key.lastIndexOf('.') + 1), t -> new ArrayList<>()).add(key);
        }
    }

    /** An index of {@code known}, to ask about many keys. */
    static Nearest among(Collection<String> known) {
        return new Nearest(known);
    }

    /** The nearest of {@code known} to {@code key} within two edits or a third of its length, or null. */
    static String key(String key, Collection<String> known) {
        return among(known).to(key);
    }

    /** The nearest known key to {@code key} within two edits or a third of its length, or null. */
    String to(String key) {
        int dot = key.lastIndexOf('.');
        String table = key.substring(0, dot + 1);
        String last = key.substring(dot + 1);
        String best = null;
        int bestDistance = Math.max(2, last.length() / 3) + 1;
        for (String candidate : byTable.getOrDefault(table, List.of())) {
            String name = candidate.substring(table.length());
            // the distance is at least the difference in length: no need to compute it
            if (candidate.equals(key) || Math.abs(name.length() - last.length()) >= bestDistance) {
                continue;
            }
            int d = distance(last, name);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best;
    }

    /** Levenshtein distance, two rows. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
