package io.tradehost.api.value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Arithmetic on raw values. The {@code long} methods are the fast path: they answer
 * {@link #WIDE} when the exact result does not fit a long (or needs the wide path), and the
 * caller then repeats the operation on {@link BigInteger}s. Stateless.
 */
final class Raw {
    /** The raw value of one unit: 10^{@value FixedPoint#SCALE}. */
    static final long ONE = 10_000_000_000L;
    static final BigInteger ONE_BIG = BigInteger.valueOf(ONE);
    /** The largest raw magnitude: 10^38 - 1. */
    static final BigInteger MAX = BigInteger.TEN.pow(FixedPoint.MAX_DIGITS + FixedPoint.SCALE)
            .subtract(BigInteger.ONE);
    /** The answer of a fast-path method whose result needs the wide path. */
    static final long WIDE = Long.MIN_VALUE;

    private static final long LOW_32 = 0xFFFF_FFFFL;

    private Raw() {
    }

    static long add(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? WIDE : r;
    }

    static long subtract(long a, long b) {
        long r = a - b;
        return ((a ^ b) & (a ^ r)) < 0 ? WIDE : r;
    }

    /**
     * {@code a * b / c} rounded by {@code mode}, with an exact 128-bit intermediate; {@link #WIDE}
     * if the result does not fit. Neither argument may be {@link Long#MIN_VALUE}.
     *
     * @throws ArithmeticException if {@code c} is zero, or rounding is needed under UNNECESSARY
     */
    static long mulDiv(long a, long b, long c, RoundingMode mode) {
        if (c == 0) {
            throw new ArithmeticException("division by zero");
        }
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0 && lo != Long.MIN_VALUE)) {
            return divide(lo, c, mode);
        }
        boolean negative = (hi < 0) != (c < 0);
        if (hi < 0) {
            lo = -lo;
            hi = lo == 0 ? -hi : ~hi;
        }
        long d = Math.abs(c);
        if (Long.compareUnsigned(hi, d) >= 0) {
            return WIDE;
        }
        long q = divideUnsigned(hi, lo, d);
        if (q < 0) {
            return WIDE;
        }
        long r = lo - q * d;
        if (r != 0 && awayFromZero(mode, negative, q, r, d) && ++q < 0) {
            return WIDE;
        }
        return negative ? -q : q;
    }

    /**
     * {@code numerator / denominator} rounded by {@code mode}. Neither may be {@link Long#MIN_VALUE}
     * (raw values never are), so the result always fits.
     */
    static long divide(long numerator, long denominator, RoundingMode mode) {
        if (denominator == 0) {
            throw new ArithmeticException("division by zero");
        }
        long quotient = numerator / denominator;
        long remainder = numerator % denominator;
        if (remainder == 0) {
            return quotient;
        }
        boolean negative = (numerator < 0) != (denominator < 0);
        return awayFromZero(mode, negative, Math.abs(quotient), Math.abs(remainder), Math.abs(denominator))
                ? quotient + (negative ? -1 : 1) : quotient;
    }

    /**
     * Whether a quotient of magnitude {@code q} with remainder {@code r > 0} of divisor {@code d}
     * rounds away from zero. {@code r} and {@code d} are positive, {@code r < d}.
     */
    private static boolean awayFromZero(RoundingMode mode, boolean negative, long q, long r, long d) {
        long rest = d - r;
        return switch (mode) {
            case DOWN -> false;
            case UP -> true;
            case FLOOR -> negative;
            case CEILING -> !negative;
            case HALF_UP -> r >= rest;
            case HALF_DOWN -> r > rest;
            case HALF_EVEN -> r > rest || (r == rest && (q & 1) != 0);
            case UNNECESSARY -> throw new ArithmeticException("rounding necessary");
        };
    }

    /**
     * The unsigned quotient of the 128-bit {@code hi:lo} by {@code v}, which must exceed {@code hi}
     * (unsigned), so that the quotient fits 64 bits: long division in 32-bit digits after
     * normalising the divisor (Knuth's algorithm D, as in Hacker's Delight {@code divlu}).
     */
    static long divideUnsigned(long hi, long lo, long v) {
        int shift = Long.numberOfLeadingZeros(v);
        long divisor = v << shift;
        long vn1 = divisor >>> 32;
        long vn0 = divisor & LOW_32;
        long un32 = shift == 0 ? hi : (hi << shift) | (lo >>> (64 - shift));
        long un10 = lo << shift;
        long un1 = un10 >>> 32;
        long un0 = un10 & LOW_32;

        long q1 = Long.divideUnsigned(un32, vn1);
        long rhat = un32 - q1 * vn1;
        while (Long.compareUnsigned(q1, 1L << 32) >= 0 || Long.compareUnsigned(q1 * vn0, (rhat << 32) | un1) > 0) {
            q1--;
            rhat += vn1;
            if (Long.compareUnsigned(rhat, 1L << 32) >= 0) {
                break;
            }
        }
        long un21 = ((un32 << 32) | un1) - q1 * divisor;
        long q0 = Long.divideUnsigned(un21, vn1);
        rhat = un21 - q0 * vn1;
        while (Long.compareUnsigned(q0, 1L << 32) >= 0 || Long.compareUnsigned(q0 * vn0, (rhat << 32) | un0) > 0) {
            q0--;
            rhat += vn1;
            if (Long.compareUnsigned(rhat, 1L << 32) >= 0) {
                break;
            }
        }
        return (q1 << 32) | q0;
    }

    /** {@code a * b / c} rounded by {@code mode}, exactly, on the wide path. */
    static BigInteger mulDiv(BigInteger a, BigInteger b, BigInteger c, RoundingMode mode) {
        if (c.signum() == 0) {
            throw new ArithmeticException("division by zero");
        }
        return new BigDecimal(a.multiply(b)).divide(new BigDecimal(c), 0, mode).toBigIntegerExact();
    }
}
