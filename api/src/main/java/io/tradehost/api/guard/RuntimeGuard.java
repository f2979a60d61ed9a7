package io.tradehost.api.guard;

import io.tradehost.api.event.Event;
import java.time.Duration;

/**
 * A guard that watches the running host (equity, marks, positions) rather than one order, and
 * raises or clears trading-state reasons through its {@link RuntimeGuardContext}. Called on the
 * kernel thread only, never concurrently; must not block.
 *
 * <p>A call that throws {@link DataUnavailableException} is logged and tried again next time. Any
 * other exception fails closed: the host raises {@code guard_failure.<name>} (REDUCE_ONLY, cleared by
 * an operator) and counts the failure.
 */
public interface RuntimeGuard {
    /** How often {@link #evaluate()} runs. */
    Duration interval();

    /** Checks the host now. */
    void evaluate();

    /** Sees every event the kernel dispatches; by default ignores them. */
    default void onEvent(Event event) {
        // most runtime guards work on their timer alone
    }
}
