package io.tradehost.simulator;

import io.tradehost.api.value.Price;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;

/**
 * Whether the market, since the engine last matched, has gone far enough to fill a resting limit
 * order: the one question about a market update the engine asks its feed
 * ({@link MatchingEngine#match}). A synthetic market that is its own touch says so when its touch
 * crosses the limit ({@link MatchingEngine#touchCrossing}); a recorded tape, whose queue the order
 * never stood in, only when the market traded through it.
 */
@FunctionalInterface
public interface Reach {
    /**
     * Whether a resting {@code side} limit at {@code limit} on {@code symbol} fills (wholly, at its
     * limit, as maker).
     */
    boolean reaches(Symbol symbol, Side side, Price limit);
}
