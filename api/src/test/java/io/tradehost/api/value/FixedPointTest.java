package io.tradehost.api.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FixedPointTest {
    @ParameterizedTest
    @CsvSource({"1.5,1.5", "-12.25,-12.25", "0,0", "100,100", "0.0000000001,0.0000000001", "  7.10 ,7.1",
            "900000000000,900000000000", "-99999999999999999999999999.9999999999,-99999999999999999999999999.9999999999"})
    void parsesAndFormatsExactly(String text, String formatted) {
        assertThat(Money.of(text).toString()).isEqualTo(formatted);
        assertThat(Money.of(text).toBigDecimal()).isEqualByComparingTo(new BigDecimal(text.strip()));
    }

    @Test
    void refusesTextThatIsNotAnExactFitWithAReason() {
        assertThatThrownBy(() -> Money.of("1.00000000001")).isInstanceOf(NumberFormatException.class)
                .hasMessageContaining("more than 10 decimal places");
        assertThatThrownBy(() -> Money.of("abc")).hasMessageContaining("not a decimal: 'abc'");
        assertThatThrownBy(() -> Money.of(" ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> Money.of((String) null)).hasMessageContaining("empty");
        assertThatThrownBy(() -> Money.of("1" + "0".repeat(28))).hasMessageContaining("out of range");
        assertThatThrownBy(() -> Quantity.of(new BigDecimal("0.00000000001"))).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void holdsTheRangeRealProductsNeed() {
        Quantity lots = Quantity.of("10000000000000");          // 10^13 units of a low-priced coin
        Price tiny = Price.of("0.0000000001");                   // 10^-10, the finest tick
        Price high = Price.of("10000000");                       // 10^7
        assertThat(lots.times(tiny)).isEqualTo(Money.of("1000"));
        assertThat(Quantity.of("100000").times(high)).isEqualTo(Money.of("1000000000000")); // 10^12 notional
        assertThat(Quantity.of("99999999").times(Price.of("64250.5"))).isEqualTo(Money.of("6425049935749.5"));
        assertThat(Money.of("900000000000").plus(Money.of("900000000000"))).isEqualTo(Money.of("1800000000000"));
        assertThat(Money.of("1000").divide(tiny, RoundingMode.DOWN)).isEqualTo(lots);
    }

    @ParameterizedTest
    @CsvSource({"DOWN,7,2,3", "UP,7,2,4", "FLOOR,-7,2,-4", "CEILING,-7,2,-3", "FLOOR,7,2,3", "CEILING,7,2,4",
            "HALF_UP,5,2,3", "HALF_DOWN,5,2,2", "HALF_EVEN,5,2,2", "HALF_EVEN,7,2,4", "HALF_EVEN,-5,2,-2",
            "HALF_UP,4,3,1", "HALF_UP,-5,2,-3", "HALF_DOWN,7,4,2", "DOWN,6,2,3", "UP,-7,2,-4"})
    void dividesWithEveryRoundingMode(RoundingMode mode, long numerator, long denominator, long expected) {
        assertThat(Raw.divide(numerator, denominator, mode)).isEqualTo(expected);
        assertThat(Raw.mulDiv(numerator, 1, denominator, mode)).isEqualTo(expected);
    }

    @Test
    void roundingThatIsNeededButForbiddenAndDivisionByZeroThrow() {
        assertThatThrownBy(() -> Raw.divide(7, 2, RoundingMode.UNNECESSARY)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Raw.divide(7, 0, RoundingMode.DOWN)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Raw.mulDiv(1, 1, 0, RoundingMode.DOWN)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Money.of("1").ratioTo(Money.ZERO)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Money.of("1" + "0".repeat(20)).ratioTo(Money.ZERO))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void takesTheAllocationFreePathFor128BitIntermediatesAndTheWidePathBeyond() {
        Price btc = Price.of("98765.43");
        Quantity size = Quantity.of("1234.56789");
        Money notional = btc.times(size);
        assertThat(notional.isSmall()).isTrue();
        assertThat(notional.toBigDecimal()).isEqualByComparingTo(new BigDecimal("98765.43")
                .multiply(new BigDecimal("1234.56789")).setScale(10, RoundingMode.HALF_EVEN));
        Money big = Price.of("10000000").times(Quantity.of("100000000"));
        assertThat(big.isSmall()).isFalse();
        assertThat(big).isEqualTo(Money.of("1000000000000000"));
        assertThat(big.minus(big).isSmall()).isTrue();
        assertThat(big.minus(big)).isEqualTo(Money.ZERO).hasSameHashCodeAs(Money.ZERO);
    }

    @Test
    void valueTypesDoExactArithmetic() {
        Price price = Price.of("100.5");
        Quantity quantity = Quantity.of("2.25");
        assertThat(price.times(quantity)).isEqualTo(Money.of("226.125"));
        assertThat(quantity.times(price)).isEqualTo(Money.of("226.125"));
        assertThat(Money.of("226.125").divide(price, RoundingMode.DOWN)).isEqualTo(quantity);
        assertThat(Money.of("226.125").per(quantity, RoundingMode.HALF_EVEN)).isEqualTo(price);
        assertThat(Money.of("1000").times(Ratio.of("0.05"))).isEqualTo(Money.of("50"));
        assertThat(Money.of("1000").divide(Ratio.of("4"), RoundingMode.HALF_EVEN)).isEqualTo(Money.of("250"));
        assertThat(Money.of("1000").bps(Ratio.of("5"))).isEqualTo(Money.of("0.5"));
        assertThat(Money.of("10").ratioTo(Money.of("40"))).isEqualTo(Ratio.of("0.25"));
        assertThat(Money.of("90").prorate(Quantity.of("1"), Quantity.of("3"))).isEqualTo(Money.of("30"));
        assertThat(Quantity.of("1.23456").roundDownTo(Quantity.of("0.01"))).isEqualTo(Quantity.of("1.23"));
        assertThat(Quantity.of("-1.23456").roundDownTo(Quantity.of("0.01"))).isEqualTo(Quantity.of("-1.23"));
        assertThat(Quantity.of("5").roundDownTo(Quantity.ZERO)).isEqualTo(Quantity.of("5"));
        assertThat(Quantity.of("3").times(Ratio.of("0.5"), RoundingMode.DOWN)).isEqualTo(Quantity.of("1.5"));
        assertThat(Price.of("100.126").roundTo(Price.of("0.01"), RoundingMode.HALF_EVEN)).isEqualTo(Price.of("100.13"));
        assertThat(Price.of("100.126").roundTo(Price.ZERO, RoundingMode.HALF_EVEN)).isEqualTo(Price.of("100.126"));
        assertThat(Price.mid(Price.of("1"), Price.of("2"))).isEqualTo(Price.of("1.5"));
        assertThat(Price.of("101").bpsFrom(Price.of("100"))).isEqualTo(100.0);
        assertThat(Price.fromDouble(0.1)).isEqualTo(Price.of("0.1"));
        assertThat(Quantity.of("2").signed(Side.SELL)).isEqualTo(Quantity.of("-2"));
        assertThat(Quantity.of("-2").signed(Side.BUY)).isEqualTo(Quantity.of("2"));
        assertThat(Money.of("-3").abs()).isEqualTo(Money.of("3"));
        assertThat(Money.of("-3").max(Money.of("2"))).isEqualTo(Money.of("2"));
        assertThat(Price.ofUnits(3).minus(Price.ofUnits(1)).plus(Price.ofUnits(1))).isEqualTo(Price.of("3"));
        assertThat(Money.ofUnits(2).minus(Money.ofUnits(3)).signum()).isEqualTo(-1);
        assertThat(Ratio.ofUnits(2).isGreaterThan(Ratio.ONE)).isTrue();
        assertThat(Ratio.of("0.5").isLessThan(Ratio.ONE)).isTrue();
        assertThat(Price.of("1.50").toString()).isEqualTo("1.5");
        assertThat(Quantity.of("0.1").min(Quantity.of("0.2"))).isEqualTo(Quantity.of("0.1"));
        assertThat(Quantity.of("0.1").toDouble()).isEqualTo(0.1);
    }

    @ParameterizedTest
    @CsvSource({"800.01,1,CEILING", "800.01,1,FLOOR", "0.0000000003,5000,HALF_EVEN", "64250.5,0.5,HALF_UP",
            "900000000000,25,DOWN", "12345678901234567.5,3,UP"})
    void offsetsAPriceByBasisPointsAsBigDecimalWouldRoundIt(String price, String bps, RoundingMode mode) {
        BigDecimal expected = new BigDecimal(price).multiply(new BigDecimal(bps))
                .divide(BigDecimal.valueOf(10_000), FixedPoint.SCALE, mode);
        assertThat(Price.of(price).bps(Ratio.of(bps), mode).toBigDecimal()).isEqualByComparingTo(expected);
    }

    @Test
    void valuesOfDifferentTypesAreNeverEqual() {
        assertThat((Object) Money.of("1")).isNotEqualTo(Quantity.of("1"));
        assertThat(Money.of("1")).isEqualTo(Money.of("1.000")).isNotEqualTo(Money.of("1.0000000001"));
    }

    @Test
    void negativePricesAndOverflowAreRefused() {
        assertThatThrownBy(() -> Price.of("-1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> Price.of("1").minus(Price.of("2"))).hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> Price.fromDouble(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        Money huge = Money.of("9" + "9".repeat(27));
        assertThatThrownBy(() -> huge.plus(huge)).isInstanceOf(ValueOutOfRangeException.class)
                .hasMessageContaining("value out of range").hasMessageContaining("10^28");
        assertThatThrownBy(() -> Price.of("10000000").times(Quantity.of("1" + "0".repeat(22))))
                .isInstanceOf(ValueOutOfRangeException.class);
    }

    @Test
    void symbolsAreValidated() {
        assertThat(Symbol.of("BTC-PERP").value()).isEqualTo("BTC-PERP");
        assertThatThrownBy(() -> Symbol.of("btc")).hasMessageContaining("not a symbol: 'btc'");
        assertThatThrownBy(() -> Symbol.of("")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Side.BUY.opposite()).isEqualTo(Side.SELL);
        assertThat(Side.SELL.sign()).isEqualTo(-1);
    }

    @Test
    void productsRoundToTheirGridAndRejectBadIncrements() {
        Product p = new Product(Symbol.of("X-PERP"), "X", "USD", ProductKind.PERPETUAL, Price.of("0.5"),
                Quantity.of("0.1"), Quantity.of("0.1"), Ratio.ofUnits(5));
        assertThat(p.roundSize(Quantity.of("1.29"))).isEqualTo(Quantity.of("1.2"));
        assertThat(p.roundPrice(Price.of("10.3"), RoundingMode.DOWN)).isEqualTo(Price.of("10"));
        assertThat(p.isPerpetual()).isTrue();
        assertThatThrownBy(() -> new Product(Symbol.of("X"), "X", "USD", ProductKind.SPOT, Price.ZERO,
                Quantity.of("0.1"), Quantity.ZERO, Ratio.ONE)).hasMessageContaining("increments must be positive");
        assertThatThrownBy(() -> new Product(Symbol.of("X"), "X", "USD", ProductKind.SPOT, Price.of("1"),
                Quantity.of("0.1"), Quantity.ZERO, Ratio.ZERO)).hasMessageContaining("max leverage");
    }
}
