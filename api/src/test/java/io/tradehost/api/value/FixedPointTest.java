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
    @CsvSource({"1.5,150000000,1.5", "-12.25,-1225000000,-12.25", "0,0,0", "100,10000000000,100",
            "0.00000001,1,0.00000001", "  7.10 ,710000000,7.1"})
    void parsesAndFormatsExactly(String text, long raw, String formatted) {
        assertThat(FixedPoint.parse(text)).isEqualTo(raw);
        assertThat(FixedPoint.format(raw)).isEqualTo(formatted);
    }

    @Test
    void refusesTextThatIsNotAnExactFitWithAReason() {
        assertThatThrownBy(() -> FixedPoint.parse("1.000000001")).isInstanceOf(NumberFormatException.class)
                .hasMessageContaining("more than 8 decimal places");
        assertThatThrownBy(() -> FixedPoint.parse("abc")).hasMessageContaining("not a decimal: 'abc'");
        assertThatThrownBy(() -> FixedPoint.parse(" ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> FixedPoint.parse(null)).hasMessageContaining("empty");
        assertThatThrownBy(() -> FixedPoint.parse("100000000000000")).hasMessageContaining("out of range");
    }

    @ParameterizedTest
    @CsvSource({"DOWN,7,2,3", "UP,7,2,4", "FLOOR,-7,2,-4", "CEILING,-7,2,-3", "FLOOR,7,2,3", "CEILING,7,2,4",
            "HALF_UP,5,2,3", "HALF_DOWN,5,2,2", "HALF_EVEN,5,2,2", "HALF_EVEN,7,2,4", "HALF_EVEN,-5,2,-2",
            "HALF_UP,4,3,1", "HALF_UP,-5,2,-3", "HALF_DOWN,7,4,2", "DOWN,6,2,3"})
    void dividesWithEveryRoundingMode(RoundingMode mode, long numerator, long denominator, long expected) {
        assertThat(FixedPoint.divide(numerator, denominator, mode)).isEqualTo(expected);
        assertThat(FixedPoint.divide(numerator, denominator, mode))
                .isEqualTo(BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), 0, mode).longValueExact());
    }

    @Test
    void roundingThatIsNeededButForbiddenAndDivisionByZeroThrow() {
        assertThatThrownBy(() -> FixedPoint.divide(7, 2, RoundingMode.UNNECESSARY)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> FixedPoint.divide(7, 0, RoundingMode.DOWN)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> FixedPoint.multiplyDivide(1, 1, 0, RoundingMode.DOWN))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void multipliesLargeValuesExactlyThroughTheWideFallback() {
        long price = FixedPoint.parse("98765.43");
        long quantity = FixedPoint.parse("1234.56789");
        long expected = new BigDecimal("98765.43").multiply(new BigDecimal("1234.56789"))
                .setScale(8, RoundingMode.HALF_EVEN).unscaledValue().longValueExact();
        assertThat(FixedPoint.multiply(price, quantity, RoundingMode.HALF_EVEN)).isEqualTo(expected);
        assertThat(FixedPoint.multiply(-price, quantity, RoundingMode.HALF_EVEN)).isEqualTo(-expected);
        assertThatThrownBy(() -> FixedPoint.multiply(Long.MAX_VALUE, Long.MAX_VALUE, RoundingMode.DOWN))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void valueTypesDoExactArithmetic() {
        Price price = Price.of("100.5");
        Quantity quantity = Quantity.of("2.25");
        assertThat(price.times(quantity)).isEqualTo(Money.of("226.125"));
        assertThat(quantity.times(price)).isEqualTo(Money.of("226.125"));
        assertThat(Money.of("226.125").divide(price, RoundingMode.DOWN)).isEqualTo(quantity);
        assertThat(Money.of("1000").times(Ratio.of("0.05"))).isEqualTo(Money.of("50"));
        assertThat(Money.of("1000").bps(Ratio.of("5"))).isEqualTo(Money.of("0.5"));
        assertThat(Money.of("10").ratioTo(Money.of("40"))).isEqualTo(Ratio.of("0.25"));
        assertThat(Money.of("90").prorate(Quantity.of("1"), Quantity.of("3"))).isEqualTo(Money.of("30"));
        assertThat(Quantity.of("1.23456").roundDownTo(Quantity.of("0.01"))).isEqualTo(Quantity.of("1.23"));
        assertThat(Quantity.of("-1.23456").roundDownTo(Quantity.of("0.01"))).isEqualTo(Quantity.of("-1.23"));
        assertThat(Quantity.of("5").roundDownTo(Quantity.ZERO)).isEqualTo(Quantity.of("5"));
        assertThat(Price.of("100.126").roundTo(Price.of("0.01"), RoundingMode.HALF_EVEN)).isEqualTo(Price.of("100.13"));
        assertThat(Price.mid(Price.of("1"), Price.of("2"))).isEqualTo(Price.of("1.5"));
        assertThat(Price.of("101").bpsFrom(Price.of("100"))).isEqualTo(100.0);
        assertThat(Quantity.of("2").signed(Side.SELL)).isEqualTo(Quantity.of("-2"));
        assertThat(Quantity.of("-2").signed(Side.BUY)).isEqualTo(Quantity.of("2"));
        assertThat(Money.of("-3").abs()).isEqualTo(Money.of("3"));
        assertThat(Price.ofUnits(3).minus(Price.ofUnits(1)).plus(Price.ofUnits(1))).isEqualTo(Price.of("3"));
        assertThat(Money.ofUnits(2).minus(Money.ofUnits(3)).signum()).isEqualTo(-1);
        assertThat(Ratio.ofUnits(2).isGreaterThan(Ratio.ONE)).isTrue();
        assertThat(Price.of("1.50").toString()).isEqualTo("1.5");
        assertThat(Quantity.of("0.1").min(Quantity.of("0.2"))).isEqualTo(Quantity.of("0.1"));
    }

    @Test
    void negativePricesAndOverflowAreRefused() {
        assertThatThrownBy(() -> new Price(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> Money.of("90000000000").plus(Money.of("90000000000")))
                .isInstanceOf(ArithmeticException.class);
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
