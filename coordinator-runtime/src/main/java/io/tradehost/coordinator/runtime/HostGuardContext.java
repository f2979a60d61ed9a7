package io.tradehost.coordinator.runtime;

import io.tradehost.api.guard.RuntimeGuardContext;
import io.tradehost.api.host.MarketView;
import io.tradehost.api.host.PortfolioView;
import io.tradehost.api.host.VenueAccess;
import io.tradehost.api.order.Order;
import io.tradehost.api.state.StateReason;
import io.tradehost.api.time.Clock;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.venue.VenueException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link RuntimeGuardContext} the runtime coordinator gives its guards. Kernel thread only. */
public final class HostGuardContext implements RuntimeGuardContext {
    private static final Logger LOG = LoggerFactory.getLogger(HostGuardContext.class);

    private final Clock clock;
    private final PortfolioView portfolio;
    private final MarketView market;
    private final VenueAccess venues;
    private final TradingStateMachine state;

    public HostGuardContext(Clock clock, PortfolioView portfolio, MarketView market, VenueAccess venues,
                            TradingStateMachine state) {
        this.clock = clock;
        this.portfolio = portfolio;
        this.market = market;
        this.venues = venues;
        this.state = state;
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
    public boolean clear(String code) {
        return state.clear(code, "its runtime guard");
    }

    @Override
    public boolean isActive(String code) {
        return state.reasons().stream().anyMatch(r -> r.code().equals(code));
    }

    @Override
    public void cancelOpenOrders(String why) {
        try {
            List<Order> open = venues.venue().openOrders();
            LOG.warn("cancelling {} open order(s): {}", open.size(), why);
            for (Order order : open) {
                try {
                    venues.venue().cancel(order.clientOrderId());
                } catch (VenueException e) {
                    LOG.error("could not cancel {}: {} [{}]", order.clientOrderId(), e.getMessage(), e.code());
                }
            }
        } catch (VenueException e) {
            LOG.error("could not list open orders to cancel them ({}): {} [{}]", why, e.getMessage(), e.code());
        }
    }
}
