package io.tradehost.api.host;

import io.tradehost.api.market.Mark;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Symbol;
import java.util.List;

/** Marks as telemetry accepted them. Read on the kernel thread only. */
public interface MarketView {
    /** The latest mark of {@code symbol}, or {@code null} if none arrived yet. */
    Mark lastMark(Symbol symbol);

    /** Recent mark prices of {@code symbol}, oldest first, at most the configured window; never null. */
    List<Price> recentMarks(Symbol symbol);

    /**
     * Whether the venue flagged {@code symbol}'s market data stale since its last mark (the mark is
     * still there, but the book behind it broke): no order should be priced from it.
     */
    default boolean isStale(Symbol symbol) {
        return false;
    }
}
