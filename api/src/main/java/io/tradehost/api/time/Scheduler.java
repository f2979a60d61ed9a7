package io.tradehost.api.time;

import java.time.Duration;

/**
 * Timers driven by the host's {@link Clock}. Tasks run on the kernel thread, one at a time, in
 * deadline order (ties in scheduling order), so a task may touch trading state without locks.
 * Methods may be called from any thread. A task that throws is logged and, if periodic, keeps its
 * schedule.
 */
public interface Scheduler {
    /** Runs {@code task} once after {@code delay}. */
    ScheduledTask schedule(Duration delay, Runnable task);

    /** Runs {@code task} after {@code initialDelay}, then every {@code period} until cancelled. */
    ScheduledTask scheduleAtFixedRate(Duration initialDelay, Duration period, Runnable task);
}
