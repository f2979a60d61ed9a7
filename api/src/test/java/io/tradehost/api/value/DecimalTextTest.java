package io.tradehost.api.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Text to value, checked against {@link BigDecimal}'s reading of the same text: the parser that
 * reads common decimals without BigDecimal must give exactly the value BigDecimal gives, and leave
 * everything else (exponents, blanks, too many places, too large) to the full path, which answers
 * or refuses as it always did.
 */
class DecimalTextTest {
    @Provide
    Arbitrary<String> decimals() {
        Arbitrary<String> sign = Arbitraries.of("", "", "-", "+");
        Arbitrary<String> whole = Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(21);
        Arbitrary<String> fraction = Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(13)
                .flatMap(f -> Arbitraries.of(f, f + "000", f + "0000000000000"));
        Arbitrary<String> point = Arbitraries.of(".", ".", "");
        Arbitrary<String> odd = Arbitraries.of("", "", "", "", "e3", "E-2", " ", "x", "..", "-");
        return net.jqwik.api.Combinators.combine(sign, whole, point, fraction, odd)
                .as((s, w, p, f, o) -> s + w + p + (p.isEmpty() ? "" : f) + o);
    }

    /** BigDecimal's value of {@code text} in raw units, or null where it refuses the text or its value. */
    private static java.math.BigInteger expected(String text) {
        try {
            return FixedPoint.parse(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Property(tries = 3000)
    void theShortPathReadsExactlyWhatBigDecimalReadsAndLeavesTheRestToIt(@ForAll("decimals") String text) {
        long small = FixedPoint.parseSmall(text);
        java.math.BigInteger expected = expected(text);
        if (small != FixedPoint.NOT_SMALL) {
            assertThat(expected).as(text).isEqualTo(java.math.BigInteger.valueOf(small));
        }
        if (expected == null) {
            assertThatThrownBy(() -> Quantity.of(text)).as(text).isInstanceOf(NumberFormatException.class);
        } else {
            assertThat(Quantity.of(text).toBigDecimal()).as(text)
                    .isEqualByComparingTo(new BigDecimal(text.strip()));
        }
    }

    @Test
    void theCommonShapesTakeTheShortPathAndTheirEdgesAreExact() {
        for (String text : List.of("0", "-0", "+0.0", "1.", ".5", "007.250", "64250.5", "0.0000000001",
                "922337203.6854775807", "-922337203.6854775807", "800.010000000000", "1.0000000000000")) {
            assertThat(FixedPoint.parseSmall(text)).as(text).isNotEqualTo(FixedPoint.NOT_SMALL)
                    .isEqualTo(FixedPoint.parse(text).longValueExact());
        }
        for (String text : List.of("", ".", "-", "+", " 1", "1 ", "1e3", "0.00000000001", "0.000000000010", "922337203.6854775808",
                "1.2.3", "--1", "1-", "99999999999999999999")) {
            assertThat(FixedPoint.parseSmall(text)).as(text).isEqualTo(FixedPoint.NOT_SMALL);
        }
        assertThat(Price.of("0.00000000010")).isEqualTo(Price.of("0.0000000001"));
        assertThat(Money.of("-12.5").toBigDecimal()).isEqualByComparingTo("-12.5");
        assertThat(Ratio.of("+0.25").toBigDecimal()).isEqualByComparingTo("0.25");
        assertThatThrownBy(() -> Price.of("-1.5")).isInstanceOf(IllegalArgumentException.class);
    }
}
