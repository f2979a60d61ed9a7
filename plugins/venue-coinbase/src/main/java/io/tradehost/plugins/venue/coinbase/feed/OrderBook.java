package io.tradehost.plugins.venue.coinbase.feed;

import io.tradehost.api.market.BookLevel;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One product's book as level2 describes it: built from a snapshot, then kept by updates that give
 * each level's new absolute size (zero removes it). Usable only after a snapshot and while not
 * crossed. Not thread-safe: one feed connection owns it.
 */
public final class OrderBook {
    private final NavigableMap<BigDecimal, BigDecimal> bids = new TreeMap<>(Comparator.reverseOrder());
    private final NavigableMap<BigDecimal, BigDecimal> asks = new TreeMap<>();
    private boolean synced;

    /** An empty, unsynced book. */
    public OrderBook() {
        // filled by the feed
    }

    /** Forgets everything: the book is unusable until the next snapshot. */
    public void reset() {
        bids.clear();
        asks.clear();
        synced = false;
    }

    /** Starts a snapshot: clears the book and marks it synced. */
    public void beginSnapshot() {
        bids.clear();
        asks.clear();
        synced = true;
    }

    /**
     * Sets a level.
     *
     * @throws IllegalArgumentException for a negative size or a non-positive price
     */
    public void set(boolean bid, BigDecimal price, BigDecimal size) {
        if (price.signum() <= 0 || size.signum() < 0) {
            throw new IllegalArgumentException("bad level " + price + " x " + size);
        }
        NavigableMap<BigDecimal, BigDecimal> side = bid ? bids : asks;
        if (size.signum() == 0) {
            side.remove(price);
        } else {
            side.put(price, size);
        }
    }

    public boolean isSynced() {
        return synced;
    }

    /** Whether both sides have a level and the best bid is below the best ask. */
    public boolean isUsable() {
        return synced && !bids.isEmpty() && !asks.isEmpty() && bids.firstKey().compareTo(asks.firstKey()) < 0;
    }

    public Map.Entry<BigDecimal, BigDecimal> bestBid() {
        return bids.firstEntry();
    }

    public Map.Entry<BigDecimal, BigDecimal> bestAsk() {
        return asks.firstEntry();
    }

    public int depth() {
        return bids.size() + asks.size();
    }

    /**
     * The best {@code levels} levels of one side, best first (fewer if it has fewer).
     *
     * @throws NumberFormatException if a price or size has more decimals than the host's values hold
     */
    public List<BookLevel> top(boolean bid, int levels) {
        List<BookLevel> out = new ArrayList<>(levels);
        for (Map.Entry<BigDecimal, BigDecimal> level : (bid ? bids : asks).entrySet()) {
            if (out.size() == levels) {
                break;
            }
            out.add(new BookLevel(Price.of(level.getKey()), Quantity.of(level.getValue())));
        }
        return out;
    }
}
