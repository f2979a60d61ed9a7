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

    /** One level of a book. */
    record Level(boolean bid, String price, String size) {
    }
}
