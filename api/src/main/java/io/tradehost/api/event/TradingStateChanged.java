package io.tradehost.api.event;

import io.tradehost.api.state.StateReason;
import io.tradehost.api.state.TradingState;
import java.util.List;

/**
 * The host's trading state changed.
 *
 * @param from the state before
 * @param to the state now
 * @param reasons the reasons active now; empty when back to active
 * @param timestampNanos clock time of the change
 */
public record TradingStateChanged(TradingState from, TradingState to, List<StateReason> reasons,
                                  long timestampNanos) implements Event {
    public TradingStateChanged {
        reasons = List.copyOf(reasons);
    }
}
