package io.tradehost.backtest.tape;

import io.tradehost.api.value.Symbol;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Several recorded files as one tape in time order: rows of equal timestamps come in file order,
 * then line order. Rows before {@code from} or at or after {@code to} are passed over and not
 * counted. Counts each symbol's rows and prices as they are taken ({@link #stats}). Not
 * thread-safe; close it to close the files.
 */
public final class Tape implements MarketTape {
    private record Head(MarketEvent event, int file) {
    }

    private final List<CsvTape> files;
    private final PriorityQueue<Head> heads = new PriorityQueue<>((a, b) -> {
        int byTime = Long.compare(a.event.timestampNanos(), b.event.timestampNanos());
        return byTime != 0 ? byTime : Integer.compare(a.file, b.file);
    });
    private final long fromNanos;
    private final long toNanos;
    private final StatsCounter stats = new StatsCounter();
    private long events;
    private long firstNanos = Long.MIN_VALUE;
    private long lastNanos = Long.MIN_VALUE;

    /**
     * @param files the files, opened; the tape closes them
     * @param fromNanos the first instant replayed (inclusive), {@link Long#MIN_VALUE} for the start
     * @param toNanos the instant replay stops at (exclusive), {@link Long#MAX_VALUE} for the end
     */
    public Tape(List<CsvTape> files, long fromNanos, long toNanos) {
        this.files = List.copyOf(files);
        this.fromNanos = fromNanos;
        this.toNanos = toNanos;
        for (int i = 0; i < this.files.size(); i++) {
            advance(i);
        }
    }

    /** The next row in time order, or null when every file is done or {@code to} is reached. */
    @Override
    public MarketEvent next() {
        Head head = heads.poll();
        if (head == null) {
            return null;
        }
        advance(head.file);
        MarketEvent event = head.event;
        if (events == 0) {
            firstNanos = event.timestampNanos();
        }
        events++;
        lastNanos = event.timestampNanos();
        stats.add(event);
        return event;
    }

    /** The timestamp of the row {@link #next} would return, or {@link Long#MAX_VALUE} if none. */
    public long peekNanos() {
        Head head = heads.peek();
        return head == null ? Long.MAX_VALUE : head.event.timestampNanos();
    }

    private void advance(int file) {
        CsvTape tape = files.get(file);
        MarketEvent e;
        do {
            e = tape.next();
        } while (e != null && e.timestampNanos() < fromNanos);
        if (e != null && e.timestampNanos() < toNanos) {
            heads.add(new Head(e, file));
        }
    }

    @Override
    public long events() {
        return events;
    }

    /** The first row's timestamp, {@link Long#MIN_VALUE} before any. */
    public long firstNanos() {
        return firstNanos;
    }

    /** The last row's timestamp taken, {@link Long#MIN_VALUE} before any. */
    public long lastNanos() {
        return lastNanos;
    }

    @Override
    public Map<Symbol, SymbolStats> stats() {
        return stats.stats();
    }

    /** Bad rows skipped in every file. */
    public long skipped() {
        return files.stream().mapToLong(CsvTape::skipped).sum();
    }

    /** The first skipped rows of each file, with their reasons. */
    public List<String> badRows() {
        List<String> all = new ArrayList<>();
        files.forEach(f -> all.addAll(f.badRows()));
        return all;
    }

    @Override
    public void close() {
        files.forEach(CsvTape::close);
    }
}
