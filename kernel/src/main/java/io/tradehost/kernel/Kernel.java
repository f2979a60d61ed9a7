package io.tradehost.kernel;

import io.tradehost.api.event.Event;
import io.tradehost.api.host.EventBus;
import io.tradehost.api.host.EventHandler;
import io.tradehost.api.time.Clock;
import io.tradehost.api.time.ScheduledTask;
import io.tradehost.api.time.Scheduler;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that owns trading state. Events are dispatched to every handler in subscription
 * order, one event at a time, first in first out; timers fire in deadline order (ties in scheduling
 * order) between events. Nothing else runs handler code, so handlers need no locks.
 *
 * <p>Two ways to drive it: {@link #run(BooleanSupplier)} on a live thread with the system clock,
 * or step by step from a test with {@link #runUntilIdle()} and {@link #advanceBy(Duration)} on a
 * {@link VirtualClock}. The same inputs give the same dispatch order either way.
 *
 * <p>{@link #publish} and {@link #schedule} are thread-safe; everything else must be called from
 * the thread that drives the kernel.
 */
public final class Kernel implements EventBus, Scheduler {
    private static final Logger LOG = LoggerFactory.getLogger(Kernel.class);
    private static final long MAX_PARK_NANOS = Duration.ofMillis(100).toNanos();

    private final Clock clock;
    private final List<EventHandler> handlers = new ArrayList<>();
    private final ArrayDeque<Event> pending = new ArrayDeque<>();
    private final ConcurrentLinkedQueue<Event> inbound = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Timer> newTimers = new ConcurrentLinkedQueue<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private final AtomicLong timerSequence = new AtomicLong();
    private volatile Thread owner;
    private long dispatched;
    private long handlerFailures;

    /** A kernel on {@code clock}; the calling thread drives it until {@link #run} binds another. */
    public Kernel(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.owner = Thread.currentThread();
    }

    /** The kernel's clock. */
    public Clock clock() {
        return clock;
    }

    /** Adds a handler; handlers receive every event in the order they were added. Kernel thread only. */
    public void subscribe(EventHandler handler) {
        handlers.add(Objects.requireNonNull(handler, "handler"));
    }

    @Override
    public void publish(Event event) {
        Objects.requireNonNull(event, "event");
        Thread driver = owner;
        if (Thread.currentThread() == driver) {
            pending.add(event);
        } else {
            inbound.add(event);
            LockSupport.unpark(driver);
        }
    }

    @Override
    public ScheduledTask schedule(Duration delay, Runnable task) {
        return addTimer(delay, Duration.ZERO, task);
    }

    @Override
    public ScheduledTask scheduleAtFixedRate(Duration initialDelay, Duration period, Runnable task) {
        if (period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("period must be positive: " + period);
        }
        return addTimer(initialDelay, period, task);
    }

    /** Dispatches queued events, including those they cause, until none is left; returns how many. */
    public int runUntilIdle() {
        int count = 0;
        drainInbound();
        Event event;
        while ((event = pending.poll()) != null) {
            dispatch(event);
            count++;
            if (pending.isEmpty()) {
                drainInbound();
            }
        }
        return count;
    }

    /**
     * Moves the virtual clock forward by {@code step}, firing every timer due on the way at its own
     * deadline and dispatching what each causes before the next.
     *
     * @throws IllegalStateException if the kernel does not run on a {@link VirtualClock}
     */
    public void advanceBy(Duration step) {
        if (!(clock instanceof VirtualClock virtual)) {
            throw new IllegalStateException("advanceBy needs a VirtualClock, not " + clock.getClass().getSimpleName());
        }
        long target = Math.addExact(clock.nanos(), step.toNanos());
        runUntilIdle();
        while (true) {
            adoptNewTimers();
            Timer next = timers.peek();
            if (next == null || next.deadline > target) {
                break;
            }
            virtual.setTo(Math.max(next.deadline, clock.nanos()));
            fireDueTimers();
        }
        virtual.setTo(target);
        runUntilIdle();
    }

    /**
     * Drives the kernel on the calling thread until {@code stopRequested} answers true, then
     * dispatches what is still queued. Wakes for inbound events and timer deadlines.
     */
    public void run(BooleanSupplier stopRequested) {
        owner = Thread.currentThread();
        while (!stopRequested.getAsBoolean()) {
            runUntilIdle();
            fireDueTimers();
            if (inbound.isEmpty() && pending.isEmpty() && !stopRequested.getAsBoolean()) {
                LockSupport.parkNanos(this, parkNanos());
            }
        }
        runUntilIdle();
    }

    /** Wakes a kernel parked in {@link #run}, e.g. after a stop was requested. Thread-safe. */
    public void wake() {
        LockSupport.unpark(owner);
    }

    /** Events dispatched so far. */
    public long dispatchedCount() {
        return dispatched;
    }

    /** Handler and timer-task exceptions caught so far. */
    public long handlerFailureCount() {
        return handlerFailures;
    }

    /** Timers scheduled and not yet fired or cancelled. */
    public int pendingTimerCount() {
        adoptNewTimers();
        timers.removeIf(t -> t.cancelled);
        return timers.size();
    }

    private void fireDueTimers() {
        adoptNewTimers();
        long now = clock.nanos();
        Timer timer;
        while ((timer = timers.peek()) != null && timer.deadline <= now) {
            timers.poll();
            if (timer.cancelled) {
                continue;
            }
            try {
                timer.task.run();
            } catch (RuntimeException e) {
                handlerFailures++;
                LOG.error("timer task {} failed; {}", timer.task, timer.period > 0 ? "it keeps its schedule" : "dropped", e);
            }
            if (timer.period > 0 && !timer.cancelled) {
                timer.deadline += timer.period;
                timer.sequence = timerSequence.incrementAndGet();
                timers.add(timer);
            }
            runUntilIdle();
            adoptNewTimers();
        }
    }

    private long parkNanos() {
        adoptNewTimers();
        Timer next = timers.peek();
        if (next == null) {
            return MAX_PARK_NANOS;
        }
        return Math.max(0, Math.min(MAX_PARK_NANOS, next.deadline - clock.nanos()));
    }

    private void dispatch(Event event) {
        dispatched++;
        for (EventHandler handler : handlers) {
            try {
                handler.onEvent(event);
            } catch (RuntimeException e) {
                handlerFailures++;
                LOG.error("handler {} failed on {}; the event goes on to the next handler",
                        handler.getClass().getSimpleName(), event.getClass().getSimpleName(), e);
            }
        }
    }

    private void drainInbound() {
        Event event;
        while ((event = inbound.poll()) != null) {
            pending.add(event);
        }
    }

    private void adoptNewTimers() {
        Timer timer;
        while ((timer = newTimers.poll()) != null) {
            timers.add(timer);
        }
    }

    private ScheduledTask addTimer(Duration delay, Duration period, Runnable task) {
        Objects.requireNonNull(task, "task");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative: " + delay);
        }
        Timer timer = new Timer(Math.addExact(clock.nanos(), delay.toNanos()), period.toNanos(),
                timerSequence.incrementAndGet(), task);
        newTimers.add(timer);
        if (Thread.currentThread() != owner) {
            LockSupport.unpark(owner);
        }
        return timer;
    }

    private static final class Timer implements ScheduledTask, Comparable<Timer> {
        private final long period;
        private final Runnable task;
        private long deadline;
        private long sequence;
        private volatile boolean cancelled;

        Timer(long deadline, long period, long sequence, Runnable task) {
            this.deadline = deadline;
            this.period = period;
            this.sequence = sequence;
            this.task = task;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public int compareTo(Timer other) {
            int byDeadline = Long.compare(deadline, other.deadline);
            return byDeadline != 0 ? byDeadline : Long.compare(sequence, other.sequence);
        }
    }
}
