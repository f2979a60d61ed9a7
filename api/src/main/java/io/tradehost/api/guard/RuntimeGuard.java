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

    /**
     * Whether {@link #evaluate()} can come to another verdict when only time has passed since its last
     * call: nothing was dispatched in between (no quote, mark, fill, funding or change of state). True
     * by default, for a guard that reads the clock (a mark's age, a day's start). A guard whose verdict
     * follows from equity, positions, marks and reasons alone returns false, and the host then skips
     * its check while nothing happens (a quiet market, a backtest's gaps: in a backtest over months of
     * trades, most of the checks). Asked once, when the guard is made.
     */
    default boolean dependsOnTime() {
        return true;
    }

    /** Sees every event the kernel dispatches; by default ignores them. */
    default void onEvent(Event event) {
        // most runtime guards work on their timer alone
    }
}
