package io.tradehost.api.market;

import io.tradehost.api.value.Symbol;
import java.util.List;
import java.util.Objects;

/**
 * The top levels of a venue's order book for one product, as its market data reported them.
 * Immutable; a venue sends a new one whenever the levels it publishes change.
 *
 * @param symbol the product
 * @param bids bid levels, best (highest) first, prices strictly falling; at most {@link #MAX_LEVELS}
 * @param asks ask levels, best (lowest) first, prices strictly rising; at most {@link #MAX_LEVELS}
 * @param timestampNanos venue time, nanoseconds since the epoch
 */
public record BookDepth(Symbol symbol, List<BookLevel> bids, List<BookLevel> asks, long timestampNanos) {
    /** The most levels per side a venue may send and a strategy may ask for. */
    public static final int MAX_LEVELS = 50;

    /**
     * @throws IllegalArgumentException if a side has more than {@link #MAX_LEVELS} levels or is out of
     *     order (a crossed book is allowed here: the host judges quotes, not depth)
     */
    public BookDepth {
        Objects.requireNonNull(symbol, "symbol");
        bids = List.copyOf(bids);
        asks = List.copyOf(asks);
        check("bids", bids, -1);
        check("asks", asks, 1);
    }

    private static void check(String side, List<BookLevel> levels, int direction) {
        if (levels.size() > MAX_LEVELS) {
            throw new IllegalArgumentException(side + ": " + levels.size() + " levels, more than " + MAX_LEVELS);
        }
        for (int i = 1; i < levels.size(); i++) {
            if (levels.get(i).price().compareTo(levels.get(i - 1).price()) * direction <= 0) {
                throw new IllegalArgumentException(side + " out of order at level " + i + ": "
                        + levels.get(i - 1).price() + " then " + levels.get(i).price());
            }
        }
    }

    /** Whether {@code other} shows the same levels on both sides (its time aside); false for null. */
    public boolean sameLevels(BookDepth other) {
        return other != null && bids.equals(other.bids) && asks.equals(other.asks);
    }

    /** The same book cut to its best {@code levels} levels per side (this one if it has no more). */
    public BookDepth top(int levels) {
        if (levels < 1) {
            throw new IllegalArgumentException("levels must be at least 1, not " + levels);
        }
        if (bids.size() <= levels && asks.size() <= levels) {
            return this;
        }
        return new BookDepth(symbol, bids.subList(0, Math.min(levels, bids.size())),
                asks.subList(0, Math.min(levels, asks.size())), timestampNanos);
    }
}
