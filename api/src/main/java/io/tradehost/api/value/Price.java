package io.tradehost.api.value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * An exact price in quote currency per unit of base; never negative. See {@link FixedPoint} for
 * the range and precision. Immutable.
 */
public final class Price extends FixedPoint implements Comparable<Price> {
    /** A zero price; useful only as a neutral element. */
    public static final Price ZERO = new Price(0);

    Price(long raw) {
        super(raw);
        requireNonNegative();
    }

    Price(BigInteger raw) {
        super(raw);
        requireNonNegative();
    }

    private void requireNonNegative() {
        if (isNegative()) {
            throw new IllegalArgumentException("price must not be negative: " + this);
        }
    }

    /** Parses a plain decimal such as {@code "64250.5"}. @throws NumberFormatException if it is not one, or out of range */
    public static Price of(String text) {
        long raw = parseSmall(text);
        return raw != NOT_SMALL ? new Price(raw) : new Price(parse(text));
    }

    /** An exact decimal. @throws NumberFormatException if it has more than {@value #SCALE} places or is out of range */
    public static Price of(BigDecimal value) {
        return new Price(raw(value, value));
    }

    /** The price of a whole number of quote units. */
    public static Price ofUnits(long units) {
        return new Price(units(units));
    }

    /**
     * The price nearest to {@code value} (half-even at the last place): for prices a strategy
     * computes with doubles; round it to the product's tick with {@link Product#roundPrice}.
     *
     * @throws IllegalArgumentException if {@code value} is negative, infinite or NaN
     */
    public static Price fromDouble(double value) {
        return new Price(raw(value));
    }

    /** The notional {@code this x quantity}, rounded half-even; signed as the quantity. */
    public Money times(Quantity quantity) {
        if (isSmall() && quantity.isSmall()) {
            long r = Raw.mulDiv(small, quantity.small, Raw.ONE, RoundingMode.HALF_EVEN);
            if (r != Raw.WIDE) {
                return new Money(r);
            }
        }
        return new Money(Raw.mulDiv(big(), quantity.big(), Raw.ONE_BIG, RoundingMode.HALF_EVEN));
    }

    /**
     * {@code this x bps / 10000}, rounded by {@code mode}: an offset from a price in basis points,
     * e.g. a simulated half-spread or slippage.
     */
    public Price bps(Ratio basisPoints, RoundingMode mode) {
        if (isSmall() && basisPoints.isSmall()) {
            long r = Raw.mulDiv(small, basisPoints.small, Money.BPS_DIVISOR, mode);
            if (r != Raw.WIDE) {
                return new Price(r);
            }
        }
        return new Price(Raw.mulDiv(big(), basisPoints.big(), BigInteger.valueOf(Money.BPS_DIVISOR), mode));
    }

    public Price plus(Price other) {
        long r = isSmall() && other.isSmall() ? Raw.add(small, other.small) : Raw.WIDE;
        return r != Raw.WIDE ? new Price(r) : new Price(big().add(other.big()));
    }

    /** @throws IllegalArgumentException if the result would be negative */
    public Price minus(Price other) {
        long r = isSmall() && other.isSmall() ? Raw.subtract(small, other.small) : Raw.WIDE;
        return r != Raw.WIDE ? new Price(r) : new Price(big().subtract(other.big()));
    }

    /** This price rounded to a multiple of {@code increment} by {@code mode}; unchanged if the increment is zero. */
    public Price roundTo(Price increment, RoundingMode mode) {
        if (increment.isZero()) {
            return this;
        }
        if (isSmall() && increment.isSmall()) {
            long r = Raw.mulDiv(Raw.divide(small, increment.small, mode), increment.small, 1, mode);
            if (r != Raw.WIDE) {
                return new Price(r);
            }
        }
        return new Price(Raw.mulDiv(big(), BigInteger.ONE, increment.big(), mode).multiply(increment.big()));
    }

    /** {@code (this - reference) / reference} in basis points; a plain double for display and thresholds. */
    public double bpsFrom(Price reference) {
        return (toDouble() - reference.toDouble()) * 10_000.0 / reference.toDouble();
    }

    /** Arithmetic mean of two prices, rounded half-even. */
    public static Price mid(Price a, Price b) {
        long sum = a.isSmall() && b.isSmall() ? Raw.add(a.small, b.small) : Raw.WIDE;
        if (sum != Raw.WIDE) {
            return new Price(Raw.divide(sum, 2, RoundingMode.HALF_EVEN));
        }
        return new Price(Raw.mulDiv(a.big().add(b.big()), BigInteger.ONE, BigInteger.TWO, RoundingMode.HALF_EVEN));
    }

    public boolean isGreaterThan(Price other) {
        return compareRaw(other) > 0;
    }

    public boolean isLessThan(Price other) {
        return compareRaw(other) < 0;
    }

    @Override
    public int compareTo(Price other) {
        return compareRaw(other);
    }
}
