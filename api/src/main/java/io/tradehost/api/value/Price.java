package io.tradehost.api.value;

import java.math.RoundingMode;

/**
 * An exact price in quote currency per unit of base, as a long scaled by {@link FixedPoint#ONE}.
 * Immutable; never negative.
 *
 * @param raw the scaled value: {@code 1.5} is {@code 150_000_000}
 */
public record Price(long raw) implements Comparable<Price> {
    /** A zero price; useful only as a neutral element. */
    public static final Price ZERO = new Price(0);

    /** @throws IllegalArgumentException if negative */
    public Price {
        if (raw < 0) {
            throw new IllegalArgumentException("price must not be negative: " + FixedPoint.format(raw));
        }
    }

    /** Parses a plain decimal; see {@link FixedPoint#parse(String)}. */
    public static Price of(String text) {
        return new Price(FixedPoint.parse(text));
    }

    /** The price of a whole number of quote units. */
    public static Price ofUnits(long units) {
        return new Price(Math.multiplyExact(units, FixedPoint.ONE));
    }

    /** The notional {@code this x quantity}, rounded half-even to the money scale; signed as the quantity. */
    public Money times(Quantity quantity) {
        return new Money(FixedPoint.multiply(raw, quantity.raw(), RoundingMode.HALF_EVEN));
    }

    public Price plus(Price other) {
        return new Price(Math.addExact(raw, other.raw));
    }

    public Price minus(Price other) {
        return new Price(Math.subtractExact(raw, other.raw));
    }

    /** The price rounded to a multiple of {@code increment} by {@code mode}. */
    public Price roundTo(Price increment, RoundingMode mode) {
        if (increment.raw <= 0) {
            return this;
        }
        return new Price(Math.multiplyExact(FixedPoint.divide(raw, increment.raw, mode), increment.raw));
    }

    /** {@code (this - reference) / reference} in basis points; a plain double for display and thresholds. */
    public double bpsFrom(Price reference) {
        return (raw - reference.raw) * 10_000.0 / reference.raw;
    }

    /** Arithmetic mean of two prices, rounded half-even. */
    public static Price mid(Price a, Price b) {
        return new Price(FixedPoint.divide(Math.addExact(a.raw, b.raw), 2, RoundingMode.HALF_EVEN));
    }

    public boolean isZero() {
        return raw == 0;
    }

    public boolean isGreaterThan(Price other) {
        return raw > other.raw;
    }

    public boolean isLessThan(Price other) {
        return raw < other.raw;
    }

    /** This price as a double, for indicator maths only, never for sizes or money. */
    public double toDouble() {
        return raw / (double) FixedPoint.ONE;
    }

    @Override
    public int compareTo(Price other) {
        return Long.compare(raw, other.raw);
    }

    @Override
    public String toString() {
        return FixedPoint.format(raw);
    }
}
