package io.tradehost.coordinator.telemetry;

import io.tradehost.api.host.MarketView;
import io.tradehost.api.market.Mark;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Symbol;
import java.util.AbstractList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * The latest mark and a capped window of recent mark prices per symbol; the oldest price drops out
 * when the window is full. Kernel thread only.
 */
public final class MarkBook implements MarketView {
    private int capacity;
    private final Map<Symbol, Window> windows = new HashMap<>();
    private final Map<Symbol, String> flagged = new HashMap<>();

    /** A book keeping {@code capacity} prices per symbol. */
    public MarkBook(int capacity) {
        this.capacity = capacity;
    }

    /**
     * Keeps {@code next} prices per symbol from now on, with the most recent prices the windows
     * hold already (all of them when growing, the newest {@code next} when shrinking), so no
     * strategy loses its history to a reload. Kernel thread.
     */
    public void resize(int next) {
        if (next < 1) {
            throw new IllegalArgumentException("a mark window holds at least one price: " + next);
        }
        capacity = next;
        windows.replaceAll((symbol, window) -> window.resized(next));
    }

    /** How many prices each symbol's window keeps. */
    public int capacity() {
        return capacity;
    }

    /** Records {@code mark} as its symbol's latest; a stale flag on the symbol ends with it. */
    public void update(Mark mark) {
        windows.computeIfAbsent(mark.symbol(), s -> new Window(capacity)).add(mark);
        flagged.remove(mark.symbol());
    }

    /** Flags {@code symbol}'s last mark stale until its next mark; whether it was not flagged already. */
    public boolean flagStale(Symbol symbol, String reason) {
        return flagged.putIfAbsent(symbol, reason) == null;
    }

    @Override
    public boolean isStale(Symbol symbol) {
        return flagged.containsKey(symbol);
    }

    /** Why {@code symbol} is flagged stale, or {@code null}. */
    public String staleReason(Symbol symbol) {
        return flagged.get(symbol);
    }

    @Override
    public Mark lastMark(Symbol symbol) {
        Window w = windows.get(symbol);
        return w == null ? null : w.last;
    }

    @Override
    public List<Price> recentMarks(Symbol symbol) {
        Window w = windows.get(symbol);
        return w == null ? List.of() : w.prices();
    }

    /**
     * A ring buffer of prices plus the latest mark. The prices are handed out as one snapshot per
     * mark, made when first asked for (strategies, guards and isolated plugins may keep it).
     */
    private static final class Window {
        private final Price[] ring;
        private int start;
        private int size;
        private Mark last;
        private List<Price> snapshot;

        Window(int capacity) {
            this.ring = new Price[capacity];
        }

        void add(Mark mark) {
            last = mark;
            snapshot = null;
            if (size < ring.length) {
                ring[(start + size++) % ring.length] = mark.price();
            } else {
                ring[start] = mark.price();
                start = (start + 1) % ring.length;
            }
        }

        Window resized(int next) {
            Window copy = new Window(next);
            List<Price> kept = prices();
            for (Price price : kept.subList(Math.max(0, kept.size() - next), kept.size())) {
                copy.ring[copy.size++] = price;
            }
            copy.last = last;
            return copy;
        }

        List<Price> prices() {
            if (snapshot == null) {
                Price[] copy = new Price[size];
                int head = Math.min(size, ring.length - start);
                System.arraycopy(ring, start, copy, 0, head);
                System.arraycopy(ring, 0, copy, head, size - head);
                snapshot = new Snapshot(copy);
            }
            return snapshot;
        }
    }

    /** An unmodifiable list over an array no one else holds. */
    private static final class Snapshot extends AbstractList<Price> implements RandomAccess {
        private final Price[] prices;

        Snapshot(Price[] prices) {
            this.prices = prices;
        }

        @Override
        public Price get(int index) {
            return prices[index];
        }

        @Override
        public int size() {
            return prices.length;
        }
    }
}
