package io.tradehost.api.market;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How long one bar lasts: a whole number of seconds from 1 s to 1 day. Bars are aligned to the
 * epoch (UTC): a 5-minute bar covers [10:05:00, 10:10:00), a 1-day bar a UTC calendar day.
 *
 * @param length the interval
 */
public record BarInterval(Duration length) implements Comparable<BarInterval> {
    /** The shortest interval, one second. */
    public static final Duration MIN = Duration.ofSeconds(1);
    /** The longest interval, one day. */
    public static final Duration MAX = Duration.ofDays(1);

    /** @throws IllegalArgumentException if the length is not whole seconds from 1 s to 1 day */
    public BarInterval {
        Objects.requireNonNull(length, "length");
        if (length.getNano() != 0 || length.compareTo(MIN) < 0 || length.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("a bar interval is whole seconds from 1s to 1d, not " + length);
        }
    }

    /**
     * Parses {@code 15s}, {@code 1m}, {@code 5m}, {@code 4h}, {@code 1d}: a positive number and one of
     * s, m, h, d.
     *
     * @throws IllegalArgumentException naming the text when it is not such an interval
     */
    public static BarInterval parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (t.length() < 2 || t.length() > 9) {
            throw new IllegalArgumentException("a bar interval is like 15s, 1m, 4h or 1d, not '" + text + "'");
        }
        long n;
        try {
            n = Long.parseLong(t.substring(0, t.length() - 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a bar interval is like 15s, 1m, 4h or 1d, not '" + text + "'", e);
        }
        long seconds = switch (t.charAt(t.length() - 1)) {
            case 's' -> n;
            case 'm' -> n * 60;
            case 'h' -> n * 3_600;
            case 'd' -> n * 86_400;
            default -> throw new IllegalArgumentException("a bar interval ends in s, m, h or d, not '" + text + "'");
        };
        return new BarInterval(Duration.ofSeconds(seconds));
    }

    /** The interval in nanoseconds. */
    public long nanos() {
        return length.toNanos();
    }

    /** The start of the bar that holds {@code timestampNanos}. */
    public long startOf(long timestampNanos) {
        return Math.floorDiv(timestampNanos, nanos()) * nanos();
    }

    @Override
    public int compareTo(BarInterval other) {
        return length.compareTo(other.length);
    }

    /** The shortest text {@link #parse} reads back: {@code 90s}, {@code 5m}, {@code 4h}, {@code 1d}. */
    @Override
    public String toString() {
        long s = length.getSeconds();
        return s % 86_400 == 0 ? s / 86_400 + "d" : s % 3_600 == 0 ? s / 3_600 + "h" : s % 60 == 0 ? s / 60 + "m"
                : s + "s";
    }
}
