package io.tradehost.api.host;

import io.tradehost.api.state.StateReason;
import io.tradehost.api.state.TradingState;
import java.util.List;

/** The host's trading state and the reasons behind it. Read on the kernel thread only. */
public interface TradingStateView {
    /** The most severe state any active reason asks for. */
    TradingState state();

    /** Active reasons, in the order they were raised. */
    List<StateReason> reasons();
}
