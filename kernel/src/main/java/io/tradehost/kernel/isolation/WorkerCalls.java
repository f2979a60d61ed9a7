package io.tradehost.kernel.isolation;

import io.tradehost.api.host.PluginCalls;
import io.tradehost.api.host.Throwables;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * {@link PluginCalls} on a worker thread of the plugin's own: the caller hands the call over and
 * waits at most the budget (spinning briefly, then parked), in real time. A call that has not
 * returned by then is abandoned ({@link Outcome.Late}); when it finally returns its answer is
 * discarded and counted, and until then every call is refused at once ({@link Outcome.Busy}). The
 * worker is a daemon platform thread, started with the first call, so a plugin that spins or
 * blocks forever holds one thread and nothing else, and never keeps the process alive.
 *
 * <p>{@link #call} is for one thread at a time (the kernel's); the worker and the caller meet
 * through a single volatile slot.
 */
public final class WorkerCalls implements PluginCalls {
    private static final int RUNNING = 0;
    private static final int DONE = 1;
    private static final int ABANDONED = 2;
    private static final int DISCARDED = 3;
    private static final int SPINS = 2_000;

    private final String threadName;
    private final Duration budget;
    private final Duration startupBudget;
    private final AtomicLong lateAnswers = new AtomicLong();
    private volatile Job pending;
    private volatile boolean closed;
    private Job current;
    private Thread worker;

    /** One call handed to the worker. */
    private static final class Job {
        final Supplier<?> body;
        final Thread caller;
        final long started = System.nanoTime();
        final AtomicInteger state = new AtomicInteger(RUNNING);
        Object value;
        Throwable error;
        long elapsed;

        Job(Supplier<?> body, Thread caller) {
            this.body = body;
            this.caller = caller;
        }
    }

    /**
     * @param threadName the worker's name, e.g. {@code plugin strategy mean-reversion BTC-PERP}
     * @param budget how long a call may take before it is abandoned, in real time
     * @param startupBudget the same for calls made while the host starts
     */
    public WorkerCalls(String threadName, Duration budget, Duration startupBudget) {
        this.threadName = Objects.requireNonNull(threadName, "threadName");
        this.budget = Objects.requireNonNull(budget, "budget");
        this.startupBudget = Objects.requireNonNull(startupBudget, "startupBudget");
    }

    @Override
    public <T> Outcome<T> call(Supplier<T> body) {
        return call(body, budget);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Outcome<T> call(Supplier<T> body, Duration limit) {
        Job previous = current;
        if (previous != null && previous.state.get() == ABANDONED) {
            return new Outcome.Busy<>(System.nanoTime() - previous.started);
        }
        if (closed) {
            return new Outcome.Threw<>(new IllegalStateException(threadName + " is closed"), 0);
        }
        Job job = new Job(body, Thread.currentThread());
        current = job;
        pending = job;
        LockSupport.unpark(worker());
        long deadline = job.started + limit.toNanos();
        for (int i = 0; i < SPINS && job.state.get() == RUNNING; i++) {
            Thread.onSpinWait();
        }
        long left;
        while (job.state.get() == RUNNING && (left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(this, left);
        }
        if (job.state.compareAndSet(RUNNING, ABANDONED)) {
            return new Outcome.Late<>(System.nanoTime() - job.started);
        }
        if (job.error != null) {
            Throwables.rethrowIfFatal(job.error);
            return new Outcome.Threw<>(job.error, job.elapsed);
        }
        return new Outcome.Returned<>((T) job.value, job.elapsed);
    }

    private Thread worker() {
        if (worker == null) {
            worker = new Thread(this::work, threadName);
            worker.setDaemon(true);
            worker.start();
        }
        return worker;
    }

    private void work() {
        while (!closed) {
            Job job = pending;
            if (job == null) {
                LockSupport.park(this);
                continue;
            }
            pending = null;
            try {
                job.value = job.body.get();
            } catch (Throwable e) {
                job.error = e;
            }
            job.elapsed = System.nanoTime() - job.started;
            if (job.state.compareAndSet(RUNNING, DONE)) {
                LockSupport.unpark(job.caller);
            } else {
                job.state.set(DISCARDED);
                lateAnswers.incrementAndGet();
            }
        }
    }

    @Override
    public boolean isolated() {
        return true;
    }

    @Override
    public Duration budget() {
        return budget;
    }

    @Override
    public Duration startupBudget() {
        return startupBudget;
    }

    @Override
    public long lateAnswersDiscarded() {
        return lateAnswers.get();
    }

    /** Whether an abandoned call is still running on the worker. */
    public boolean isBusy() {
        Job job = current;
        return job != null && job.state.get() == ABANDONED;
    }

    @Override
    public void close() {
        closed = true;
        Thread w = worker;
        if (w != null) {
            w.interrupt();
            LockSupport.unpark(w);
        }
    }
}
