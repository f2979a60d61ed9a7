package io.tradehost.api.value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * An exact signed amount of the account's quote currency (USD on the built-in venues). See
 * {@link FixedPoint} for the range and precision. Immutable.
 */
public final class Money extends FixedPoint implements Comparable<Money> {
    /** No money. */
    public static final Money ZERO = new Money(0);

    static final long BPS_DIVISOR = 10_000L * Raw.ONE;

    Money(long raw) {
        super(raw);
    }

    Money(BigInteger raw) {
        super(raw);
    }

    /** Parses a plain decimal such as {@code "-12.5"}. @throws NumberFormatException if it is not one, or out of range */
    public static Money of(String text) {
        long raw = parseSmall(text);
        return raw != NOT_SMALL ? new Money(raw) : new Money(parse(text));
    }

    /** An exact decimal. @throws NumberFormatException if it has more than {@value #SCALE} places or is out of range */
    public static Money of(BigDecimal value) {
        return new Money(raw(value, value));
    }

    public static Money ofUnits(long units) {
        return new Money(units(units));
    }

    public Money plus(Money other) {
        long r = isSmall() && other.isSmall() ? Raw.add(small, other.small) : Raw.WIDE;
        return r != Raw.WIDE ? new Money(r) : new Money(big().add(other.big()));
    }

    public Money minus(Money other) {
        long r = isSmall() && other.isSmall() ? Raw.subtract(small, other.small) : Raw.WIDE;
        return r != Raw.WIDE ? new Money(r) : new Money(big().subtract(other.big()));
    }

    public Money negate() {
        return isSmall() ? new Money(-small) : new Money(wide.negate());
    }

    public Money abs() {
        return isNegative() ? negate() : this;
    }

    /** {@code this x ratio}, rounded half-even. */
    public Money times(Ratio ratio) {
        if (isSmall() && ratio.isSmall()) {
            long r = Raw.mulDiv(small, ratio.small, Raw.ONE, RoundingMode.HALF_EVEN);
            if (r != Raw.WIDE) {
                return new Money(r);
            }
        }
        return new Money(Raw.mulDiv(big(), ratio.big(), Raw.ONE_BIG, RoundingMode.HALF_EVEN));
    }

    /** {@code this x part / whole}, rounded half-even: the share of a cost that belongs to part of a quantity. */
    public Money prorate(Quantity part, Quantity whole) {
        if (isSmall() && part.isSmall() && whole.isSmall()) {
            long r = Raw.mulDiv(small, part.small, whole.small, RoundingMode.HALF_EVEN);
            if (r != Raw.WIDE) {
                return new Money(r);
            }
        }
        return new Money(Raw.mulDiv(big(), part.big(), whole.big(), RoundingMode.HALF_EVEN));
    }

    /** {@code this / price}: how much base this amount buys, rounded by {@code mode}. */
    public Quantity divide(Price price, RoundingMode mode) {
        long r = perUnitSmall(price, mode);
        return r != Raw.WIDE ? new Quantity(r) : new Quantity(perUnitWide(price, mode));
    }

    /** {@code this / quantity}: the price per unit, rounded by {@code mode}, e.g. an average entry price. */
    public Price per(Quantity quantity, RoundingMode mode) {
        long r = perUnitSmall(quantity, mode);
        return r != Raw.WIDE ? new Price(r) : new Price(perUnitWide(quantity, mode));
    }

    /** {@code this / ratio}, rounded by {@code mode}: e.g. the margin a notional needs at a leverage. */
    public Money divide(Ratio ratio, RoundingMode mode) {
        long r = perUnitSmall(ratio, mode);
        return r != Raw.WIDE ? new Money(r) : new Money(perUnitWide(ratio, mode));
    }

    /** {@code this / other} as a ratio, rounded half-even. */
    public Ratio ratioTo(Money other) {
        long r = perUnitSmall(other, RoundingMode.HALF_EVEN);
        return r != Raw.WIDE ? new Ratio(r) : new Ratio(perUnitWide(other, RoundingMode.HALF_EVEN));
    }

    /** {@code this x bps / 10000}, rounded half-up (fees round against the payer). */
    public Money bps(Ratio basisPoints) {
        if (isSmall() && basisPoints.isSmall()) {
            long r = Raw.mulDiv(small, basisPoints.small, BPS_DIVISOR, RoundingMode.HALF_UP);
            if (r != Raw.WIDE) {
                return new Money(r);
            }
        }
        return new Money(Raw.mulDiv(big(), basisPoints.big(), BigInteger.valueOf(BPS_DIVISOR), RoundingMode.HALF_UP));
    }

    public boolean isGreaterThan(Money other) {
        return compareRaw(other) > 0;
    }

    public boolean isLessThan(Money other) {
        return compareRaw(other) < 0;
    }

    /** The larger of this and {@code other}. */
    public Money max(Money other) {
        return compareRaw(other) >= 0 ? this : other;
    }

    @Override
    public int compareTo(Money other) {
        return compareRaw(other);
    }

    /** The raw {@code this / divisor} on the fast path, or {@link Raw#WIDE}. */
    private long perUnitSmall(FixedPoint divisor, RoundingMode mode) {
        return isSmall() && divisor.isSmall() ? Raw.mulDiv(small, Raw.ONE, divisor.small, mode) : Raw.WIDE;
    }

    /** The raw {@code this / divisor} on the wide path. */
    private BigInteger perUnitWide(FixedPoint divisor, RoundingMode mode) {
        return Raw.mulDiv(big(), Raw.ONE_BIG, divisor.big(), mode);
    }
}
