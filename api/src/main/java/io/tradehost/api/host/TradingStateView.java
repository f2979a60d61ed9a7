package io.tradehost.api.host;

import io.tradehost.api.state.StateReason;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.value.Symbol;
import java.util.List;

/** The host's trading state and the reasons behind it. Read on the kernel thread only. */
public interface TradingStateView {
    /** The most severe state any host-wide reason asks for. */
    TradingState state();

    /** The state for {@code symbol}: the more severe of the host's state and its own reasons'. */
    TradingState state(Symbol symbol);

    /** Active reasons, host-wide and per symbol, in the order they were raised. */
    List<StateReason> reasons();
}
