package io.tradehost.app.config;

import java.util.Collection;

/**
 * The known key nearest a misspelt one, by edit distance over the last part among keys of the
 * same table (a dozen short strings: a library would cost more than these lines). Stateless.
 */
final class Nearest {
    private Nearest() {
    }

    /** The nearest of {@code known} to {@code key} within two edits or a third of its length, or null. */
    static String key(String key, Collection<String> known) {
        int dot = key.lastIndexOf('.');
        String table = dot < 0 ? "" : key.substring(0, dot + 1);
        String last = key.substring(dot + 1);
        String best = null;
        int bestDistance = Math.max(2, last.length() / 3) + 1;
        for (String candidate : known) {
            if (!candidate.startsWith(table) || candidate.equals(key) || candidate.indexOf('.', table.length()) >= 0) {
                continue;
            }
            int d = distance(last, candidate.substring(table.length()));
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
