package io.tradehost.coordinator.strategy;

import io.tradehost.api.command.OrderIntent;
import io.tradehost.api.host.CommandBus;
import io.tradehost.api.host.MarketView;
import io.tradehost.api.host.PluginCalls.Outcome;
import io.tradehost.api.host.PortfolioView;
import io.tradehost.api.host.TradingStateView;
import io.tradehost.api.host.VenueAccess;
import io.tradehost.api.market.Mark;
import io.tradehost.api.order.Position;
import io.tradehost.api.strategy.Action;
import io.tradehost.api.strategy.Decision;
import io.tradehost.api.time.Clock;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.value.ValueOutOfRangeException;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One trading cycle of a simple-form strategy: for a symbol with a mark and positive equity, builds its
 * immutable context, asks the strategy through its calls, checks the decision and sends an
 * {@link OrderIntent} for an actionable one. Kernel thread only.
 */
final class DecideCycle {
    private static final Logger LOG = LoggerFactory.getLogger(DecideCycle.class);

    private final Supplier<StrategySettings> settings;
    private final VenueAccess venues;
    private final MarketView market;
    private final PortfolioView portfolio;
    private final TradingStateView tradingState;
    private final CommandBus commands;
    private final Clock clock;
    private final Supervision supervision;
    private final LongSupplier intentSequence;
    final Map<Action, Long> decisions = new EnumMap<>(Action.class);
    long cycles;
    long skipped;

    DecideCycle(Supplier<StrategySettings> settings, VenueAccess venues, MarketView market, PortfolioView portfolio,
                TradingStateView tradingState, CommandBus commands, Clock clock, Supervision supervision,
                LongSupplier intentSequence) {
        this.settings = settings;
        this.venues = venues;
        this.market = market;
        this.portfolio = portfolio;
        this.tradingState = tradingState;
        this.commands = commands;
        this.clock = clock;
        this.supervision = supervision;
        this.intentSequence = intentSequence;
    }

    void run(Symbol symbol, SimpleInstance instance) {
        Mark mark = market.lastMark(symbol);
        if (mark == null) {
            return;
        }
        Money equity = portfolio.equity();
        if (!equity.isPositive()) {
            skipped++;
            LOG.debug("{}: cycle skipped, equity {} is not positive", symbol, equity);
            return;
        }
        cycles++;
        Position position = portfolio.position(symbol);
        SymbolContext context = new SymbolContext(venues.product(symbol), mark, market.recentMarks(symbol), position,
                equity, tradingState.state(symbol), clock.nanos());
        Outcome.Returned<Decision> returned = supervision.settle(instance.watched,
                instance.calls.call(() -> instance.strategy.decide(context)), Supervision.Call.DECIDE);
        if (returned == null) {
            return;
        }
        Decision decision = returned.value();
        String defect = decision == null ? "decide returned null" : absurdity(decision, mark, equity);
        if (defect != null) {
            supervision.fail(instance.watched, defect);
            return;
        }
        supervision.succeeded(instance.watched, returned.nanos());
        if (cycles == 1) {
            LOG.info("first decision: {} {} ({})", symbol, decision.action(), decision.reason());
        }
        decisions.merge(decision.action(), 1L, Long::sum);
        if (!decision.isActionable() || (decision.action() == Action.CLOSE && position.isFlat())) {
            return;
        }
        commands.send(intent(symbol, instance.name, decision, mark));
    }

    /**
     * Why an opening decision is not one a sound strategy makes (a notional beyond
     * {@code maxDecisionLeverage} times equity, or beyond what the arithmetic holds), or null.
     */
    private String absurdity(Decision decision, Mark mark, Money equity) {
        if (decision.action() != Action.BUY && decision.action() != Action.SELL) {
            return null;
        }
        try {
            Money notional = decision.notional() != null ? decision.notional().abs()
                    : decision.quantity() != null ? mark.price().times(decision.quantity()).abs() : Money.ZERO;
            Money ceiling = equity.times(settings.get().maxDecisionLeverage());
            return notional.isGreaterThan(ceiling) ? "asked to " + decision.action() + " a notional of " + notional
                    + ", more than " + settings.get().maxDecisionLeverage() + " x equity " + equity + "; decision refused"
                    : null;
        } catch (ValueOutOfRangeException e) {
            return "asked for a size out of range (" + e.getMessage() + "); decision refused";
        }
    }

    private OrderIntent intent(Symbol symbol, String strategy, Decision decision, Mark mark) {
        boolean close = decision.action() == Action.CLOSE;
        Side side = switch (decision.action()) {
            case BUY -> Side.BUY;
            case SELL -> Side.SELL;
            default -> null;
        };
        return new OrderIntent(intentSequence.getAsLong(), symbol, side, close, decision.quantity(), decision.notional(),
                decision.type(), decision.limitPrice(), decision.timeInForce(), decision.reduceOnly() || close,
                decision.postOnly(), strategy, decision.reason(), mark.price(), clock.nanos(), decision.stopPrice());
    }

}
