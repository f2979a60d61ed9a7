package io.tradehost.api.host;

import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
/**
 * Runs the calls of one plugin instance for the kernel thread and reports how each went; it never
 * throws what the plugin throws (only a failure of the JVM itself propagates). Two modes:
 * <ul>
 * <li>inline: the call runs on the kernel thread; it is timed, never preempted. For trusted
 *     built-ins, where a thread hand-off would cost more than the call;</li>
 * <li>isolated: the call runs on a worker thread of the plugin's own and the kernel waits at most
 *     the budget. A call still running then is abandoned ({@link Outcome.Late}) and its answer
 *     discarded when it comes; until it does, further calls are refused at once
 *     ({@link Outcome.Busy}). So a plugin that never returns costs the kernel one budget, once.</li>
 * </ul>
 * The plugin instance is only ever called from one thread at a time, in order. Kernel thread only.
 */
public interface PluginCalls extends AutoCloseable {
    /** How a call went. */
    sealed interface Outcome<T> {
        /** The call returned {@code value} after {@code nanos}. */
        record Returned<T>(T value, long nanos) implements Outcome<T> {
        }

        /** The call threw {@code error} (never a fatal JVM failure) after {@code nanos}. */
        record Threw<T>(Throwable error, long nanos) implements Outcome<T> {
        }

        /** The call had not returned after {@code waitedNanos}, the budget; it is abandoned. */
        record Late<T>(long waitedNanos) implements Outcome<T> {
        }

        /** An earlier call, abandoned as late, is still running (for {@code runningNanos}); nothing was called. */
        record Busy<T>(long runningNanos) implements Outcome<T> {
        }
    }

    /**
     * Calls on the calling thread, timed with {@code monotonicNanos} (a scripted counter in tests),
     * compared by the caller with {@code budget}.
     */
    static PluginCalls inline(LongSupplier monotonicNanos, Duration budget) {
        return new InlineCalls(monotonicNanos, budget);
    }

    /** Calls {@code body} within the default budget. */
    <T> Outcome<T> call(Supplier<T> body);

    /** Calls {@code body} within {@code budget} (isolated mode; inline calls are only timed). */
    <T> Outcome<T> call(Supplier<T> body, Duration budget);

    /**
     * Calls {@code body} while the host starts (a factory, a venue's connect), within
     * {@link #startupBudget()}, and returns its value.
     *
     * @param what the plugin, for messages, e.g. {@code guard 'no-buys'}
     * @throws StartupException if it does not return in time
     * @throws RuntimeException or {@link Error}: whatever the call threw (a checked exception wrapped)
     */
    default <T> T start(Supplier<T> body, String what) {
        return switch (call(body, startupBudget())) {
            case Outcome.Returned<T> r -> r.value();
            case Outcome.Threw<T> t when t.error() instanceof RuntimeException e -> throw e;
            case Outcome.Threw<T> t when t.error() instanceof Error e -> throw e;
            case Outcome.Threw<T> t -> throw new IllegalStateException(Throwables.describe(t.error()), t.error());
            case Outcome.Late<T> late -> throw new StartupException(what + " did not start within "
                    + startupBudget().toMillis() + " ms");
            case Outcome.Busy<T> busy -> throw new StartupException(what + " is still busy starting");
        };
    }

    /** Whether calls run on a worker thread with a deadline. */
    boolean isolated();

    /** The default budget. */
    Duration budget();

    /** The budget of a call made while the host starts (a factory, a venue's connect). */
    Duration startupBudget();

    /** Answers late calls came back with, discarded, so far. */
    long lateAnswersDiscarded();

    /** Stops the worker (interrupting a call still running, never waiting for it). Idempotent. */
    @Override
    void close();
}
