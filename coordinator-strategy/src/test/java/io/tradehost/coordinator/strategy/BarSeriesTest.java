package io.tradehost.coordinator.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.api.market.Bar;
import io.tradehost.api.market.BarInterval;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Symbol;
import java.util.List;
import org.junit.jupiter.api.Test;

class BarSeriesTest {
    private static final Symbol BTC = Symbol.of("BTC-PERP");
    private static final long S = 1_000_000_000L;

    @Test
    void aBarCollectsOpenHighLowCloseVolumeAndCountAndClosesOnceAtItsEnd() {
        BarSeries series = new BarSeries(BTC, BarInterval.parse("10s"));
        assertThat(series.closeUpTo(100 * S)).as("nothing before the first price").isEmpty();
        assertThat(series.add(Price.of("5"), Quantity.of("1"), 3 * S)).isEmpty();
        assertThat(series.add(Price.of("7"), Quantity.of("2"), 4 * S)).isEmpty();
        assertThat(series.add(Price.of("4"), Quantity.of("1"), 9 * S)).isEmpty();
        assertThat(series.add(Price.of("6"), Quantity.of("1"), 9 * S)).isEmpty();
        assertThat(series.closeUpTo(9 * S)).isEmpty();
        List<Bar> closed = series.closeUpTo(10 * S);
        assertThat(closed).containsExactly(new Bar(BTC, BarInterval.parse("10s"), 0, Price.of("5"), Price.of("7"),
                Price.of("4"), Price.of("6"), Quantity.of("5"), 4));
        assertThat(closed.getFirst().endNanos()).isEqualTo(10 * S);
        assertThat(series.closeUpTo(10 * S)).isEmpty();
        assertThat(series.closeUpTo(19 * S)).isEmpty();
    }

    @Test
    void aLongGapDeliversAtMostTheCapOfFlatBarsAndCountsTheRest() {
        BarSeries series = new BarSeries(BTC, BarInterval.parse("1s"));
        series.add(Price.of("5"), Quantity.of("1"), 0);
        List<Bar> closed = series.closeUpTo((BarSeries.MAX_EMPTY_BARS + 501) * S);
        assertThat(closed).hasSize(1 + BarSeries.MAX_EMPTY_BARS);
        assertThat(closed.getLast()).isEqualTo(new Bar(BTC, BarInterval.parse("1s"), BarSeries.MAX_EMPTY_BARS * S,
                Price.of("5"), Price.of("5"), Price.of("5"), Price.of("5"), Quantity.ZERO, 0));
        assertThat(series.skippedEmpty).isEqualTo(500);
        List<Bar> next = series.add(Price.of("6"), Quantity.of("1"), (BarSeries.MAX_EMPTY_BARS + 501) * S);
        assertThat(next).isEmpty();
        assertThat(series.closeUpTo((BarSeries.MAX_EMPTY_BARS + 502) * S)).singleElement()
                .satisfies(b -> assertThat(b.startNanos()).isEqualTo((BarSeries.MAX_EMPTY_BARS + 501) * S));
        assertThat(series.add(Price.of("1"), Quantity.of("1"), 0)).isEmpty();
        assertThat(series.late).isEqualTo(1);
    }

    @Test
    void intervalsParseAndPrintBackAndRefuseWhatIsNotWholeSecondsFromOneSecondToOneDay() {
        assertThat(List.of("1s", "90s", "5m", "4h", "1d", "60S", " 2m ")).extracting(t -> BarInterval.parse(t)
                .toString()).containsExactly("1s", "90s", "5m", "4h", "1d", "1m", "2m");
        for (String bad : List.of("", "s", "0s", "2d", "25h", "1w", "-1m", "m5", "1.5m", "9999999999s")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> BarInterval.parse(bad))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(BarInterval.parse("1m").startOf(-1)).isEqualTo(-60 * S);
    }
}
