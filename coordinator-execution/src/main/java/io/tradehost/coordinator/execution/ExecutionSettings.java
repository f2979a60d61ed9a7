package io.tradehost.coordinator.execution;

import io.tradehost.api.value.TimeInForce;
import java.util.Objects;

/**
 * Execution's configuration. Immutable.
 *
 * @param runId prefix of every client order id; with the intent sequence it makes ids deterministic
 * @param defaultTimeInForce used when a decision names none
 */
public record ExecutionSettings(String runId, TimeInForce defaultTimeInForce) {
    public ExecutionSettings {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(defaultTimeInForce, "defaultTimeInForce");
    }
}
