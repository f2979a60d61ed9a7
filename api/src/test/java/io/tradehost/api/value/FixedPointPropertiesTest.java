package io.tradehost.api.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
/**
 * Every operation against {@link BigDecimal}, an independent implementation of exact decimal
 * arithmetic, over values from tiny to the edge of the range: the fast path, its 128-bit
 * intermediates and the wide path must all give BigDecimal's answer, or refuse it as out of range
 * exactly when BigDecimal's answer is out of range.
 */
class FixedPointPropertiesTest {
    private static final BigDecimal LIMIT = FixedPoint.MAX;

    @Provide
    Arbitrary<BigDecimal> values() {
        Arbitrary<BigInteger> nearZero = Arbitraries.longs().between(-1_000_000, 1_000_000).map(BigInteger::valueOf);
        Arbitrary<BigInteger> anyLong = Arbitraries.longs().map(BigInteger::valueOf);
        Arbitrary<BigInteger> edges = Arbitraries.of(Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1,
                (long) Integer.MAX_VALUE, 1L << 32, (1L << 32) - 1, 3_037_000_499L, 10_000_000_000L)
                .map(BigInteger::valueOf).flatMap(b -> Arbitraries.of(b, b.negate(), b.add(BigInteger.ONE)));
        Arbitrary<BigInteger> wide = Arbitraries.bigIntegers().between(Raw.MAX.negate(), Raw.MAX);
        Arbitrary<BigInteger> mid = Arbitraries.bigIntegers().between(BigInteger.TWO.pow(80).negate(),
                BigInteger.TWO.pow(80));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, nearZero), net.jqwik.api.Tuple.of(4, anyLong),
                net.jqwik.api.Tuple.of(2, edges), net.jqwik.api.Tuple.of(2, mid), net.jqwik.api.Tuple.of(2, wide))
                .map(raw -> new BigDecimal(raw, FixedPoint.SCALE));
    }

    @Provide
    Arbitrary<BigDecimal> nonNegative() {
        return values().map(BigDecimal::abs);
    }

    @Provide
    Arbitrary<RoundingMode> modes() {
        return Arbitraries.of(RoundingMode.UP, RoundingMode.DOWN, RoundingMode.CEILING, RoundingMode.FLOOR,
                RoundingMode.HALF_UP, RoundingMode.HALF_DOWN, RoundingMode.HALF_EVEN);
    }

    @Property
    void addsAndSubtractsLikeBigDecimal(@ForAll("values") BigDecimal a, @ForAll("values") BigDecimal b) {
        expect(a.add(b), () -> Money.of(a).plus(Money.of(b)));
        expect(a.subtract(b), () -> Quantity.of(a).minus(Quantity.of(b)));
        assertThat(Money.of(a).compareTo(Money.of(b))).isEqualTo(a.compareTo(b));
        assertThat(Money.of(a).negate().toBigDecimal()).isEqualByComparingTo(a.negate());
    }

    @Property
    void multipliesLikeBigDecimal(@ForAll("nonNegative") BigDecimal price, @ForAll("values") BigDecimal quantity) {
        expect(price.multiply(quantity).setScale(FixedPoint.SCALE, RoundingMode.HALF_EVEN),
                () -> Price.of(price).times(Quantity.of(quantity)));
        expect(quantity.multiply(price).setScale(FixedPoint.SCALE, RoundingMode.HALF_EVEN),
                () -> Money.of(quantity).times(Ratio.of(price)));
        expect(quantity.multiply(price).divide(BigDecimal.valueOf(10_000), FixedPoint.SCALE, RoundingMode.HALF_UP),
                () -> Money.of(quantity).bps(Ratio.of(price)));
    }

    @Property
    void dividesLikeBigDecimal(@ForAll("values") BigDecimal a, @ForAll("nonNegative") BigDecimal b,
                               @ForAll("modes") RoundingMode mode) {
        if (b.signum() == 0) {
            assertThatThrownBy(() -> Money.of(a).divide(Price.of(b), mode)).isInstanceOf(ArithmeticException.class);
            return;
        }
        expect(a.divide(b, FixedPoint.SCALE, mode), () -> Money.of(a).divide(Price.of(b), mode));
        expect(a.divide(b.negate(), FixedPoint.SCALE, RoundingMode.HALF_EVEN),
                () -> Money.of(a).ratioTo(Money.of(b.negate())));
        expect(a.divide(b, FixedPoint.SCALE, mode), () -> Money.of(a).divide(Ratio.of(b), mode));
    }

    @Property
    void proratesAndRoundsToGridsLikeBigDecimal(@ForAll("values") BigDecimal cost, @ForAll("values") BigDecimal part,
                                                @ForAll("values") BigDecimal whole, @ForAll("modes") RoundingMode mode) {
        if (whole.signum() != 0) {
            BigDecimal exact = cost.multiply(part).divide(whole, FixedPoint.SCALE, RoundingMode.HALF_EVEN);
            expect(exact, () -> Money.of(cost).prorate(Quantity.of(part), Quantity.of(whole)));
        }
        BigDecimal increment = whole.abs();
        if (increment.signum() > 0) {
            BigDecimal down = part.divide(increment, 0, RoundingMode.DOWN).multiply(increment);
            expect(down, () -> Quantity.of(part).roundDownTo(Quantity.of(increment)));
            BigDecimal rounded = part.abs().divide(increment, 0, mode).multiply(increment);
            expect(rounded, () -> Price.of(part.abs()).roundTo(Price.of(increment), mode));
        }
    }

    @Property
    void midsAndTextRoundTrip(@ForAll("nonNegative") BigDecimal a, @ForAll("nonNegative") BigDecimal b) {
        expect(a.add(b).divide(BigDecimal.TWO, FixedPoint.SCALE, RoundingMode.HALF_EVEN),
                () -> Price.mid(Price.of(a), Price.of(b)));
        assertThat(Price.of(Price.of(a).toString())).isEqualTo(Price.of(a));
        assertThat(Money.of(a).hashCode()).isEqualTo(Money.of(a.toPlainString()).hashCode());
    }

    /** The operation gives {@code exact}, or throws out of range exactly when {@code exact} is out of range. */
    private static void expect(BigDecimal exact, Supplier<? extends FixedPoint> operation) {
        if (exact.abs().compareTo(LIMIT) > 0) {
            assertThatThrownBy(operation::get).isInstanceOf(ValueOutOfRangeException.class);
            return;
        }
        FixedPoint result = operation.get();
        assertThat(result.toBigDecimal()).isEqualByComparingTo(exact);
        boolean fitsLong = exact.movePointRight(FixedPoint.SCALE).toBigIntegerExact().bitLength() < 64
                && exact.movePointRight(FixedPoint.SCALE).longValueExact() != Long.MIN_VALUE;
        assertThat(result.isSmall()).as("canonical representation of %s", exact).isEqualTo(fitsLong);
    }
}
