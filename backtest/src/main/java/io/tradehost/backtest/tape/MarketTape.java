package io.tradehost.backtest.tape;

import io.tradehost.api.value.Symbol;
import java.util.List;
import java.util.Map;

/**
 * Recorded market rows in time order, as a replay takes them, with what was taken so far counted.
 * {@link Tape} reads them from CSV files; {@link #of} holds them in memory (benchmarks, tests).
 * Not thread-safe.
 */
public interface MarketTape extends AutoCloseable {
    /** The next row, or null at the end. */
    MarketEvent next();

    /** Rows taken so far. */
    long events();

    /** Per symbol, in symbol order, over the rows taken so far: a copy. */
    Map<Symbol, SymbolStats> stats();

    @Override
    void close();

    /**
     * The rows of {@code events}, which must be in time order.
     *
     * @throws IllegalArgumentException if a row is earlier than the one before
     */
    static MarketTape of(List<MarketEvent> events) {
        for (int i = 1; i < events.size(); i++) {
            if (events.get(i).timestampNanos() < events.get(i - 1).timestampNanos()) {
                throw new IllegalArgumentException("row " + i + " is earlier than the one before");
            }
        }
        return new MarketTape() {
            private final StatsCounter counter = new StatsCounter();
            private int next;

            @Override
            public MarketEvent next() {
                if (next == events.size()) {
                    return null;
                }
                MarketEvent e = events.get(next++);
                counter.add(e);
                return e;
            }

            @Override
            public long events() {
                return next;
            }

            @Override
            public Map<Symbol, SymbolStats> stats() {
                return counter.stats();
            }

            @Override
            public void close() {
                // nothing held
            }
        };
    }
}
