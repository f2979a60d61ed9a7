package io.tradehost.coordinator.execution;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How placement retries a transient venue failure: at most {@code maxAttempts} sends, waiting a
 * capped exponential backoff with jitter between them ("equal jitter": half the backoff fixed,
 * half random, so retries of many orders spread out but never come sooner than half the backoff).
 * Immutable.
 *
 * @param maxAttempts sends of one order, at least 1
 * @param initialBackoff wait before the second send
 * @param maxBackoff the cap on any wait
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
    /** Five sends, 100 ms doubling to at most 5 s. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(5));

    /** @throws IllegalArgumentException if an argument is out of range */
    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
        if (!initialBackoff.isPositive() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff must be positive and at most its cap: " + initialBackoff
                    + " / " + maxBackoff);
        }
    }

    /** The wait after failed send number {@code attempt} (1-based). */
    public Duration backoff(int attempt, RandomGenerator random) {
        long cap = maxBackoff.toNanos();
        long exponential = initialBackoff.toNanos();
        for (int i = 1; i < attempt && exponential < cap; i++) {
            exponential = Math.min(cap, exponential * 2);
        }
        long half = Math.min(cap, exponential) / 2;
        return Duration.ofNanos(half + random.nextLong(half + 1));
    }
}
