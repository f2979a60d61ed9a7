package io.tradehost.plugins.venue.coinbase;

import io.tradehost.api.time.ScheduledTask;
import io.tradehost.api.time.Scheduler;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** A real-time scheduler on one thread, standing in for the kernel's in tests over loopback. */
final class LiveScheduler implements Scheduler, AutoCloseable {
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("test-kernel").factory());

    @Override
    public ScheduledTask schedule(Duration delay, Runnable task) {
        return wrap(executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS));
    }

    @Override
    public ScheduledTask scheduleAtFixedRate(Duration initialDelay, Duration period, Runnable task) {
        return wrap(executor.scheduleAtFixedRate(task, initialDelay.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS));
    }

    private static ScheduledTask wrap(ScheduledFuture<?> future) {
        return new ScheduledTask() {
            @Override
            public void cancel() {
                future.cancel(false);
            }

            @Override
            public boolean isCancelled() {
                return future.isCancelled();
            }
        };
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
