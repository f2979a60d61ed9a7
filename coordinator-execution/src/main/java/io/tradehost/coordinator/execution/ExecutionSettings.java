package io.tradehost.coordinator.execution;

import io.tradehost.api.value.TimeInForce;
import java.util.Objects;

/**
 * Execution's configuration. Immutable. The run identity that prefixes client order ids comes from
 * the journal, so that a restart on the same data continues the same sequence.
 *
 * @param defaultTimeInForce used when a decision names none
 * @param retries how placement retries transient venue failures
 * @param seed seeds the retry jitter, so a replay retries at the same instants
 */
public record ExecutionSettings(TimeInForce defaultTimeInForce, RetryPolicy retries, long seed) {
    public ExecutionSettings {
        Objects.requireNonNull(defaultTimeInForce, "defaultTimeInForce");
        Objects.requireNonNull(retries, "retries");
    }

    /** Settings with the default retry policy. */
    public static ExecutionSettings of(TimeInForce defaultTimeInForce) {
        return new ExecutionSettings(defaultTimeInForce, RetryPolicy.DEFAULT, 0);
    }
}
