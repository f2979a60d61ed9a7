package io.tradehost.faults;

import java.util.Map;
import java.util.TreeMap;

/** Faults injected so far, by kind. Kernel thread only. */
final class FaultCounts {
    private final Map<String, Long> counts = new TreeMap<>();

    void add(String kind) {
        counts.merge(kind, 1L, Long::sum);
    }

    Map<String, Long> snapshot() {
        return Map.copyOf(counts);
    }
}
