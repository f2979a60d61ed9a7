package io.tradehost.alerts;

import java.time.Duration;
import java.util.function.LongSupplier;
/**
 * Watches from outside the kernel whether it still publishes, and raises a critical alert when it
 * stalls (no snapshot for longer than the limit) and an info alert when it recovers. Its own
 * daemon thread checks once a second.
 */
public final class KernelWatchdog implements AutoCloseable {
    private final Thread thread;
    private volatile boolean stopped;

    /**
     * @param ageNanos real time since the kernel last published, in nanoseconds (thread-safe)
     * @param limit the age beyond which the kernel counts as stalled
     * @param hostNanos the host clock, for the alerts' timestamps (thread-safe)
     */
    public KernelWatchdog(AlertDispatcher alerts, LongSupplier ageNanos, Duration limit, LongSupplier hostNanos) {
        this(alerts, ageNanos, limit, hostNanos, Duration.ofSeconds(1));
    }

    /** The same, checking every {@code period}. */
    KernelWatchdog(AlertDispatcher alerts, LongSupplier ageNanos, Duration limit, LongSupplier hostNanos,
                   Duration period) {
        this.thread = Thread.ofPlatform().daemon(true).name("tradehost-kernel-watchdog").unstarted(() -> {
            boolean stalled = false;
            while (!stopped) {
                long age = ageNanos.getAsLong();
                boolean now = age != Long.MAX_VALUE && age > limit.toNanos();
                if (now != stalled) {
                    stalled = now;
                    alerts.raise(now ? new Alert("kernel:stalled", Severity.CRITICAL, "kernel stalled",
                            "no snapshot for " + age / 1_000_000 + " ms (limit " + limit.toMillis() + " ms)",
                            hostNanos.getAsLong())
                            : new Alert("kernel:recovered", Severity.INFO, "kernel publishing again", "",
                            hostNanos.getAsLong()));
                }
                try {
                    Thread.sleep(period.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        thread.start();
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
    }
}
