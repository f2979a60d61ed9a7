package io.tradehost.api.host;

import io.tradehost.api.state.ReasonCode;
/**
 * What an operator may do to the trading state: the contract the admin surface calls (a Java
 * interface now; HTTP later). Every call is logged with who made it. Kernel thread only: remote
 * callers hand their request to the kernel first.
 */
public interface OperatorControl extends TradingStateView {
    /** Holds the host in reduce-only; returns false if an operator already did. */
    boolean reduceOnly(String operator, String message);

    /** Halts the host; returns false if an operator already did. */
    boolean halt(String operator, String message);

    /**
     * Clears the reason with {@code code}, whatever its clearing rule; returns false (a reported
     * no-op) if no such reason is active.
     */
    boolean clear(String operator, ReasonCode code);
}
