package io.tradehost.api.value;

import java.math.RoundingMode;

/**
 * An exact amount of a product's base asset, scaled by {@link FixedPoint#ONE}. Signed: a position
 * uses a negative quantity for short; order quantities are always positive. Immutable.
 *
 * @param raw the scaled value
 */
public record Quantity(long raw) implements Comparable<Quantity> {
    /** No quantity. */
    public static final Quantity ZERO = new Quantity(0);

    /** Parses a plain decimal; see {@link FixedPoint#parse(String)}. */
    public static Quantity of(String text) {
        return new Quantity(FixedPoint.parse(text));
    }

    public static Quantity ofUnits(long units) {
        return new Quantity(Math.multiplyExact(units, FixedPoint.ONE));
    }

    public Quantity plus(Quantity other) {
        return new Quantity(Math.addExact(raw, other.raw));
    }

    public Quantity minus(Quantity other) {
        return new Quantity(Math.subtractExact(raw, other.raw));
    }

    public Quantity negate() {
        return new Quantity(Math.negateExact(raw));
    }

    public Quantity abs() {
        return raw < 0 ? negate() : this;
    }

    public int signum() {
        return Long.signum(raw);
    }

    public boolean isZero() {
        return raw == 0;
    }

    public boolean isPositive() {
        return raw > 0;
    }

    public boolean isNegative() {
        return raw < 0;
    }

    public boolean isGreaterThan(Quantity other) {
        return raw > other.raw;
    }

    public boolean isLessThan(Quantity other) {
        return raw < other.raw;
    }

    public Quantity min(Quantity other) {
        return raw <= other.raw ? this : other;
    }

    /** This quantity rounded toward zero to a multiple of {@code increment}; unchanged if the increment is not positive. */
    public Quantity roundDownTo(Quantity increment) {
        if (increment.raw <= 0) {
            return this;
        }
        return new Quantity(Math.multiplyExact(raw / increment.raw, increment.raw));
    }

    /** The notional {@code this x price}; see {@link Price#times(Quantity)}. */
    public Money times(Price price) {
        return price.times(this);
    }

    /** This quantity with the sign of {@code side}: positive for buy, negative for sell. */
    public Quantity signed(Side side) {
        return side == Side.BUY ? abs() : abs().negate();
    }

    @Override
    public int compareTo(Quantity other) {
        return Long.compare(raw, other.raw);
    }

    @Override
    public String toString() {
        return FixedPoint.format(raw);
    }
}
