package io.tradehost.api.value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * An exact amount of a product's base asset. Signed: a position uses a negative quantity for
 * short; order quantities are always positive. See {@link FixedPoint} for the range and precision.
 * Immutable.
 */
public final class Quantity extends FixedPoint implements Comparable<Quantity> {
    /** No quantity. */
    public static final Quantity ZERO = new Quantity(0);

    Quantity(long raw) {
        super(raw);
    }

    Quantity(BigInteger raw) {
        super(raw);
    }

    /** Parses a plain decimal such as {@code "0.0015"}. @throws NumberFormatException if it is not one, or out of range */
    public static Quantity of(String text) {
        long raw = parseSmall(text);
        return raw != NOT_SMALL ? new Quantity(raw) : new Quantity(parse(text));
    }

    /** An exact decimal. @throws NumberFormatException if it has more than {@value #SCALE} places or is out of range */
    public static Quantity of(BigDecimal value) {
        return new Quantity(raw(value, value));
    }

    public static Quantity ofUnits(long units) {
        return new Quantity(units(units));
    }

    public Quantity plus(Quantity other) {
        long r = isSmall() && other.isSmall() ? Raw.add(small, other.small) : Raw.WIDE;
        return r != Raw.WIDE ? new Quantity(r) : new Quantity(big().add(other.big()));
    }

    public Quantity minus(Quantity other) {
        long r = isSmall() && other.isSmall() ? Raw.subtract(small, other.small) : Raw.WIDE;
        return r != Raw.WIDE ? new Quantity(r) : new Quantity(big().subtract(other.big()));
    }

    public Quantity negate() {
        return isSmall() ? new Quantity(-small) : new Quantity(wide.negate());
    }

    public Quantity abs() {
        return isNegative() ? negate() : this;
    }

    public boolean isGreaterThan(Quantity other) {
        return compareRaw(other) > 0;
    }

    public boolean isLessThan(Quantity other) {
        return compareRaw(other) < 0;
    }

    public Quantity min(Quantity other) {
        return compareRaw(other) <= 0 ? this : other;
    }

    /** This quantity rounded toward zero to a multiple of {@code increment}; unchanged if the increment is not positive. */
    public Quantity roundDownTo(Quantity increment) {
        if (!increment.isPositive()) {
            return this;
        }
        if (isSmall() && increment.isSmall()) {
            return new Quantity(small / increment.small * increment.small);
        }
        return new Quantity(big().divide(increment.big()).multiply(increment.big()));
    }

    /** The notional {@code this x price}; see {@link Price#times(Quantity)}. */
    public Money times(Price price) {
        return price.times(this);
    }

    /** This quantity with the sign of {@code side}: positive for buy, negative for sell. */
    public Quantity signed(Side side) {
        return side == Side.BUY ? abs() : abs().negate();
    }

    /** {@code this x ratio}, rounded by {@code mode}. */
    public Quantity times(Ratio ratio, RoundingMode mode) {
        if (isSmall() && ratio.isSmall()) {
            long r = Raw.mulDiv(small, ratio.small, Raw.ONE, mode);
            if (r != Raw.WIDE) {
                return new Quantity(r);
            }
        }
        return new Quantity(Raw.mulDiv(big(), ratio.big(), Raw.ONE_BIG, mode));
    }

    /** {@code this / other} as a ratio, rounded half-even. */
    public Ratio ratioTo(Quantity other) {
        if (isSmall() && other.isSmall()) {
            long r = Raw.mulDiv(small, Raw.ONE, other.small, RoundingMode.HALF_EVEN);
            if (r != Raw.WIDE) {
                return new Ratio(r);
            }
        }
        return new Ratio(Raw.mulDiv(big(), Raw.ONE_BIG, other.big(), RoundingMode.HALF_EVEN));
    }

    @Override
    public int compareTo(Quantity other) {
        return compareRaw(other);
    }
}
