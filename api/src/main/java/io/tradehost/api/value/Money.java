package io.tradehost.api.value;

import java.math.RoundingMode;

/**
 * An exact signed amount of the account's quote currency (USD on the built-in venues), scaled by
 * {@link FixedPoint#ONE}. Immutable.
 *
 * @param raw the scaled value
 */
public record Money(long raw) implements Comparable<Money> {
    /** No money. */
    public static final Money ZERO = new Money(0);

    /** Parses a plain decimal; see {@link FixedPoint#parse(String)}. */
    public static Money of(String text) {
        return new Money(FixedPoint.parse(text));
    }

    public static Money ofUnits(long units) {
        return new Money(Math.multiplyExact(units, FixedPoint.ONE));
    }

    public Money plus(Money other) {
        return new Money(Math.addExact(raw, other.raw));
    }

    public Money minus(Money other) {
        return new Money(Math.subtractExact(raw, other.raw));
    }

    public Money negate() {
        return new Money(Math.negateExact(raw));
    }

    public Money abs() {
        return raw < 0 ? negate() : this;
    }

    /** {@code this x ratio}, rounded half-even. */
    public Money times(Ratio ratio) {
        return new Money(FixedPoint.multiply(raw, ratio.raw(), RoundingMode.HALF_EVEN));
    }

    /** {@code this x part / whole}, rounded half-even: the share of a cost that belongs to part of a quantity. */
    public Money prorate(Quantity part, Quantity whole) {
        return new Money(FixedPoint.multiplyDivide(raw, part.raw(), whole.raw(), RoundingMode.HALF_EVEN));
    }

    /** {@code this / price}: how much base this amount buys, rounded by {@code mode}. */
    public Quantity divide(Price price, RoundingMode mode) {
        return new Quantity(FixedPoint.divideScaled(raw, price.raw(), mode));
    }

    /** {@code this / other} as a ratio, rounded half-even. */
    public Ratio ratioTo(Money other) {
        return new Ratio(FixedPoint.divideScaled(raw, other.raw, RoundingMode.HALF_EVEN));
    }

    /** {@code this x bps / 10000}, rounded half-up (fees round against the payer). */
    public Money bps(Ratio basisPoints) {
        return new Money(FixedPoint.multiplyDivide(raw, basisPoints.raw(), 10_000L * FixedPoint.ONE,
                RoundingMode.HALF_UP));
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

    public boolean isGreaterThan(Money other) {
        return raw > other.raw;
    }

    public boolean isLessThan(Money other) {
        return raw < other.raw;
    }

    @Override
    public int compareTo(Money other) {
        return Long.compare(raw, other.raw);
    }

    @Override
    public String toString() {
        return FixedPoint.format(raw);
    }
}
