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

    /** {@link #sameVerdictUntilNanos}: check at every tick. */
    long EVERY_TICK = Long.MIN_VALUE;

    /** {@link #sameVerdictUntilNanos}: no check until an event has been dispatched. */
    long UNTIL_AN_EVENT = Long.MAX_VALUE;

    /**
     * Asked right after each {@link #evaluate()} that returned: the instant (the host clock's
     * nanoseconds since the epoch) before which another check would come to the same verdict, as long
     * as nothing is dispatched meanwhile (no quote, mark, fill, funding or change of state); the host
     * skips the ticks before it, and checks at the first tick after any event. {@link #EVERY_TICK} (the
     * default) for a guard that reads the clock in ways it cannot foresee; {@link #UNTIL_AN_EVENT} for
     * one whose verdict follows from equity, positions, marks and reasons alone; else the next instant
     * time alone could change it (a day's end, the moment a mark grows stale). An instant too early
     * costs a check, one too late misses a change: err early. Saves most checks of a quiet market and
     * of a backtest's gaps.
     */
    default long sameVerdictUntilNanos() {
        return EVERY_TICK;
    }

    /** Sees every event the kernel dispatches; by default ignores them. */
    default void onEvent(Event event) {
        // most runtime guards work on their timer alone
    }
}
