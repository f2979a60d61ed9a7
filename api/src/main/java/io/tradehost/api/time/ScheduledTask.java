package io.tradehost.api.time;

/** A handle on a scheduled task. Thread-safe. */
public interface ScheduledTask {
    /** Stops future runs; a run in progress completes. Cancelling twice is harmless. */
    void cancel();

    /** Whether {@link #cancel()} was called. */
    boolean isCancelled();
}
