package io.tradehost.app.config;

import io.tradehost.api.guard.RuntimeGuardContext;
import io.tradehost.api.host.MarketView;
import io.tradehost.api.host.PortfolioView;
import io.tradehost.api.state.ReasonCode;
import io.tradehost.api.state.StateReason;
import io.tradehost.api.time.Clock;
import io.tradehost.api.value.Symbol;
import java.util.List;

/**
 * What a runtime guard's factory gets while its block is only being checked: a clock, and no host
 * to look at or act on (a factory that tries is told so). Immutable.
 */
final class ValidationGuardContext implements RuntimeGuardContext {
    private final Clock clock;

    ValidationGuardContext(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public PortfolioView portfolio() {
        throw notRunning();
    }

    @Override
    public MarketView market() {
        throw notRunning();
    }

    @Override
    public List<Symbol> symbols() {
        throw notRunning();
    }

    @Override
    public boolean raise(StateReason reason) {
        throw notRunning();
    }

    @Override
    public boolean clear(ReasonCode code) {
        throw notRunning();
    }

    @Override
    public boolean isActive(ReasonCode code) {
        throw notRunning();
    }

    @Override
    public void cancelOpenOrders(String why) {
        throw notRunning();
    }

    private static IllegalStateException notRunning() {
        return new IllegalStateException("the configuration is only being checked; no host is running");
    }
}
