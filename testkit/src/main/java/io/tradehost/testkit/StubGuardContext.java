package io.tradehost.testkit;

import io.tradehost.api.guard.RuntimeGuardContext;
import io.tradehost.api.state.ReasonCode;
import io.tradehost.api.state.StateReason;
import io.tradehost.api.time.Clock;
import io.tradehost.api.value.Symbol;
import java.util.ArrayList;
import java.util.List;
/**
 * A {@link RuntimeGuardContext} for testing a runtime guard alone: the test sets equity and marks,
 * moves the clock, and reads the reasons raised and the cancel requests. Not thread-safe.
 */
public final class StubGuardContext implements RuntimeGuardContext {
    private final Clock clock;
    private final StubPortfolio portfolio;
    private final StubMarket market;
    private final List<Symbol> symbols;
    private final StubTradingState state = new StubTradingState();
    private final List<String> cancels = new ArrayList<>();

    public StubGuardContext(Clock clock, StubPortfolio portfolio, StubMarket market, List<Symbol> symbols) {
        this.clock = clock;
        this.portfolio = portfolio;
        this.market = market;
        this.symbols = List.copyOf(symbols);
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public StubPortfolio portfolio() {
        return portfolio;
    }

    @Override
    public StubMarket market() {
        return market;
    }

    @Override
    public List<Symbol> symbols() {
        return symbols;
    }

    @Override
    public boolean raise(StateReason reason) {
        return state.raise(reason);
    }

    @Override
    public boolean clear(ReasonCode code) {
        return state.clear(code, "guard");
    }

    @Override
    public boolean isActive(ReasonCode code) {
        return state.reasons().stream().anyMatch(r -> r.code().equals(code));
    }

    @Override
    public void cancelOpenOrders(String why) {
        cancels.add(why);
    }

    /** The reasons active now, in the order raised. */
    public List<StateReason> reasons() {
        return state.reasons();
    }

    /** Why open orders were cancelled, once per request. */
    public List<String> cancels() {
        return List.copyOf(cancels);
    }
}
