package io.tradehost.plugins.strategies.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.api.value.Price;
import io.tradehost.api.value.Ratio;
import io.tradehost.api.value.Side;
import io.tradehost.testkit.Fixtures;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class GridLadderTest {
    private static GridLadder ladder(String centre, int levels, String spacingBps) {
        return new GridLadder(Fixtures.perpetual("BTC-PERP"), Price.of(centre), levels, Ratio.of(spacingBps));
    }

    private static String prices(GridLadder ladder, Side side) {
        return String.join(" ", IntStream.rangeClosed(-3, 3).mapToObj(j -> ladder.price(j, side).toString()).toList());
    }

    @Test
    void eachLevelHasABuyAndASellPriceOneSpacingFromItsNeighboursOnTheTick() {
        GridLadder ladder = ladder("100.015", 3, "50");
        // below the centre 100.015 x (1 - k x 0.5 %) rounded down; above, one spacing under the next level's sell:
        // 100.52 x 0.995 = 100.0174, 101.02 x 0.995 = 100.5149, 101.52 x 0.995 = 101.0124, and 102.02 (the
        // fourth level's sell, 100.015 x 1.02 rounded up) x 0.995 = 101.5099
        assertThat(prices(ladder, Side.BUY)).isEqualTo("98.51 99.01 99.51 100.01 100.51 101.01 101.5");
        // above the centre x (1 + k x 0.5 %) rounded up; below, one spacing over the next level's buy:
        // 98.01 x 1.005 = 98.50005, 98.51 x 1.005 = 99.00255, 99.01 x 1.005 = 99.50505, 99.51 x 1.005 = 100.00755
        assertThat(prices(ladder, Side.SELL)).isEqualTo("98.51 99.01 99.51 100.01 100.52 101.02 101.52");
        assertThat(ladder.problem()).isNull();
        assertThat(ladder.centre()).isEqualTo(Price.of("100.015"));
    }

    @Test
    void aLevelIsFoundByItsExactPriceOnItsSideAndNoneLiesBeyondTheEdges() {
        GridLadder ladder = ladder("100.015", 3, "50");
        assertThat(ladder.find(Side.BUY, Price.of("99.01")).index).isEqualTo(-2);
        assertThat(ladder.find(Side.SELL, Price.of("101.52")).index).isEqualTo(3);
        assertThat(ladder.find(Side.SELL, Price.of("100.51"))).isNull();
        assertThat(ladder.level(-3).index).isEqualTo(-3);
        assertThat(ladder.level(3).index).isEqualTo(3);
        assertThat(ladder.level(-4)).isNull();
        assertThat(ladder.level(4)).isNull();
        assertThat(ladder.all()).extracting(l -> l.index).containsExactly(-3, -2, -1, 0, 1, 2, 3);
    }

    @Test
    void theGapIsTheFreeLevelNearestTheMark() {
        GridLadder ladder = ladder("100", 3, "100");
        assertThat(ladder.gapNear(Price.of("100.4"))).isZero();
        assertThat(ladder.gapNear(Price.of("98.7"))).isEqualTo(-1);
        assertThat(ladder.gapNear(Price.of("98.3"))).isEqualTo(-2);
        assertThat(ladder.gapNear(Price.of("150"))).isEqualTo(3);
        assertThat(ladder.gapNear(Price.of("1"))).isEqualTo(-3);
    }

    @Test
    void aSpacingFinerThanTheTickOrALowestLevelAtZeroIsAProblem() {
        assertThat(ladder("1", 5, "0.5").problem()).isEqualTo("the spacing around the centre 1 is finer than the "
                + "tick 0.01: levels would share a price");
        assertThat(ladder("100", 5, "0.5").problem()).as("0.5 bps of 100 is 0.005, half a tick")
                .isEqualTo("the spacing around the centre 100 is finer than the tick 0.01: levels would share a price");
        assertThat(ladder("100", 5, "2").problem()).isNull();
        // 0.05 x (1 - 3 x 30 %) = 0.005, rounded down to 0
        assertThat(ladder("0.05", 2, "3000").problem()).isEqualTo("the lowest level's price around the centre 0.05 "
                + "rounds to zero");
        assertThat(ladder("0.1", 2, "3000").problem()).isNull();
    }
}
