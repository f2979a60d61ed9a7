package io.tradehost.api.value;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
/** Order, equality and the less used operations of each value type, at and beside equality. */
class ComparisonsTest {
    private static final String BIG = "9" + "0".repeat(24);

    @Test
    void comparisonsAreStrictOnEachSideOfEquality() {
        for (String[] pair : new String[][] {{"1.5", "2"}, {"-3", "0.0000000001"}, {BIG, BIG + "1"}, {"-" + BIG, "1"}}) {
            Money lowMoney = Money.of(pair[0]);
            Money highMoney = Money.of(pair[1]);
            assertThat(lowMoney.isLessThan(highMoney)).isTrue();
            assertThat(highMoney.isLessThan(lowMoney)).isFalse();
            assertThat(lowMoney.isLessThan(lowMoney)).isFalse();
            assertThat(highMoney.isGreaterThan(lowMoney)).isTrue();
            assertThat(lowMoney.isGreaterThan(highMoney)).isFalse();
            assertThat(lowMoney.isGreaterThan(Money.of(pair[0]))).isFalse();
            assertThat(lowMoney.max(highMoney)).isEqualTo(highMoney);
            assertThat(highMoney.max(lowMoney)).isEqualTo(highMoney);

            Quantity lowQuantity = Quantity.of(pair[0]);
            Quantity highQuantity = Quantity.of(pair[1]);
            assertThat(lowQuantity.isLessThan(highQuantity)).isTrue();
            assertThat(highQuantity.isLessThan(lowQuantity)).isFalse();
            assertThat(lowQuantity.isLessThan(Quantity.of(pair[0]))).isFalse();
            assertThat(lowQuantity.min(highQuantity)).isEqualTo(lowQuantity);
            assertThat(highQuantity.min(lowQuantity)).isEqualTo(lowQuantity);
            assertThat(lowQuantity.compareTo(highQuantity)).isNegative();
            assertThat(highQuantity.compareTo(lowQuantity)).isPositive();
            assertThat(lowQuantity.compareTo(Quantity.of(pair[0]))).isZero();
        }
        Price low = Price.of("0.0000000001");
        Price high = Price.of(BIG);
        assertThat(low.isLessThan(high)).isTrue();
        assertThat(high.isLessThan(low)).isFalse();
        assertThat(low.isLessThan(Price.of("0.0000000001"))).isFalse();
        assertThat(high.isGreaterThan(low)).isTrue();
        assertThat(low.isGreaterThan(high)).isFalse();
        assertThat(high.isGreaterThan(Price.of(BIG))).isFalse();
        assertThat(low.compareTo(high)).isNegative();
        assertThat(high.compareTo(low)).isPositive();
    }

    @Test
    void sortingUsesTheNaturalOrder() {
        List<Price> prices = new ArrayList<>(List.of(Price.of("3"), Price.of(BIG), Price.of("0.5")));
        prices.sort(null);
        assertThat(prices).containsExactly(Price.of("0.5"), Price.of("3"), Price.of(BIG));
        List<Symbol> symbols = new ArrayList<>(List.of(Symbol.of("SOL-USD"), Symbol.of("BTC-USD"), Symbol.of("ETH-USD")));
        symbols.sort(null);
        assertThat(symbols).extracting(Symbol::toString).containsExactly("BTC-USD", "ETH-USD", "SOL-USD");
    }

    @Test
    void equalValuesHashAlikeAndDifferentOnesApart() {
        assertThat(Money.of("1.50").hashCode()).isEqualTo(Money.of("1.5").hashCode());
        assertThat(Money.of("1").hashCode()).isNotEqualTo(Money.of("2").hashCode());
        assertThat(Money.of(BIG).hashCode()).isNotEqualTo(Money.of(BIG + "1").hashCode());
        assertThat(Money.of("1")).isNotEqualTo(Quantity.of("1"));
    }

    @Test
    void wholeUnitsAndRatiosOfQuantities() {
        assertThat(Quantity.ofUnits(3)).isEqualTo(Quantity.of("3"));
        assertThat(Quantity.of("1").ratioTo(Quantity.of("3"))).isEqualTo(Ratio.of("0.3333333333"));
        assertThat(Quantity.of("2").ratioTo(Quantity.of("3"))).isEqualTo(Ratio.of("0.6666666667"));
        assertThat(Quantity.of("-1").ratioTo(Quantity.of("8"))).isEqualTo(Ratio.of("-0.125"));
        assertThat(Quantity.of(BIG).ratioTo(Quantity.of("0.5"))).isEqualTo(Ratio.of("18" + "0".repeat(24)));
        assertThat(Quantity.of("10").times(Ratio.of("0.3333333333"), RoundingMode.DOWN))
                .isEqualTo(Quantity.of("3.333333333"));
        assertThat(Quantity.of("0.0000000001").times(Ratio.of("0.5"), RoundingMode.UP))
                .isEqualTo(Quantity.of("0.0000000001"));
        assertThat(Quantity.of("0.0000000001").times(Ratio.of("0.5"), RoundingMode.DOWN)).isEqualTo(Quantity.ZERO);
        assertThat(Quantity.of(BIG).times(Ratio.of("2"), RoundingMode.DOWN)).isEqualTo(Quantity.of("18" + "0".repeat(24)));
        assertThat(Quantity.of("-2").times(Ratio.of("1.5"), RoundingMode.HALF_EVEN)).isEqualTo(Quantity.of("-3"));
    }
}
