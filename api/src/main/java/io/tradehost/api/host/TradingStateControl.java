package io.tradehost.api.host;

import io.tradehost.api.state.ReasonCode;
import io.tradehost.api.state.StateReason;
/** Raises and clears the reasons behind the trading state. Kernel thread only. */
public interface TradingStateControl extends TradingStateView {
    /** Adds {@code reason}; returns false (and changes nothing) if its code is already active. */
    boolean raise(StateReason reason);

    /** Removes the reason with {@code code}; returns false if none was active. {@code by} names who cleared it. */
    boolean clear(ReasonCode code, String by);
}
