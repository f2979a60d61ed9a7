package io.tradehost.api.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.value.Price;
import io.tradehost.api.value.Product;
import io.tradehost.api.value.ProductKind;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Ratio;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import org.junit.jupiter.api.Test;

/** A trailing stop's trail: where its trigger sits, when it starts, how it is written down. */
class TrailTest {
    private static final Product BTC = new Product(Symbol.of("BTC-PERP"), "BTC", "USD", ProductKind.PERPETUAL,
            Price.of("0.5"), Quantity.of("0.001"), Quantity.of("0.001"), Ratio.ofUnits(10));

    @Test
    void theTriggerSitsTheDistanceBehindTheMarkOnTheTickGridNeverCloser() {
        Trail offset = Trail.byOffset(Price.of("2.2"));
        assertThat(offset.triggerFor(Side.SELL, Price.of("100"), BTC)).isEqualTo(Price.of("97.5"));
        assertThat(offset.triggerFor(Side.BUY, Price.of("100"), BTC)).isEqualTo(Price.of("102.5"));
        Trail bps = Trail.byBps(Ratio.of("150"));
        assertThat(bps.triggerFor(Side.SELL, Price.of("200"), BTC)).isEqualTo(Price.of("197"));
        assertThat(bps.triggerFor(Side.BUY, Price.of("200"), BTC)).isEqualTo(Price.of("203"));
        assertThat(Trail.byOffset(Price.of("500")).triggerFor(Side.SELL, Price.of("100"), BTC))
                .isEqualTo(Price.of("0"));
    }

    @Test
    void aTriggerImprovesOnlyInThePositionsFavourAndActivationWaitsForItsPrice() {
        assertThat(Trail.improves(Side.SELL, Price.of("99"), Price.of("98"))).isTrue();
        assertThat(Trail.improves(Side.SELL, Price.of("98"), Price.of("98"))).isFalse();
        assertThat(Trail.improves(Side.BUY, Price.of("97"), Price.of("98"))).isTrue();
        assertThat(Trail.improves(Side.BUY, Price.of("99"), Price.of("98"))).isFalse();
        Trail waiting = Trail.byOffset(Price.of("1")).activatingAt(Price.of("105"));
        assertThat(waiting.isActive()).isFalse();
        assertThat(waiting.activatesAt(Side.SELL, Price.of("104.99"))).isFalse();
        assertThat(waiting.activatesAt(Side.SELL, Price.of("105"))).isTrue();
        assertThat(waiting.activatesAt(Side.BUY, Price.of("105.01"))).isFalse();
        assertThat(waiting.activatesAt(Side.BUY, Price.of("105"))).isTrue();
        assertThat(waiting.activated()).isEqualTo(Trail.byOffset(Price.of("1")));
        assertThat(Trail.byOffset(Price.of("1")).activatesAt(Side.SELL, Price.of("1"))).isTrue();
    }

    @Test
    void itIsWrittenAndReadBackAndRefusesWhatIsNotATrail() {
        for (Trail t : new Trail[] {Trail.byOffset(Price.of("2.5")), Trail.byBps(Ratio.of("35.5")),
                Trail.byOffset(Price.of("1")).activatingAt(Price.of("105"))}) {
            assertThat(Trail.parse(t.format())).isEqualTo(t);
        }
        assertThat(Trail.byBps(Ratio.of("35.5")).activatingAt(Price.of("9")).format()).isEqualTo("bps=35.5;activation=9");
        assertThatThrownBy(() -> Trail.parse("step=1")).hasMessage("not a trail: step=1");
        assertThatThrownBy(() -> new Trail(Price.of("1"), Ratio.of("1"), null))
                .hasMessage("a trail needs exactly one of an offset and a distance in bps");
        assertThatThrownBy(() -> new Trail(null, null, null))
                .hasMessage("a trail needs exactly one of an offset and a distance in bps");
        assertThatThrownBy(() -> Trail.byOffset(Price.of("0"))).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> Trail.byBps(Ratio.of("10000"))).hasMessageContaining("below 10000");
        assertThatThrownBy(() -> Trail.byOffset(Price.of("1")).activatingAt(Price.of("0")))
                .hasMessage("an activation price must be positive: 0");
    }
}
