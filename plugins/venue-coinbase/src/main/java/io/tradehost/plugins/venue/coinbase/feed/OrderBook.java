package io.tradehost.plugins.venue.coinbase.feed;

import java.math.BigDecimal;
import java.util.Comparator;
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
}
