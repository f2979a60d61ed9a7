package io.tradehost.api.value;

/**
 * An exact dimensionless decimal (a fraction, a leverage, a multiplier, basis points), scaled by
 * {@link FixedPoint#ONE}. Immutable.
 *
 * @param raw the scaled value: {@code 0.05} is {@code 5_000_000}
 */
public record Ratio(long raw) implements Comparable<Ratio> {
    /** Zero. */
    public static final Ratio ZERO = new Ratio(0);
    /** One. */
    public static final Ratio ONE = new Ratio(FixedPoint.ONE);

    /** Parses a plain decimal; see {@link FixedPoint#parse(String)}. */
    public static Ratio of(String text) {
        return new Ratio(FixedPoint.parse(text));
    }

    public static Ratio ofUnits(long units) {
        return new Ratio(Math.multiplyExact(units, FixedPoint.ONE));
    }

    public boolean isGreaterThan(Ratio other) {
        return raw > other.raw;
    }

    public boolean isNegative() {
        return raw < 0;
    }

    @Override
    public int compareTo(Ratio other) {
        return Long.compare(raw, other.raw);
    }

    @Override
    public String toString() {
        return FixedPoint.format(raw);
    }
}
