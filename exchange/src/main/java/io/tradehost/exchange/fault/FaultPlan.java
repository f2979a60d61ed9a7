package io.tradehost.exchange.fault;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which faults are armed and how often they have fired. Arm one with a count (and, for
 * {@link Fault#SLOW} and {@link Fault#SILENCE}, a duration); each {@link #take} uses one. Thread-safe.
 */
public final class FaultPlan {
    private final Map<Fault, Integer> armed = new EnumMap<>(Fault.class);
    private final Map<Fault, Long> millis = new EnumMap<>(Fault.class);
    private final Map<Fault, Long> fired = new EnumMap<>(Fault.class);

    /** A plan with nothing armed. */
    public FaultPlan() {
        // nothing armed
    }

    /**
     * Arms {@code fault} for {@code count} more occurrences.
     *
     * @param durationMillis how long a slow answer or a silence lasts; ignored by other faults
     */
    public synchronized void arm(Fault fault, int count, long durationMillis) {
        if (count < 1) {
            throw new IllegalArgumentException("a fault needs a count >= 1, got " + count);
        }
        armed.merge(fault, count, Integer::sum);
        millis.put(fault, Math.max(0, durationMillis));
    }

    /**
     * Parses {@code name[:count[:millis]]} (e.g. {@code rate_limit:3}, {@code slow:2:3000}) and arms it.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public void arm(String spec) {
        String[] parts = spec.split(":");
        Fault fault = Fault.parse(parts[0]);
        try {
            int count = parts.length > 1 ? Integer.parseInt(parts[1]) : 1;
            long duration = parts.length > 2 ? Long.parseLong(parts[2]) : 2_000;
            arm(fault, count, duration);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("fault '" + spec + "': expected name[:count[:millis]]", e);
        }
    }

    /** Uses one occurrence of {@code fault} if armed; whether it fires now. */
    public synchronized boolean take(Fault fault) {
        Integer left = armed.get(fault);
        if (left == null) {
            return false;
        }
        if (left <= 1) {
            armed.remove(fault);
        } else {
            armed.put(fault, left - 1);
        }
        fired.merge(fault, 1L, Long::sum);
        return true;
    }

    /** The duration the fault was armed with. */
    public synchronized long millis(Fault fault) {
        return millis.getOrDefault(fault, 0L);
    }

    /** How often each fault fired, by label. */
    public synchronized Map<String, Long> fired() {
        Map<String, Long> out = new LinkedHashMap<>();
        fired.forEach((f, n) -> out.put(f.label(), n));
        return out;
    }

    /** Occurrences still armed, by label. */
    public synchronized Map<String, Integer> armed() {
        Map<String, Integer> out = new LinkedHashMap<>();
        armed.forEach((f, n) -> out.put(f.label(), n));
        return out;
    }
}
