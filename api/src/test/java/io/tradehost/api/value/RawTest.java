package io.tradehost.api.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
/**
 * The fast path alone, against {@link BigInteger}: each {@code long} method gives the exact answer
 * whenever it fits a long, and {@link Raw#WIDE} only when it does not. (The value types hide a
 * needless {@code WIDE}, since the wide path gives the same answer; this is where it shows.)
 */
class RawTest {
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    /** Longs from near zero to the edges, never {@link Long#MIN_VALUE} (no raw value is). */
    @Provide
    Arbitrary<Long> raws() {
        Arbitrary<Long> near = Arbitraries.longs().between(-100_000, 100_000);
        Arbitrary<Long> any = Arbitraries.longs().between(Long.MIN_VALUE + 1, Long.MAX_VALUE);
        Arbitrary<Long> bits = Arbitraries.integers().between(0, 62).flatMap(n -> Arbitraries.longs()
                .between(-(1L << n), 1L << n));
        Arbitrary<Long> edges = Arbitraries.of(Long.MAX_VALUE, Long.MIN_VALUE + 1, 1L << 32, (1L << 32) - 1,
                1L << 31, 3_037_000_499L, 3_037_000_500L, Raw.ONE, -Raw.ONE, 1L, -1L, 0L);
        return Arbitraries.frequencyOf(Tuple.of(2, near), Tuple.of(3, any), Tuple.of(3, bits), Tuple.of(1, edges));
    }

    @Provide
    Arbitrary<RoundingMode> modes() {
        return Arbitraries.of(RoundingMode.UP, RoundingMode.DOWN, RoundingMode.CEILING, RoundingMode.FLOOR,
                RoundingMode.HALF_UP, RoundingMode.HALF_DOWN, RoundingMode.HALF_EVEN);
    }

    /** A 128-bit {@code hi:lo} and a divisor above {@code hi} (unsigned), biased to the corrections of algorithm D. */
    @Provide
    Arbitrary<long[]> dividends() {
        Arbitrary<Long> anyLong = Arbitraries.longs();
        Arbitrary<Long> divisor = Arbitraries.oneOf(anyLong.filter(v -> v != 0),
                Arbitraries.longs().between(1, Integer.MAX_VALUE),
                Arbitraries.integers().between(0, 63).flatMap(s -> anyLong.map(v -> (v | 1L) << s)));
        return Combinators.combine(divisor, anyLong, anyLong, Arbitraries.integers().between(0, 3)).as((v, x, lo, how) -> {
            long hi = switch (how) {
                case 0 -> Long.remainderUnsigned(x, v);
                case 1 -> v - 1;
                case 2 -> Long.compareUnsigned(v & 0xFFFF_FFFF_0000_0000L, v) < 0 ? v & 0xFFFF_FFFF_0000_0000L : 0;
                default -> Long.divideUnsigned(v, 2);
            };
            return new long[] {hi, lo, v};
        });
    }

    @Property
    void addsAndSubtractsExactlyOrAnswersWide(@ForAll("raws") long a, @ForAll("raws") long b) {
        expect(BigInteger.valueOf(a).add(BigInteger.valueOf(b)), Raw.add(a, b));
        expect(BigInteger.valueOf(a).subtract(BigInteger.valueOf(b)), Raw.subtract(a, b));
    }

    @Property
    void mulDivsExactlyOrAnswersWide(@ForAll("raws") long a, @ForAll("raws") long b, @ForAll("raws") long c,
                                     @ForAll("modes") RoundingMode mode) {
        if (c == 0) {
            assertThatThrownBy(() -> Raw.mulDiv(a, b, c, mode)).isInstanceOf(ArithmeticException.class);
            return;
        }
        BigInteger product = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b));
        expect(divide(product, BigInteger.valueOf(c), mode), Raw.mulDiv(a, b, c, mode));
        assertThat(Raw.mulDiv(BigInteger.valueOf(a), BigInteger.valueOf(b), BigInteger.valueOf(c), mode))
                .isEqualTo(divide(product, BigInteger.valueOf(c), mode));
    }

    @Property
    void dividesWithEveryRoundingMode(@ForAll("raws") long n, @ForAll("raws") long d, @ForAll("modes") RoundingMode mode) {
        if (d == 0) {
            assertThatThrownBy(() -> Raw.divide(n, d, mode)).isInstanceOf(ArithmeticException.class)
                    .hasMessage("division by zero");
            return;
        }
        assertThat(Raw.divide(n, d, mode)).isEqualTo(divide(BigInteger.valueOf(n), BigInteger.valueOf(d), mode)
                .longValueExact());
    }

    @Property
    void dividesA128BitNumberByA64BitOneLikeBigInteger(@ForAll("dividends") long[] operands) {
        long hi = operands[0];
        long lo = operands[1];
        long v = operands[2];
        BigInteger dividend = unsigned(hi).shiftLeft(64).or(unsigned(lo));
        BigInteger expected = dividend.divide(unsigned(v));
        assertThat(unsigned(Raw.divideUnsigned(hi, lo, v))).as("%s / %s", dividend, unsigned(v)).isEqualTo(expected);
    }

    /** The corrections of algorithm D: a first estimate of 2^32, a remainder estimate overflowing 32 bits. */
    @Example
    void correctsItsQuotientEstimates() {
        long[][] cases = {
            {0x8000_0000_0000_0000L, 0L, 0x8000_0000_FFFF_FFFFL},
            {0x8000_0000_0000_0000L, -1L, 0x8000_0000_0000_0001L},
            {0x7FFF_FFFF_FFFF_FFFFL, -1L, 0x8000_0000_0000_0000L},
            {0xFFFF_FFFF_0000_0000L, 0L, 0xFFFF_FFFF_0000_0001L},
            {0xFFFF_FFFE_FFFF_FFFFL, -1L, 0xFFFF_FFFF_FFFF_FFFFL},
            {0x0000_0000_FFFF_FFFFL, 0xFFFF_FFFF_0000_0000L, 0x0000_0001_0000_0000L},
            {0x0000_7FFF_8000_0000L, 0x0000_0000_0000_0000L, 0x0000_8000_0000_0001L},
            {3L, 0L, 5L},
            {0L, 12345L, 7L},
        };
        for (long[] c : cases) {
            BigInteger dividend = unsigned(c[0]).shiftLeft(64).or(unsigned(c[1]));
            assertThat(unsigned(Raw.divideUnsigned(c[0], c[1], c[2])))
                    .as("%s / %s", dividend, unsigned(c[2])).isEqualTo(dividend.divide(unsigned(c[2])));
        }
    }

    @Example
    void answersWideAtTheEdgesOfALong() {
        assertThat(Raw.add(Long.MAX_VALUE, 1)).isEqualTo(Raw.WIDE);
        assertThat(Raw.add(Long.MAX_VALUE, 0)).isEqualTo(Long.MAX_VALUE);
        assertThat(Raw.add(-Long.MAX_VALUE, -1)).isEqualTo(Raw.WIDE);
        assertThat(Raw.subtract(-Long.MAX_VALUE, 1)).isEqualTo(Raw.WIDE);
        assertThat(Raw.subtract(Long.MAX_VALUE, -1)).isEqualTo(Raw.WIDE);
        assertThat(Raw.subtract(0, Long.MAX_VALUE)).isEqualTo(-Long.MAX_VALUE);
        // a product past 64 bits whose quotient fits again
        assertThat(Raw.mulDiv(Long.MAX_VALUE, Raw.ONE, Raw.ONE, RoundingMode.UNNECESSARY)).isEqualTo(Long.MAX_VALUE);
        assertThat(Raw.mulDiv(-Long.MAX_VALUE, Raw.ONE, Raw.ONE, RoundingMode.DOWN)).isEqualTo(-Long.MAX_VALUE);
        assertThat(Raw.mulDiv(Long.MAX_VALUE, 2, 1, RoundingMode.DOWN)).isEqualTo(Raw.WIDE);
        assertThat(Raw.mulDiv(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE - 1, RoundingMode.DOWN))
                .isEqualTo(Raw.WIDE);
        // rounding up pushes the quotient past the largest long
        assertThat(Raw.mulDiv(Long.MAX_VALUE, 3, 3, RoundingMode.UP)).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> Raw.mulDiv(Long.MAX_VALUE, 2, 3, RoundingMode.UNNECESSARY))
                .isInstanceOf(ArithmeticException.class).hasMessage("rounding necessary");
        assertThatThrownBy(() -> Raw.mulDiv(7, 3, 2, RoundingMode.UNNECESSARY)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Raw.mulDiv(1L << 40, 1L << 40, 0, RoundingMode.DOWN))
                .hasMessage("division by zero");
        assertThatThrownBy(() -> Raw.mulDiv(BigInteger.ONE, BigInteger.ONE, BigInteger.ZERO, RoundingMode.DOWN))
                .hasMessage("division by zero");
    }

    @Example
    void roundsHalfwaysAsEachModeSays() {
        // 5 / 2 = 2.5 and -5 / 2 = -2.5; 7 / 2 = 3.5
        assertThat(Raw.divide(5, 2, RoundingMode.HALF_UP)).isEqualTo(3);
        assertThat(Raw.divide(5, 2, RoundingMode.HALF_DOWN)).isEqualTo(2);
        assertThat(Raw.divide(5, 2, RoundingMode.HALF_EVEN)).isEqualTo(2);
        assertThat(Raw.divide(7, 2, RoundingMode.HALF_EVEN)).isEqualTo(4);
        assertThat(Raw.divide(-5, 2, RoundingMode.HALF_UP)).isEqualTo(-3);
        assertThat(Raw.divide(-5, 2, RoundingMode.FLOOR)).isEqualTo(-3);
        assertThat(Raw.divide(-5, 2, RoundingMode.CEILING)).isEqualTo(-2);
        assertThat(Raw.divide(5, -2, RoundingMode.FLOOR)).isEqualTo(-3);
        assertThat(Raw.divide(4, 2, RoundingMode.UNNECESSARY)).isEqualTo(2);
        // just below and above a half
        assertThat(Raw.divide(4, 3, RoundingMode.HALF_UP)).isEqualTo(1);
        assertThat(Raw.divide(5, 3, RoundingMode.HALF_DOWN)).isEqualTo(2);
    }

    private static void expect(BigInteger exact, long answer) {
        boolean fits = exact.compareTo(LONG_MIN) > 0 && exact.compareTo(LONG_MAX) <= 0;
        if (fits) {
            assertThat(answer).as("exact %s", exact).isEqualTo(exact.longValueExact());
        } else {
            assertThat(answer).as("%s does not fit", exact).isEqualTo(Raw.WIDE);
        }
    }

    private static BigInteger divide(BigInteger a, BigInteger b, RoundingMode mode) {
        return new BigDecimal(a).divide(new BigDecimal(b), 0, mode).toBigIntegerExact();
    }

    private static BigInteger unsigned(long value) {
        BigInteger b = BigInteger.valueOf(value);
        return value < 0 ? b.add(TWO_64) : b;
    }
}
