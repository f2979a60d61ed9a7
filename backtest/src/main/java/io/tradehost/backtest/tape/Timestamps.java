package io.tradehost.backtest.tape;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * How one file writes its timestamps, detected from its first row and then held for every row:
 * epoch seconds, milliseconds, microseconds or nanoseconds (by magnitude: below 10^11 seconds, below
 * 10^14 milliseconds, below 10^17 microseconds, else nanoseconds; seconds and milliseconds may carry
 * a fraction), or ISO-8601 (an instant with an offset, a local date-time taken as UTC, with {@code T}
 * or a space, or a date taken as its midnight UTC). Immutable.
 */
public enum Timestamps {
    SECONDS(1_000_000_000L),
    MILLISECONDS(1_000_000L),
    MICROSECONDS(1_000L),
    NANOSECONDS(1L),
    ISO_8601(0L);

    private static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSSSSS][.SSSSSS][.SSS]",
            Locale.ROOT);

    private final long nanosPerUnit;

    Timestamps(long nanosPerUnit) {
        this.nanosPerUnit = nanosPerUnit;
    }

    /**
     * The style of {@code text}.
     *
     * @throws IllegalArgumentException if it is neither a non-negative epoch number nor ISO-8601
     */
    public static Timestamps detect(String text) {
        String t = text.strip();
        if (isEpochNumber(t)) {
            int dot = t.indexOf('.');
            String whole = dot < 0 ? t : t.substring(0, dot);
            if (whole.length() > 19) {
                throw new IllegalArgumentException("timestamp '" + Excerpt.of(text)
                        + "' is too large for any epoch unit");
            }
            long value = Long.parseLong(whole.isEmpty() ? "0" : whole);
            return value < 100_000_000_000L ? SECONDS : value < 100_000_000_000_000L ? MILLISECONDS
                    : value < 100_000_000_000_000_000L ? MICROSECONDS : NANOSECONDS;
        }
        parseIso(t);
        return ISO_8601;
    }

    /**
     * {@code text} in this style as nanoseconds since the epoch.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public long toNanos(String text) {
        String t = text.strip();
        if (this == ISO_8601) {
            Instant instant = parseIso(t);
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
        }
        if (!isEpochNumber(t)) {
            throw new IllegalArgumentException("timestamp '" + Excerpt.of(text) + "' is not epoch " + unitName()
                    + " like the file's first row");
        }
        int dot = t.indexOf('.');
        String whole = dot < 0 ? t : t.substring(0, dot);
        String fraction = dot < 0 ? "" : t.substring(dot + 1);
        try {
            long nanos = Math.multiplyExact(Long.parseLong(whole.isEmpty() ? "0" : whole), nanosPerUnit);
            if (!fraction.isEmpty()) {
                int digits = Long.toString(nanosPerUnit).length() - 1;
                if (fraction.length() > digits) {
                    throw new IllegalArgumentException("timestamp '" + Excerpt.of(text)
                            + "' is finer than a nanosecond");
                }
                nanos += Long.parseLong(fraction) * pow10(digits - fraction.length());
            }
            return nanos;
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("timestamp '" + Excerpt.of(text) + "' is out of range", e);
        }
    }

    private String unitName() {
        return name().toLowerCase(Locale.ROOT);
    }

    private static long pow10(int n) {
        long p = 1;
        for (int i = 0; i < n; i++) {
            p *= 10;
        }
        return p;
    }

    private static boolean isEpochNumber(String t) {
        if (t.isEmpty()) {
            return false;
        }
        int dots = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '.') {
                dots++;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return dots <= 1 && !t.equals(".");
    }

    private static Instant parseIso(String t) {
        try {
            if (t.length() == 10) {
                return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                return OffsetDateTime.parse(t.replace(' ', 'T')).toInstant();
            }
            if (t.indexOf('T') > 0) {
                return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
            }
            return LocalDateTime.parse(t, SPACED).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("timestamp '" + Excerpt.of(t)
                    + "' is neither epoch seconds/milliseconds nor ISO-8601", e);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("timestamp '" + Excerpt.of(t) + "' is not a valid date-time", e);
        }
    }
}
