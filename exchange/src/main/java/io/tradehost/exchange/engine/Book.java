package io.tradehost.exchange.engine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One product's order book of synthetic liquidity: absolute sizes per price level on each side.
 * Changes are collected as level updates (the new absolute size, zero for a removed level), the
 * form the level2 channel sends. Not thread-safe: the engine guards it.
 */
final class Book {
    /** One level's new absolute size. */
    record LevelUpdate(boolean bid, BigDecimal price, BigDecimal size) {
    }

    private final NavigableMap<BigDecimal, BigDecimal> bids = new TreeMap<>(Comparator.reverseOrder());
    private final NavigableMap<BigDecimal, BigDecimal> asks = new TreeMap<>();
    private final List<LevelUpdate> pending = new ArrayList<>();

    NavigableMap<BigDecimal, BigDecimal> side(boolean bid) {
        return bid ? bids : asks;
    }

    BigDecimal best(boolean bid) {
        NavigableMap<BigDecimal, BigDecimal> side = side(bid);
        return side.isEmpty() ? null : side.firstKey();
    }

    /** Sets a level to {@code size}, zero removing it, and records the update if it changed anything. */
    void set(boolean bid, BigDecimal price, BigDecimal size) {
        NavigableMap<BigDecimal, BigDecimal> side = side(bid);
        BigDecimal old = side.get(price);
        if (size.signum() <= 0) {
            if (old != null) {
                side.remove(price);
                pending.add(new LevelUpdate(bid, price, BigDecimal.ZERO));
            }
        } else if (old == null || old.compareTo(size) != 0) {
            side.put(price, size);
            pending.add(new LevelUpdate(bid, price, size));
        }
    }

    /** Replaces the whole book with {@code newBids} and {@code newAsks}, recording the difference. */
    void replace(Map<BigDecimal, BigDecimal> newBids, Map<BigDecimal, BigDecimal> newAsks) {
        replaceSide(true, newBids);
        replaceSide(false, newAsks);
    }

    private void replaceSide(boolean bid, Map<BigDecimal, BigDecimal> levels) {
        for (BigDecimal price : List.copyOf(side(bid).keySet())) {
            if (!levels.containsKey(price)) {
                set(bid, price, BigDecimal.ZERO);
            }
        }
        levels.forEach((price, size) -> set(bid, price, size));
    }

    /** The updates since the last call, oldest first. */
    List<LevelUpdate> drainUpdates() {
        List<LevelUpdate> out = List.copyOf(pending);
        pending.clear();
        return out;
    }

    /** Every level, bids best first then asks best first, as a snapshot. */
    List<LevelUpdate> snapshot() {
        List<LevelUpdate> out = new ArrayList<>();
        bids.forEach((p, s) -> out.add(new LevelUpdate(true, p, s)));
        asks.forEach((p, s) -> out.add(new LevelUpdate(false, p, s)));
        return out;
    }
}
