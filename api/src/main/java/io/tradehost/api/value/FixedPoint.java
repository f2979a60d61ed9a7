package io.tradehost.api.value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * The exact decimal behind {@link Price}, {@link Quantity}, {@link Money} and {@link Ratio}: a
 * whole number of 10<sup>-{@value #SCALE}</sup> units, of magnitude below
 * 10<sup>{@value #MAX_DIGITS}</sup> units (the range 128 bits hold). That covers every product a
 * real exchange lists: quantities past 10<sup>13</sup> units, prices from 10<sup>-10</sup> to past
 * 10<sup>7</sup>, notionals past 10<sup>12</sup>.
 *
 * <p>A value below 2<sup>63</sup> raw units (about 9.2 x 10<sup>8</sup> units: every price, and
 * the quantities and amounts of all but the largest accounts) is held in a {@code long}, and
 * arithmetic on such values allocates nothing but its result: products of two values take a
 * 128-bit intermediate ({@link Math#multiplyHigh}) and a 128-by-64-bit division. Larger values are
 * held as a {@link BigInteger} and computed with it, exactly. Every operation is exact or rounds by
 * an explicit {@link RoundingMode}; a result outside the range throws
 * {@link ValueOutOfRangeException}. Immutable and thread-safe; equal values have equal
 * representations, so {@link #equals} and {@link #hashCode} are by value within each type.
 */
public abstract sealed class FixedPoint permits Price, Quantity, Money, Ratio {
    /** Decimal places of every value. */
    public static final int SCALE = 10;
    /** Values stay below 10 to this power, in units. */
    public static final int MAX_DIGITS = 28;
    /** The largest magnitude a value may have: 10<sup>28</sup> minus one 10<sup>-10</sup> unit. */
    public static final BigDecimal MAX = new BigDecimal(Raw.MAX, SCALE);

    /** The raw value when {@link #wide} is null; never {@link Long#MIN_VALUE}. */
    final long small;
    /** The raw value when it does not fit {@link #small}; null otherwise. */
    final BigInteger wide;

    FixedPoint(long raw) {
        if (raw == Long.MIN_VALUE) {
            this.small = 0;
            this.wide = BigInteger.valueOf(raw);
        } else {
            this.small = raw;
            this.wide = null;
        }
    }

    FixedPoint(BigInteger raw) {
        if (raw.abs().compareTo(Raw.MAX) > 0) {
            throw new ValueOutOfRangeException(new BigDecimal(raw, SCALE));
        }
        boolean fits = raw.bitLength() < 64 && raw.longValue() != Long.MIN_VALUE;
        this.small = fits ? raw.longValue() : 0;
        this.wide = fits ? null : raw;
    }

    /** What {@link #parseSmall} answers for text it leaves to {@link #parse}. */
    static final long NOT_SMALL = Long.MIN_VALUE;
    private static final long[] POWERS_OF_TEN = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L,
        10_000_000L, 100_000_000L, 1_000_000_000L, 10_000_000_000L};

    /**
     * The raw value of the commonest text, without {@link BigDecimal}: an optional sign, digits,
     * and after an optional point at most {@value #SCALE} of them but zeros, whose raw value fits a
     * {@code long}. Anything else (blanks, exponents, more places, larger values, bad text) gives
     * {@link #NOT_SMALL}, and {@link #parse} then answers or refuses it exactly as before: a data
     * file's millions of prices are read without a BigDecimal each.
     */
    static long parseSmall(String text) {
        if (text == null) {
            return NOT_SMALL;
        }
        int length = text.length();
        int i = 0;
        boolean negative = false;
        if (length > 0 && (text.charAt(0) == '-' || text.charAt(0) == '+')) {
            negative = text.charAt(0) == '-';
            i = 1;
        }
        long value = 0;
        int digits = 0;
        int places = -1;
        for (; i < length; i++) {
            char c = text.charAt(i);
            if (c == '.' && places < 0) {
                places = 0;
                continue;
            }
            int digit = c - '0';
            if (digit < 0 || digit > 9) {
                return NOT_SMALL;
            }
            digits++;
            if (places == SCALE) {
                if (digit != 0) {
                    return NOT_SMALL;
                }
                continue; // a zero past the last place changes nothing ("800.010000000000")
            }
            if (value > (Long.MAX_VALUE - digit) / 10) {
                return NOT_SMALL;
            }
            value = value * 10 + digit;
            if (places >= 0) {
                places++;
            }
        }
        if (digits == 0) {
            return NOT_SMALL;
        }
        long scale = POWERS_OF_TEN[SCALE - Math.max(places, 0)];
        if (value > Long.MAX_VALUE / scale) {
            return NOT_SMALL;
        }
        return negative ? -value * scale : value * scale;
    }

    /**
     * Parses a plain decimal such as {@code "-12.5"} into a raw value.
     *
     * @throws NumberFormatException if the text is not a decimal, has more than {@value #SCALE}
     *     decimal places, or is out of range
     */
    static BigInteger parse(String text) {
        if (text == null || text.isBlank()) {
            throw new NumberFormatException("empty decimal");
        }
        final BigDecimal value;
        try {
            value = new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw new NumberFormatException("not a decimal: '" + text + "'");
        }
        return raw(value, text);
    }

    /**
     * The raw value of an exact decimal.
     *
     * @throws NumberFormatException if it has more than {@value #SCALE} decimal places or is out of range
     */
    static BigInteger raw(BigDecimal value, Object source) {
        BigInteger raw;
        try {
            raw = value.setScale(SCALE, RoundingMode.UNNECESSARY).unscaledValue();
        } catch (ArithmeticException e) {
            throw new NumberFormatException("'" + source + "' needs more than " + SCALE + " decimal places");
        }
        if (raw.abs().compareTo(Raw.MAX) > 0) {
            throw new NumberFormatException("'" + source + "' is out of range (magnitude must be below 10^"
                    + MAX_DIGITS + ")");
        }
        return raw;
    }

    /** The raw value of the nearest decimal to a finite double, rounded half-even at the last place. */
    static BigInteger raw(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("not a finite number: " + value);
        }
        return raw(new BigDecimal(value).setScale(SCALE, RoundingMode.HALF_EVEN), value);
    }

    /** The raw value of {@code units} whole units. */
    static BigInteger units(long units) {
        return BigInteger.valueOf(units).multiply(Raw.ONE_BIG);
    }

    /** -1, 0 or 1 as the value is negative, zero or positive. */
    public final int signum() {
        return wide == null ? Long.signum(small) : wide.signum();
    }

    public final boolean isZero() {
        return wide == null && small == 0;
    }

    public final boolean isPositive() {
        return signum() > 0;
    }

    public final boolean isNegative() {
        return signum() < 0;
    }

    /** The value as an exact {@link BigDecimal} without trailing zeros (at least scale 0). */
    public final BigDecimal toBigDecimal() {
        BigDecimal d = (wide == null ? BigDecimal.valueOf(small, SCALE) : new BigDecimal(wide, SCALE))
                .stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0) : d;
    }

    /** The value as the nearest double: for indicator maths, display and thresholds, never for sizes or money. */
    public final double toDouble() {
        return wide == null ? small / (double) Raw.ONE : new BigDecimal(wide, SCALE).doubleValue();
    }

    /** Plain decimal text, trailing zeros dropped: {@code "1.5"}, {@code "-0.0001"}, {@code "100"}. */
    @Override
    public final String toString() {
        return toBigDecimal().toPlainString();
    }

    @Override
    public final boolean equals(Object other) {
        return other instanceof FixedPoint o && o.getClass() == getClass() && o.small == small
                && (wide == null ? o.wide == null : wide.equals(o.wide));
    }

    @Override
    public final int hashCode() {
        return wide == null ? Long.hashCode(small) : wide.hashCode();
    }

    /** Compares the raw values of two values of one type. */
    final int compareRaw(FixedPoint other) {
        if (wide == null && other.wide == null) {
            return Long.compare(small, other.small);
        }
        return big().compareTo(other.big());
    }

    /** The raw value as a BigInteger, for the wide path. */
    final BigInteger big() {
        return wide != null ? wide : BigInteger.valueOf(small);
    }

    final boolean isSmall() {
        return wide == null;
    }
}
