package io.tradehost.testkit;

import io.tradehost.api.host.TradingStateControl;
import io.tradehost.api.state.ReasonCode;
import io.tradehost.api.state.StateReason;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.value.Symbol;
import java.util.ArrayList;
import java.util.List;
/** A {@link TradingStateControl} without events: the state is the most severe raised reason (symbol-scoped ones count for their symbol). Not thread-safe. */
public final class StubTradingState implements TradingStateControl {
    private final List<StateReason> reasons = new ArrayList<>();

    /** An active state with no reasons. */
    public StubTradingState() {
        // active
    }

    @Override
    public TradingState state() {
        return reasons.stream().filter(StateReason::isHostWide).map(StateReason::effect)
                .reduce(TradingState.ACTIVE, TradingState::max);
    }

    @Override
    public TradingState state(Symbol symbol) {
        return reasons.stream().filter(r -> r.isHostWide() || symbol.equals(r.symbol())).map(StateReason::effect)
                .reduce(TradingState.ACTIVE, TradingState::max);
    }

    @Override
    public List<StateReason> reasons() {
        return List.copyOf(reasons);
    }

    @Override
    public boolean raise(StateReason reason) {
        if (reasons.stream().anyMatch(r -> r.code().equals(reason.code()))) {
            return false;
        }
        return reasons.add(reason);
    }

    @Override
    public boolean clear(ReasonCode code, String by) {
        return reasons.removeIf(r -> r.code().equals(code));
    }
}
