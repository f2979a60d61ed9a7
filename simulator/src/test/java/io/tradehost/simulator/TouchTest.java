package io.tradehost.simulator;

import static io.tradehost.simulator.Fixture.p;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.api.value.Ratio;
import io.tradehost.api.value.Side;
import org.junit.jupiter.api.Test;

/** Slippage on the tick grid, worked by hand. */
class TouchTest {
    @Test
    void aBuyTakesTheAskAndASellTheBid() {
        Touch touch = new Touch(p("99"), p("101"), p("100"));
        assertThat(touch.touch(Side.BUY)).isEqualTo(p("101"));
        assertThat(touch.touch(Side.SELL)).isEqualTo(p("99"));
    }

    @Test
    void slippageMovesAgainstTheTakerAndRoundsOutwardsToTheTick() {
        Ratio ten = Ratio.of("10");
        assertThat(Touch.slipped(p("100.01"), Side.BUY, Ratio.ZERO, p("0.01"))).isEqualTo(p("100.01"));
        // + 0.10001 = 100.11001, up to 100.12
        assertThat(Touch.slipped(p("100.01"), Side.BUY, ten, p("0.01"))).isEqualTo(p("100.12"));
        // - 0.09999 = 99.89001, down to 99.89
        assertThat(Touch.slipped(p("99.99"), Side.SELL, ten, p("0.01"))).isEqualTo(p("99.89"));
        // exactly on the grid stays: 100 + 0.1
        assertThat(Touch.slipped(p("100"), Side.BUY, ten, p("0.1"))).isEqualTo(p("100.1"));
        assertThat(Touch.slipped(p("100"), Side.SELL, ten, p("0.1"))).isEqualTo(p("99.9"));
    }

    @Test
    void aSellIsNeverSlippedBelowOneTick() {
        // 100 % of 0.01 leaves nothing: one tick
        assertThat(Touch.slipped(p("0.01"), Side.SELL, Ratio.of("10000"), p("0.01"))).isEqualTo(p("0.01"));
        assertThat(Touch.slipped(p("0.01"), Side.SELL, Ratio.of("20000"), p("0.01"))).isEqualTo(p("0.01"));
        // 0.012 - 0.006 = 0.006, down to 0: one tick
        assertThat(Touch.slipped(p("0.012"), Side.SELL, Ratio.of("5000"), p("0.01"))).isEqualTo(p("0.01"));
        // 0.03 - 0.015 = 0.015, down to 0.01
        assertThat(Touch.slipped(p("0.03"), Side.SELL, Ratio.of("5000"), p("0.01"))).isEqualTo(p("0.01"));
        // 0.05 - 0.025 = 0.025, down to 0.02
        assertThat(Touch.slipped(p("0.05"), Side.SELL, Ratio.of("5000"), p("0.01"))).isEqualTo(p("0.02"));
    }
}
