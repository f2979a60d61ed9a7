package io.tradehost.api.guard;

import io.tradehost.api.host.MarketView;
import io.tradehost.api.host.PortfolioView;
import io.tradehost.api.state.ReasonCode;
import io.tradehost.api.state.StateReason;
import io.tradehost.api.time.Clock;
import io.tradehost.api.value.Symbol;
import java.util.List;
/** What the host gives a runtime guard. Kernel thread only. */
public interface RuntimeGuardContext {
    /** The host's clock. */
    Clock clock();

    /** Positions, cash, equity. */
    PortfolioView portfolio();

    /** Marks and recent marks. */
    MarketView market();

    /** The traded symbols. */
    List<Symbol> symbols();

    /** Raises {@code reason}; false (a logged no-op) if its code is already active. */
    boolean raise(StateReason reason);

    /** Clears the reason with {@code code}; false (a logged no-op) if none is active. */
    boolean clear(ReasonCode code);

    /** Whether a reason with {@code code} is active. */
    boolean isActive(ReasonCode code);

    /** Asks execution to cancel every open order at the venue; failures are logged there, never thrown. */
    void cancelOpenOrders(String why);
}
