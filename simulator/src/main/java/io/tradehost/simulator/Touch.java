package io.tradehost.simulator;

import io.tradehost.api.value.Price;
import io.tradehost.api.value.Ratio;
import io.tradehost.api.value.Side;
import java.math.RoundingMode;

/**
 * One symbol's market as the engine sees it: the best bid and ask, and the mark positions are
 * valued and stops trigger at. Immutable.
 */
record Touch(Price bid, Price ask, Price mark) {
    /** The best price an order on {@code side} can take: the ask for a buy, the bid for a sell. */
    Price touch(Side side) {
        return side == Side.BUY ? ask : bid;
    }

    /**
     * {@code touch} moved {@code slippageBps} against a taker on {@code side}, rounded outwards to
     * {@code tick} and never below one tick; the touch itself without slippage.
     */
    static Price slipped(Price touch, Side side, Ratio slippageBps, Price tick) {
        if (slippageBps.isZero()) {
            return touch;
        }
        Price offset = touch.bps(slippageBps, RoundingMode.CEILING);
        if (side == Side.BUY) {
            return touch.plus(offset).roundTo(tick, RoundingMode.CEILING);
        }
        Price down = touch.isGreaterThan(offset) ? touch.minus(offset) : tick;
        Price rounded = down.roundTo(tick, RoundingMode.FLOOR);
        return rounded.isZero() ? tick : rounded;
    }
}
