package io.tradehost.api.value;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * An exact dimensionless decimal (a fraction, a leverage, a multiplier, basis points). See
 * {@link FixedPoint} for the range and precision. Immutable.
 */
public final class Ratio extends FixedPoint implements Comparable<Ratio> {
    /** Zero. */
    public static final Ratio ZERO = new Ratio(0);
    /** One. */
    public static final Ratio ONE = new Ratio(Raw.ONE);

    Ratio(long raw) {
        super(raw);
    }

    Ratio(BigInteger raw) {
        super(raw);
    }

    /** Parses a plain decimal such as {@code "0.05"}. @throws NumberFormatException if it is not one, or out of range */
    public static Ratio of(String text) {
        long raw = parseSmall(text);
        return raw != NOT_SMALL ? new Ratio(raw) : new Ratio(parse(text));
    }

    /** An exact decimal. @throws NumberFormatException if it has more than {@value #SCALE} places or is out of range */
    public static Ratio of(BigDecimal value) {
        return new Ratio(raw(value, value));
    }

    public static Ratio ofUnits(long units) {
        return new Ratio(units(units));
    }

    public boolean isGreaterThan(Ratio other) {
        return compareRaw(other) > 0;
    }

    public boolean isLessThan(Ratio other) {
        return compareRaw(other) < 0;
    }

    @Override
    public int compareTo(Ratio other) {
        return compareRaw(other);
    }
}
