package io.tradehost.api.host;

import java.util.Map;

/**
 * One of the host's four coordinators. The host initialises them in the order runtime, execution,
 * strategy, telemetry, then starts them in that order, and stops them in reverse. Every method
 * runs on the kernel thread. Each coordinator handles the messages the host's pipeline routes to
 * its typed handler methods, between {@link #start()} and {@link #stop()}.
 */
public interface Coordinator {
    /** A short stable name: {@code runtime}, {@code execution}, {@code strategy}, {@code telemetry}. */
    String name();

    /**
     * Prepares the coordinator; may call the venue.
     *
     * @throws StartupException if the host cannot start, with a message for the operator
     */
    void initialize();

    /** Starts timers and subscriptions. */
    void start();

    /** Stops timers and subscriptions; idempotent and never throws. */
    void stop();

    /**
     * After {@link #stop}: whether what the stop set going has come back (the cancels of a strategy's
     * resting orders answered by the venue). A live host keeps its kernel running a little while this
     * is false, so that the answers and the fills that raced them reach the journal. True by default.
     */
    default boolean settled() {
        return true;
    }

    /** How it is doing now. */
    Health health();

    /**
     * Running totals since start, by name ({@code cycles}, {@code reconciliations}, ...): the
     * numbers its health details show, typed, for metrics. Insertion-ordered; empty by default.
     */
    default Map<String, Long> totals() {
        return Map.of();
    }
}
