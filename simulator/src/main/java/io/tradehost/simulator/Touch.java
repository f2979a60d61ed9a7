package io.tradehost.simulator;

import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Ratio;
import io.tradehost.api.value.Side;
import java.math.RoundingMode;

/**
 * One symbol's market as the engine sees it: the best bid and ask with the size shown at each (null
 * when the market shows none), and the mark positions are valued and stops trigger at. Immutable.
 */
record Touch(Price bid, Quantity bidSize, Price ask, Quantity askSize, Price mark) {
    Touch(Price bid, Price ask, Price mark) {
        this(bid, null, ask, null, mark);
    }

    /** The size an order on {@code side} takes against: the ask's for a buy, the bid's for a sell; null if unknown. */
    Quantity size(Side side) {
        return side == Side.BUY ? askSize : bidSize;
    }

    /**
     * The size ahead of a {@code side} limit coming to rest at {@code limit}: the size shown at its own
     * side's touch when it joins or stands behind it, nothing when it improves it or the market shows none.
     */
    Quantity queueAhead(Side side, Price limit) {
        Price own = side == Side.BUY ? bid : ask;
        Quantity shown = side == Side.BUY ? bidSize : askSize;
        boolean improves = side == Side.BUY ? limit.isGreaterThan(own) : limit.isLessThan(own);
        return shown == null || improves ? Quantity.ZERO : shown;
    }

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
