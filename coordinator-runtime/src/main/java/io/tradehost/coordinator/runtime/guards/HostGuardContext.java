package io.tradehost.coordinator.runtime.guards;

import io.tradehost.api.command.CancelOrders;
import io.tradehost.api.guard.RuntimeGuardContext;
import io.tradehost.api.host.CommandBus;
import io.tradehost.api.host.MarketView;
import io.tradehost.api.host.PortfolioView;
import io.tradehost.api.host.VenueAccess;
import io.tradehost.api.state.ReasonCode;
import io.tradehost.api.state.StateReason;
import io.tradehost.api.time.Clock;
import io.tradehost.api.value.Symbol;
import io.tradehost.coordinator.runtime.state.TradingStateMachine;
import java.util.List;
/** The {@link RuntimeGuardContext} the runtime coordinator gives its guards. Kernel thread only. */
public final class HostGuardContext implements RuntimeGuardContext {
    private final Clock clock;
    private final PortfolioView portfolio;
    private final MarketView market;
    private final VenueAccess venues;
    private final TradingStateMachine state;
    private final CommandBus commands;

    public HostGuardContext(Clock clock, PortfolioView portfolio, MarketView market, VenueAccess venues,
                            TradingStateMachine state, CommandBus commands) {
        this.clock = clock;
        this.portfolio = portfolio;
        this.market = market;
        this.venues = venues;
        this.state = state;
        this.commands = commands;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public PortfolioView portfolio() {
        return portfolio;
    }

    @Override
    public MarketView market() {
        return market;
    }

    @Override
    public List<Symbol> symbols() {
        return venues.symbols();
    }

    @Override
    public boolean raise(StateReason reason) {
        return state.raise(reason);
    }

    @Override
    public boolean clear(ReasonCode code) {
        return state.clear(code, "its runtime guard");
    }

    /** The active reasons. */
    List<StateReason> reasons() {
        return state.reasons();
    }

    @Override
    public boolean isActive(ReasonCode code) {
        return state.isActive(code);
    }

    @Override
    public void cancelOpenOrders(String why) {
        commands.send(new CancelOrders(null, why, clock.nanos()));
    }
}
