package io.tradehost.coordinator.runtime.venue;

import io.tradehost.api.host.PluginCalls.Outcome;
import io.tradehost.api.host.PluginCalls;
import io.tradehost.api.host.Throwables;
import io.tradehost.api.time.ScheduledTask;
import io.tradehost.api.time.Scheduler;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
/**
 * The kernel's timers for an isolated venue: each task runs on the venue's worker through its
 * calls, so the venue's own state is only ever touched by that one thread, and a task that hangs
 * costs the kernel one budget. A task that throws, does not finish in time or finds the venue busy
 * is logged (first time and then every power of two) and counted; a periodic one keeps its
 * schedule. Kernel thread only.
 */
final class IsolatedScheduler implements Scheduler {
    private static final Logger LOG = LoggerFactory.getLogger(IsolatedScheduler.class);

    private final Scheduler kernel;
    private final PluginCalls calls;
    private final String name;
    private long failures;

    IsolatedScheduler(Scheduler kernel, PluginCalls calls, String name) {
        this.kernel = kernel;
        this.calls = calls;
        this.name = name;
    }

    @Override
    public ScheduledTask schedule(Duration delay, Runnable task) {
        return kernel.schedule(delay, () -> run(task));
    }

    @Override
    public ScheduledTask scheduleAtFixedRate(Duration initialDelay, Duration period, Runnable task) {
        return kernel.scheduleAtFixedRate(initialDelay, period, () -> run(task));
    }

    private void run(Runnable task) {
        Outcome<Object> outcome = calls.call(() -> {
            task.run();
            return null;
        });
        String failure = switch (outcome) {
            case Outcome.Returned<Object> r -> null;
            case Outcome.Threw<Object> t -> "threw " + Throwables.describe(t.error());
            case Outcome.Late<Object> l -> "did not finish within " + calls.budget().toMillis() + " ms";
            case Outcome.Busy<Object> b -> "was skipped: the venue is still busy";
        };
        if (failure != null && Long.bitCount(++failures) == 1) {
            LOG.warn("a timer task of venue '{}' {} ({} such failure(s) so far)", name, failure, failures);
        }
    }

    /** Tasks that failed, overran or were skipped so far. */
    long failures() {
        return failures;
    }
}
