package io.tradehost.plugins.venue.coinbase.feed;

import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts feed messages that could not be used, by kind, and logs the first of each kind at WARN
 * (with the start of the message, never a credential: feeds carry none). Thread-safe.
 */
public final class BadMessages {
    private static final Logger LOG = LoggerFactory.getLogger(BadMessages.class);
    private static final int SHOWN = 160;
    private final String feed;
    private final Map<String, Long> counts = new TreeMap<>();

    public BadMessages(String feed) {
        this.feed = feed;
    }

    /** Counts one bad message of {@code kind}. */
    public void count(String kind, String detail, String message) {
        boolean first;
        synchronized (this) {
            first = counts.merge(kind, 1L, Long::sum) == 1;
        }
        if (first) {
            String start = message == null ? "" : message.length() > SHOWN ? message.substring(0, SHOWN) + "..."
                    : message;
            LOG.warn("{} feed: ignored a bad message ({}: {}); further ones of this kind are only counted: {}", feed,
                    kind, detail, start);
        }
    }

    /** Bad messages so far, by kind. */
    public synchronized Map<String, Long> counts() {
        return Map.copyOf(counts);
    }

    public synchronized long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
