package io.tradehost.simulator;

import io.tradehost.api.value.Ratio;
import java.util.Objects;

/**
 * How the engine fills against a market that shows its size ({@link MatchingEngine#market} with
 * sizes). Immutable.
 *
 * <ul>
 *   <li>A taker ({@code levelStepBps} above zero) walks the book: the size shown at the touch at the
 *       touch's price, then further levels of that size, each {@code levelStepBps} beyond the one
 *       before (at least one tick), until it is filled, or, a limit order, until the next level is
 *       beyond its limit (the rest rests, or ends by its time in force; a FOK that cannot fill wholly
 *       fills nothing). The size shown is the market's until the next update. Zero: unlimited size at
 *       the touch, moved by the slippage.
 *   <li>A resting limit ({@code queuePosition}) stands behind the size shown at its price when it came
 *       to rest (at the touch, or behind it, the touch's size as the estimate; nothing when it improves
 *       the touch). A trade at its price counts against that queue first and fills the order by what is
 *       left of it; a trade through its price fills it wholly. What one of the engine's orders takes
 *       of a trade is not there for the orders after it. Without: only a trade through its price fills
 *       it. A market that shows no size has no queue and no depth.
 * </ul>
 *
 * @param queuePosition whether resting limits wait for the queue ahead of them
 * @param levelStepBps the distance between the levels a taker walks, in basis points; zero for no walk
 */
public record FillModel(boolean queuePosition, Ratio levelStepBps) {
    /** The engine before this model: unlimited size at the touch, fills only through. */
    public static final FillModel TOUCH = new FillModel(false, Ratio.ZERO);

    /** @throws IllegalArgumentException for a negative step */
    public FillModel {
        Objects.requireNonNull(levelStepBps, "levelStepBps");
        if (levelStepBps.signum() < 0) {
            throw new IllegalArgumentException("a level step is not negative: " + levelStepBps);
        }
    }

    boolean walks() {
        return levelStepBps.isPositive();
    }
}
