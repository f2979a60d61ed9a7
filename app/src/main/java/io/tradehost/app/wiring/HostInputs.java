package io.tradehost.app.wiring;

import io.tradehost.api.time.Clock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.LongSupplier;
/**
 * What a run brings besides its configuration. Immutable.
 *
 * @param environment where venue credentials are looked up
 * @param seed the run's seed for simulated venues and retry jitter
 * @param runId the run id a new journal takes (an existing journal keeps its own)
 * @param decisionTimer a monotonic nanosecond counter that times strategy decisions
 * @param dataDirectory where the journal and the venue's own state live; null keeps the journal in
 *     memory and gives the venue no directory (tests)
 * @param journalInline whether journal writes happen on the kernel thread as they are made
 *     (deterministic tests on the virtual clock) instead of on the writer thread
 * @param virtualCallWait on a virtual clock, the least real time the kernel waits for a call of an
 *     isolated plugin, so that only a plugin that hangs is late (ignored on the system clock)
 */
public record HostInputs(Map<String, String> environment, long seed, String runId, LongSupplier decisionTimer,
                         Path dataDirectory, boolean journalInline, Duration virtualCallWait) {
    /** The default {@link #virtualCallWait}. */
    public static final Duration VIRTUAL_CALL_WAIT = Duration.ofSeconds(5);

    public HostInputs {
        environment = Map.copyOf(environment);
    }

    /**
     * Inputs for a run without a data directory whose id is {@code configuredRunId} or, when that
     * is null, derived from the start time (base-36 epoch seconds).
     */
    public static HostInputs of(String configuredRunId, Clock clock, long seed, Map<String, String> environment) {
        String runId = configuredRunId != null ? configuredRunId
                : "r" + Long.toString(Math.floorDiv(clock.nanos(), 1_000_000_000L), 36);
        return new HostInputs(environment, seed, runId, System::nanoTime, null, true, VIRTUAL_CALL_WAIT);
    }

    /** The same inputs with the journal and venue state in {@code directory}. */
    public HostInputs withDataDirectory(Path directory, boolean inline) {
        return new HostInputs(environment, seed, runId, decisionTimer, directory, inline, virtualCallWait);
    }

    /** The same inputs with another {@link #virtualCallWait}. */
    public HostInputs withVirtualCallWait(Duration wait) {
        return new HostInputs(environment, seed, runId, decisionTimer, dataDirectory, journalInline, wait);
    }
}
