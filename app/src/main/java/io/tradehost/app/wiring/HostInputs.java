package io.tradehost.app.wiring;

import io.tradehost.api.time.Clock;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * What a run brings besides its configuration. Immutable.
 *
 * @param environment where venue credentials are looked up
 * @param seed the run's seed for simulated venues
 * @param runId the prefix of this run's client order ids
 * @param decisionTimer a monotonic nanosecond counter that times strategy decisions
 */
public record HostInputs(Map<String, String> environment, long seed, String runId, LongSupplier decisionTimer) {
    public HostInputs {
        environment = Map.copyOf(environment);
    }


    /**
     * Inputs for a run whose id is {@code configuredRunId} or, when that is null, derived from the
     * start time (base-36 epoch seconds), so two runs on the same data never share client order ids.
     */
    public static HostInputs of(String configuredRunId, Clock clock, long seed, Map<String, String> environment) {
        String runId = configuredRunId != null ? configuredRunId
                : "r" + Long.toString(Math.floorDiv(clock.nanos(), 1_000_000_000L), 36);
        return new HostInputs(environment, seed, runId, System::nanoTime);
    }
}
