package io.tradehost.app.record;

import io.tradehost.api.event.Event;
import io.tradehost.api.event.QuoteReceived;
import io.tradehost.api.market.Quote;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a session's market data as the venue sent it, in the quotes CSV format a replay reads:
 * a header {@code timestamp,symbol,bid,ask,bid_size,ask_size}, then one row per quote with the
 * venue's time in ISO-8601 UTC and exact decimals. A watcher of the host's events: the kernel
 * thread only hands each row to a bounded queue that a writer thread drains to the file (gzip when
 * its name ends in {@code .gz}); a full queue drops rows, counted and logged once, rather than
 * slowing the kernel. {@link #close} writes what is queued and closes the file. Thread-safe.
 */
public final class QuoteRecorder implements Consumer<Event>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QuoteRecorder.class);
    /** The header row. */
    public static final String HEADER = "timestamp,symbol,bid,ask,bid_size,ask_size";
    private static final int QUEUE = 65_536;
    private static final String END = "";

    private final Path file;
    private final Writer out;
    private final BlockingQueue<String> rows = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicLong recorded = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private volatile IOException failure;

    private QuoteRecorder(Path file, Writer out) {
        this.file = file;
        this.out = out;
        this.writer = Thread.ofPlatform().daemon().name("tradehost-recorder").unstarted(this::drain);
    }

    /**
     * Creates (or replaces) {@code file} and starts writing to it.
     *
     * @throws IOException if it cannot be created
     */
    public static QuoteRecorder open(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        OutputStream raw = Files.newOutputStream(file);
        OutputStream stream = file.getFileName().toString().endsWith(".gz") ? new GZIPOutputStream(raw) : raw;
        Writer out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
        out.write(HEADER);
        out.write('\n');
        QuoteRecorder recorder = new QuoteRecorder(file, out);
        recorder.writer.start();
        return recorder;
    }

    /** One row for {@code quote}. */
    static String row(Quote q) {
        long nanos = q.timestampNanos();
        Instant at = Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
        return at + "," + q.symbol().value() + "," + q.bid() + "," + q.ask() + "," + q.bidSize() + "," + q.askSize();
    }

    @Override
    public void accept(Event event) {
        if (event instanceof QuoteReceived received && !rows.offer(row(received.quote()))) {
            if (dropped.getAndIncrement() == 0) {
                LOG.warn("recording to {} falls behind the market data: rows are dropped (counted)", file);
            }
        }
    }

    private void drain() {
        List<String> batch = new ArrayList<>();
        try {
            while (true) {
                String first = rows.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                rows.drainTo(batch);
                boolean end = false;
                for (String row : batch) {
                    if (row == END) {
                        end = true;
                        break;
                    }
                    out.write(row);
                    out.write('\n');
                    recorded.incrementAndGet();
                }
                batch.clear();
                if (end) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            failure = e;
            LOG.error("recording to {} failed: {}; the rest of the session is not recorded", file, e.getMessage());
        }
    }

    /** Rows written so far. */
    public long recorded() {
        return recorded.get();
    }

    /** Rows dropped because the writer fell behind. */
    public long dropped() {
        return dropped.get();
    }

    /** Writes what is queued, closes the file, and says how many rows it holds. */
    @Override
    public void close() {
        try {
            rows.put(END);
            writer.join(TimeUnit.SECONDS.toMillis(30));
            out.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish the recording " + file, e);
        }
        if (failure != null) {
            throw new UncheckedIOException("recording to " + file + " failed", failure);
        }
        LOG.info("recorded {} quote(s) to {}{}", recorded.get(), file, dropped.get() == 0 ? ""
                : " (" + dropped.get() + " dropped: the writer fell behind)");
    }
}
