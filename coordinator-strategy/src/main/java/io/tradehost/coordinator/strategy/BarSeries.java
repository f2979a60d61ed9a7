package io.tradehost.coordinator.strategy;

import io.tradehost.api.market.Bar;
import io.tradehost.api.market.BarInterval;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Symbol;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds one series of bars (one symbol, one interval) from prices, each bar closed once: when the
 * clock passes its end ({@link #closeUpTo}) or a price of a later bar arrives ({@link #add}). A bar in
 * which nothing happened is delivered flat at the previous close with zero volume, once the series has
 * a close; after a gap of more than {@link #MAX_EMPTY_BARS} bars the rest of the gap is skipped and
 * counted. A price older than the bar being built is late: counted and left out. Kernel thread only.
 */
final class BarSeries {
    /** The most empty bars delivered after one gap. */
    static final int MAX_EMPTY_BARS = 1_000;

    private final Symbol symbol;
    private final BarInterval interval;
    /** Start of the bar being built, or of the next bar to deliver when nothing is building; -1 before any data. */
    private long start = -1;
    private Price open;
    private Price high;
    private Price low;
    private Price close;
    private Quantity volume = Quantity.ZERO;
    private int count;
    private Price lastClose;
    long late;
    long skippedEmpty;

    BarSeries(Symbol symbol, BarInterval interval) {
        this.symbol = symbol;
        this.interval = interval;
    }

    BarInterval interval() {
        return interval;
    }

    Symbol symbol() {
        return symbol;
    }

    /** Adds a price at {@code timestampNanos}; returns the bars it closed (those before its own), oldest first. */
    List<Bar> add(Price price, Quantity size, long timestampNanos) {
        long bucket = interval.startOf(timestampNanos);
        if (start >= 0 && bucket < start) {
            late++;
            return List.of();
        }
        List<Bar> closed = start >= 0 && bucket > start ? closeBefore(bucket) : List.of();
        if (start < 0) {
            start = bucket;
        }
        if (count == 0) {
            open = price;
            high = price;
            low = price;
        } else {
            high = price.isGreaterThan(high) ? price : high;
            low = price.isLessThan(low) ? price : low;
        }
        close = price;
        volume = volume.plus(size);
        count++;
        return closed;
    }

    /** The bars that end at or before {@code nowNanos}, closed, oldest first. */
    List<Bar> closeUpTo(long nowNanos) {
        if (start < 0) {
            return List.of();
        }
        return closeBefore(interval.startOf(nowNanos));
    }

    /** Closes every bar starting before {@code bucket}, then builds the one at {@code bucket}. */
    private List<Bar> closeBefore(long bucket) {
        if (bucket <= start) {
            return List.of();
        }
        List<Bar> out = new ArrayList<>();
        if (count > 0) {
            out.add(new Bar(symbol, interval, start, open, high, low, close, volume, count));
            lastClose = close;
            start += interval.nanos();
        }
        long gap = (bucket - start) / interval.nanos();
        if (lastClose != null) {
            long delivered = Math.min(gap, MAX_EMPTY_BARS);
            for (long i = 0; i < delivered; i++) {
                out.add(new Bar(symbol, interval, start + i * interval.nanos(), lastClose, lastClose, lastClose,
                        lastClose, Quantity.ZERO, 0));
            }
            skippedEmpty += gap - delivered;
        }
        start = bucket;
        count = 0;
        volume = Quantity.ZERO;
        return out;
    }
}
