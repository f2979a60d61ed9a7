package io.tradehost.admin.snapshot;

import io.tradehost.admin.snapshot.HostSnapshot.SymbolRow;
import io.tradehost.api.time.ScheduledTask;
import io.tradehost.api.time.Scheduler;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Symbol;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Takes a {@link HostSnapshot} on the kernel thread every interval and publishes it for other
 * threads ({@link #latest()}), with a bounded history of equity and marks sampled at most once per
 * {@code historyStep} of host time. {@link #publishNow()} and {@link #start}/{@link #stop} are
 * kernel-thread only; {@link #latest()} and {@link #history()} are thread-safe.
 */
public final class SnapshotPublisher {
    /** History samples kept (an hour at the default step). */
    public static final int HISTORY = 3600;

    private final SnapshotSource source;
    private final ActivityLog activity;
    private final LongSupplier realNanos;
    private final long historyStepNanos;
    private final Consumer<HostSnapshot> published;
    private final ArrayDeque<HistoryPoint> samples = new ArrayDeque<>();
    private volatile HostSnapshot latest;
    private volatile List<HistoryPoint> history = List.of();
    private long sequence;
    private long lastSampleNanos = Long.MIN_VALUE;
    private ScheduledTask timer;

    /**
     * @param realNanos a monotonic real-time counter ({@code System::nanoTime} live), to tell a stalled kernel
     * @param historyStep least host time between two history samples
     * @param published hears each snapshot on the kernel thread (the live stream's status); must not block
     */
    public SnapshotPublisher(SnapshotSource source, ActivityLog activity, LongSupplier realNanos, Duration historyStep,
                             Consumer<HostSnapshot> published) {
        this.source = Objects.requireNonNull(source, "source");
        this.activity = Objects.requireNonNull(activity, "activity");
        this.realNanos = Objects.requireNonNull(realNanos, "realNanos");
        this.historyStepNanos = historyStep.toNanos();
        this.published = Objects.requireNonNull(published, "published");
    }

    /** Publishes one snapshot now and then every {@code interval} on {@code scheduler}. */
    public void start(Scheduler scheduler, Duration interval) {
        publishNow();
        timer = scheduler.scheduleAtFixedRate(interval, interval, this::publishNow);
    }

    /** Publishes a last snapshot and stops the timer. Idempotent. */
    public void stop() {
        if (timer != null) {
            timer.cancel();
            timer = null;
            publishNow();
        }
    }

    /** Takes and publishes a snapshot. */
    public void publishNow() {
        HostSnapshot snapshot = source.take(++sequence, realNanos.getAsLong(), activity.activity());
        latest = snapshot;
        if (lastSampleNanos == Long.MIN_VALUE || snapshot.hostNanos() - lastSampleNanos >= historyStepNanos) {
            lastSampleNanos = snapshot.hostNanos();
            Map<Symbol, Price> marks = new LinkedHashMap<>();
            for (SymbolRow row : snapshot.symbols()) {
                if (row.mark() != null) {
                    marks.put(row.symbol(), row.mark());
                }
            }
            if (samples.size() == HISTORY) {
                samples.removeFirst();
            }
            samples.addLast(new HistoryPoint(snapshot.hostNanos(), snapshot.equity(), marks));
            history = List.copyOf(samples);
        }
        published.accept(snapshot);
    }

    /** The newest snapshot, or null before the first. Thread-safe. */
    public HostSnapshot latest() {
        return latest;
    }

    /** The history samples, oldest first. Thread-safe. */
    public List<HistoryPoint> history() {
        return history;
    }

    /** How long ago (real time) the newest snapshot was taken, in nanoseconds; MAX_VALUE before the first. */
    public long ageNanos() {
        HostSnapshot s = latest;
        return s == null ? Long.MAX_VALUE : realNanos.getAsLong() - s.realNanos();
    }
}
