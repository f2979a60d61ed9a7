package io.tradehost.exchange.engine;

import java.util.List;

/** What the engine reports, called while it holds its lock, in the order things happened. */
public interface EngineListener {
    /** Levels of {@code productId} changed to the given absolute sizes. */
    void bookChanged(String productId, List<Level> updates);

    /** An order was created or changed; {@code order} is a copy. */
    void orderChanged(ExchangeOrder order);

    /** Best bid and ask of {@code productId} after a change, for the ticker channel. */
    default void touch(String productId, Level bestBid, Level bestAsk) {
    }

    /**
     * Executions of {@code productId}, oldest first, for the {@code market_trades} channel: every fill
     * of any order and the synthetic market's own prints.
     */
    default void traded(String productId, List<Trade> trades) {
    }

    /** One level of a book. */
    record Level(boolean bid, String price, String size) {
    }

    /**
     * One execution on the public tape.
     *
     * @param tradeId unique: a fill's trade id, or {@code market-...} for a print of the synthetic market
     * @param price execution price
     * @param size executed base quantity
     * @param takerSide BUY or SELL: the side that took liquidity
     * @param timeMillis epoch milliseconds
     */
    record Trade(String tradeId, String price, String size, String takerSide, long timeMillis) {
    }
}
