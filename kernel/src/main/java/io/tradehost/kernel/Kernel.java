package io.tradehost.kernel;

import io.tradehost.api.command.Command;
import io.tradehost.api.event.Event;
import io.tradehost.api.event.Message;
import io.tradehost.api.host.CommandBus;
import io.tradehost.api.host.EventBus;
import io.tradehost.api.host.Health;
import io.tradehost.api.host.Throwables;
import io.tradehost.api.time.Clock;
import io.tradehost.api.time.ScheduledTask;
import io.tradehost.api.time.Scheduler;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
/**
 * The one thread that owns trading state. Messages are dispatched one at a time, first in first
 * out, by type: a {@link Command} to its one owner, an {@link Event} to the subscribers of its type
 * in the order they subscribed. Timers fire in deadline order (ties in scheduling order) between
 * messages. Nothing else runs handler code, so handlers need no locks.
 *
 * <p>A handler that throws never stops the kernel: the failure is logged with the handler's name
 * and the message, counted, and handed to the {@link FailureListener} with the handler's
 * {@link FailurePolicy}; the message goes on to its other subscribers. Only a failure of the JVM
 * itself ({@link Throwables#isFatal}) propagates, and ends the run.
 *
 * <p>Two ways to drive it: {@link #run(BooleanSupplier)} on a live thread with the system clock,
 * or step by step from a test with {@link #runUntilIdle()} and {@link #advanceBy(Duration)} on a
 * {@link VirtualClock}. The same inputs give the same dispatch order either way.
 *
 * <p>{@link #publish}, {@link #send}, {@link #schedule} and {@link #wake} are thread-safe;
 * everything else must be called from the thread that drives the kernel.
 */
public final class Kernel implements EventBus, CommandBus, Scheduler {
    private static final Logger LOG = LoggerFactory.getLogger(Kernel.class);
    private static final long MAX_PARK_NANOS = Duration.ofMillis(100).toNanos();

    /** What a handler's failure means for the host. */
    public enum FailurePolicy {
        /** The handler owns books or durability: a failure leaves them in doubt, so trading must stop. */
        FAIL_CLOSED,
        /** The handler derives something the host can do without for a while: log, count, go on. */
        LOG_AND_COUNT
    }

    /** A handler's failure, as the {@link FailureListener} hears it. */
    public record HandlerFailure(String handler, FailurePolicy policy, Message message, Throwable error) {
    }

    /** Hears every handler and timer failure, on the kernel thread. */
    @FunctionalInterface
    public interface FailureListener {
        void failed(HandlerFailure failure);
    }

    private record Route(Class<?> type, String name, FailurePolicy policy, Consumer<Message> handler) {
    }

    private static final Route[] NONE = new Route[0];

    private final Clock clock;
    private final List<Route> events = new ArrayList<>();
    private final Map<Class<?>, Route> owners = new LinkedHashMap<>();
    private final Map<Class<?>, Route[]> routes = new HashMap<>();
    private final List<Consumer<? super Message>> observers = new ArrayList<>();
    private final ArrayDeque<Message> pending = new ArrayDeque<>();
    private final ConcurrentLinkedQueue<Message> inbound = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Timer> newTimers = new ConcurrentLinkedQueue<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private final AtomicLong timerSequence = new AtomicLong();
    private final Map<String, Long> failuresByHandler = new LinkedHashMap<>();
    private FailureListener failureListener = failure -> { };
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

    /** Subscribes {@code handler}, named {@code name}, to events of exactly {@code type}. Kernel thread only. */
    public <E extends Event> void subscribe(Class<E> type, String name, FailurePolicy policy,
                                            Consumer<? super E> handler) {
        Objects.requireNonNull(handler, "handler");
        events.add(new Route(type, name, policy, m -> handler.accept(type.cast(m))));
        routes.clear();
    }

    /** Subscribes {@code handler} to every event, in the order of all subscriptions. Kernel thread only. */
    public void subscribeAll(String name, FailurePolicy policy, Consumer<? super Event> handler) {
        Objects.requireNonNull(handler, "handler");
        events.add(new Route(Event.class, name, policy, m -> handler.accept((Event) m)));
        routes.clear();
    }

    /**
     * Makes {@code handler} the one owner of commands of {@code type}. Kernel thread only.
     *
     * @throws IllegalStateException if the command already has an owner
     */
    public <C extends Command> void own(Class<C> type, String name, FailurePolicy policy,
                                        Consumer<? super C> handler) {
        Objects.requireNonNull(handler, "handler");
        Route existing = owners.putIfAbsent(type, new Route(type, name, policy, m -> handler.accept(type.cast(m))));
        if (existing != null) {
            throw new IllegalStateException(type.getSimpleName() + " is owned by " + existing.name()
                    + " already; a command has exactly one owner");
        }
        routes.clear();
    }

    /**
     * Shows every message (events and commands) to {@code observer} before its handlers, e.g. to
     * record the sequence in a test. Kernel thread only.
     */
    public void observe(Consumer<? super Message> observer) {
        observers.add(Objects.requireNonNull(observer, "observer"));
    }

    /** Where handler and timer failures are reported. Kernel thread only. */
    public void onFailure(FailureListener listener) {
        this.failureListener = Objects.requireNonNull(listener, "listener");
    }

    /** Command types that nobody owns yet: a complete pipeline leaves none. */
    public List<Class<?>> unownedCommands() {
        return Arrays.stream(Command.class.getPermittedSubclasses()).filter(c -> !owners.containsKey(c)).toList();
    }

    @Override
    public void publish(Event event) {
        enqueue(Objects.requireNonNull(event, "event"));
    }

    @Override
    public void send(Command command) {
        enqueue(Objects.requireNonNull(command, "command"));
    }

    private void enqueue(Message message) {
        Thread driver = owner;
        if (Thread.currentThread() == driver) {
            pending.add(message);
        } else {
            inbound.add(message);
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

    /** Dispatches queued messages, including those they cause, until none is left; returns how many. */
    public int runUntilIdle() {
        int count = 0;
        drainInbound();
        Message message;
        while ((message = pending.poll()) != null) {
            dispatch(message);
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
     * dispatches what is still queued. Wakes for inbound messages and timer deadlines.
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

    /** Whether the calling thread is the one driving the kernel. */
    public boolean isKernelThread() {
        return Thread.currentThread() == owner;
    }

    /** Messages dispatched so far. */
    public long dispatchedCount() {
        return dispatched;
    }

    /** Handler and timer-task failures caught so far. */
    public long handlerFailureCount() {
        return handlerFailures;
    }

    /** Handler and timer failures caught so far, by handler name: a copy. */
    public Map<String, Long> failuresByHandler() {
        return Map.copyOf(failuresByHandler);
    }

    /** Messages waiting to be dispatched, queued on the kernel thread or inbound from others. */
    public int queueDepth() {
        return pending.size() + inbound.size();
    }

    /** Timers scheduled and not yet fired or cancelled. */
    public int pendingTimerCount() {
        adoptNewTimers();
        timers.removeIf(t -> t.cancelled);
        return timers.size();
    }

    /** Dispatch counts and failures by handler; never unhealthy by itself (fail-closed failures halt trading). */
    public Health health() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("dispatched", Long.toString(dispatched));
        details.put("handlerFailures", Long.toString(handlerFailures));
        details.put("failuresByHandler", failuresByHandler.toString());
        details.put("queueDepth", Integer.toString(queueDepth()));
        return Health.healthy("kernel", details);
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
            } catch (Throwable e) {
                Throwables.rethrowIfFatal(e);
                failed("timer " + timer.task, FailurePolicy.LOG_AND_COUNT, null, e,
                        timer.period > 0 ? "it keeps its schedule" : "dropped");
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

    private void dispatch(Message message) {
        dispatched++;
        for (Consumer<? super Message> observer : observers) {
            try {
                observer.accept(message);
            } catch (Throwable e) {
                Throwables.rethrowIfFatal(e);
                failed("observer " + observer, FailurePolicy.LOG_AND_COUNT, message, e, "the message goes on");
            }
        }
        Route[] targets = routes.get(message.getClass());
        if (targets == null) {
            targets = routesFor(message.getClass());
            routes.put(message.getClass(), targets);
        }
        if (targets.length == 0 && message instanceof Command) {
            failed("pipeline", FailurePolicy.FAIL_CLOSED, message, new IllegalStateException("no owner for "
                    + message.getClass().getSimpleName()), "the command is dropped");
        }
        for (Route route : targets) {
            try {
                route.handler().accept(message);
            } catch (Throwable e) {
                Throwables.rethrowIfFatal(e);
                failed(route.name(), route.policy(), message, e, "the message goes on to its other handlers");
            }
        }
    }

    private Route[] routesFor(Class<?> type) {
        if (Command.class.isAssignableFrom(type)) {
            Route owner = owners.get(type);
            return owner == null ? NONE : new Route[] {owner};
        }
        return events.stream().filter(r -> r.type() == type || r.type() == Event.class).toArray(Route[]::new);
    }

    private void failed(String handler, FailurePolicy policy, Message message, Throwable error, String then) {
        handlerFailures++;
        long n = failuresByHandler.merge(handler, 1L, Long::sum);
        String on = message == null ? "" : " on " + message.getClass().getSimpleName();
        if (Long.bitCount(n) == 1) {
            LOG.error("{} failed{} ({}, failure {} of this handler); {}: {}", handler, on, policy, n, then,
                    Throwables.describe(error), error);
        } else {
            LOG.debug("{} failed again{}: {}", handler, on, Throwables.describe(error));
        }
        try {
            failureListener.failed(new HandlerFailure(handler, policy, message, error));
        } catch (Throwable e) {
            Throwables.rethrowIfFatal(e);
            LOG.error("the failure listener failed on a failure of {}", handler, e);
        }
    }

    private void drainInbound() {
        Message message;
        while ((message = inbound.poll()) != null) {
            pending.add(message);
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
