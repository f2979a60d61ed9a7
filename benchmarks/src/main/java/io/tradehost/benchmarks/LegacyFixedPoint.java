package io.tradehost.benchmarks;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * The value arithmetic before 128-bit values (kept here, unchanged but for its name and this
 * comment, as the baseline the benchmark compares with): scaled longs with {@value #SCALE} decimal
 * places.
 *
 * <p>Every operation is exact or rounds by an explicit {@link RoundingMode}; overflow throws
 * {@link ArithmeticException} instead of wrapping. Products of two scaled values take a
 * {@code long} fast path and fall back to {@link BigInteger} only when the intermediate does not
 * fit. Stateless and thread-safe.
 */
public final class LegacyFixedPoint {
    /** Decimal places of every raw value. */
    public static final int SCALE = 8;
    /** The raw value of one unit. */
    public static final long ONE = 100_000_000L;

    private LegacyFixedPoint() {
    }

    /**
     * Parses a plain decimal such as {@code "-12.5"} into a raw value.
     *
     * @throws NumberFormatException if the text is not a decimal, has more than {@value #SCALE}
     *     decimal places, or does not fit
     */
    public static long parse(String text) {
        if (text == null || text.isBlank()) {
            throw new NumberFormatException("empty decimal");
        }
        final BigDecimal value;
        try {
            value = new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw new NumberFormatException("not a decimal: '" + text + "'");
        }
        return fromBigDecimal(value, text);
    }

    /**
     * Converts an exact decimal to a raw value.
     *
     * @throws NumberFormatException if it has more than {@value #SCALE} decimal places or does not fit
     */
    public static long fromBigDecimal(BigDecimal value, Object source) {
        try {
            return value.setScale(SCALE, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
        } catch (ArithmeticException e) {
            throw new NumberFormatException("'" + source + "' needs more than " + SCALE
                    + " decimal places or is out of range");
        }
    }

    /** The raw value as an exact {@link BigDecimal} without trailing zeros (at least scale 0). */
    public static BigDecimal toBigDecimal(long raw) {
        BigDecimal d = BigDecimal.valueOf(raw, SCALE).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0) : d;
    }

    /** Plain decimal text of a raw value, trailing zeros dropped: {@code 150000000 -> "1.5"}. */
    public static String format(long raw) {
        return toBigDecimal(raw).toPlainString();
    }

    /** {@code a * b / ONE}, rounded by {@code mode}. */
    public static long multiply(long a, long b, RoundingMode mode) {
        return multiplyDivide(a, b, ONE, mode);
    }

    /** {@code a * ONE / b}, rounded by {@code mode}. */
    public static long divideScaled(long a, long b, RoundingMode mode) {
        return multiplyDivide(a, ONE, b, mode);
    }

    /**
     * {@code a * b / c} with an exact intermediate, rounded by {@code mode}.
     *
     * @throws ArithmeticException if {@code c} is zero or the result does not fit a long
     */
    public static long multiplyDivide(long a, long b, long c, RoundingMode mode) {
        if (c == 0) {
            throw new ArithmeticException("division by zero");
        }
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        if ((high == 0 && low >= 0) || (high == -1 && low < 0)) {
            return divide(low, c, mode);
        }
        return new BigDecimal(BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)))
                .divide(BigDecimal.valueOf(c), 0, mode).toBigIntegerExact().longValueExact();
    }

    /** {@code numerator / denominator} on plain longs, rounded by {@code mode}. */
    public static long divide(long numerator, long denominator, RoundingMode mode) {
        if (denominator == 0) {
            throw new ArithmeticException("division by zero");
        }
        long quotient = numerator / denominator;
        long remainder = numerator % denominator;
        if (remainder == 0) {
            return quotient;
        }
        int sign = Long.signum(numerator) * Long.signum(denominator);
        long awayFromZero = quotient + sign;
        long r = Math.abs(remainder);
        long rest = Math.abs(denominator) - r;
        return switch (mode) {
            case DOWN -> quotient;
            case UP -> awayFromZero;
            case FLOOR -> sign < 0 ? awayFromZero : quotient;
            case CEILING -> sign > 0 ? awayFromZero : quotient;
            case HALF_UP -> r >= rest ? awayFromZero : quotient;
            case HALF_DOWN -> r > rest ? awayFromZero : quotient;
            case HALF_EVEN -> r > rest || (r == rest && (quotient & 1) != 0) ? awayFromZero : quotient;
            case UNNECESSARY -> throw new ArithmeticException("rounding necessary");
        };
    }
}
