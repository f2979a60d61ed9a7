package io.tradehost.api.host;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
/**
 * {@link PluginCalls} on the calling (kernel) thread: each call is timed with a monotonic counter,
 * never preempted, and anything it throws but a fatal JVM failure comes back as
 * {@link Outcome.Threw}. For trusted built-ins; made by {@link PluginCalls#inline}. Not thread-safe.
 */
final class InlineCalls implements PluginCalls {
    private final LongSupplier monotonicNanos;
    private final Duration budget;

    /**
     * @param monotonicNanos times the calls: {@code System::nanoTime} live, a scripted counter in tests
     * @param budget what the caller compares a call's time with (this class never enforces it)
     */
    InlineCalls(LongSupplier monotonicNanos, Duration budget) {
        this.monotonicNanos = Objects.requireNonNull(monotonicNanos, "monotonicNanos");
        this.budget = Objects.requireNonNull(budget, "budget");
    }

    @Override
    public <T> Outcome<T> call(Supplier<T> body) {
        return call(body, budget);
    }

    @Override
    public <T> Outcome<T> call(Supplier<T> body, Duration ignored) {
        long started = monotonicNanos.getAsLong();
        try {
            T value = body.get();
            return new Outcome.Returned<>(value, monotonicNanos.getAsLong() - started);
        } catch (Throwable e) {
            Throwables.rethrowIfFatal(e);
            return new Outcome.Threw<>(e, monotonicNanos.getAsLong() - started);
        }
    }

    @Override
    public boolean isolated() {
        return false;
    }

    @Override
    public Duration budget() {
        return budget;
    }

    @Override
    public Duration startupBudget() {
        return budget;
    }

    @Override
    public long lateAnswersDiscarded() {
        return 0;
    }

    @Override
    public void close() {
        // nothing to release
    }
}
