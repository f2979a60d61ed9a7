package io.tradehost.coordinator.strategy;

import io.tradehost.api.market.Mark;
import io.tradehost.api.strategy.event.OrderSpec;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.ValueOutOfRangeException;

/**
 * Judges an order by handle as {@link DecideCycle} judges a decision: a notional (at its limit or stop
 * price, else at the last mark) beyond {@link StrategySettings#maxDecisionLeverage()} times equity, or
 * beyond what the arithmetic holds, is not one a sound strategy asks for. Kernel thread only.
 */
final class OrderSanity {
    private final EventStrategies owner;

    OrderSanity(EventStrategies owner) {
        this.owner = owner;
    }

    /** Why an order is beyond what a sound strategy asks ({@code max_decision_leverage} x equity), or null. */
    String absurdity(OrderSpec spec) {
        Price price = spec.limitPrice() != null ? spec.limitPrice() : spec.stopPrice();
        Mark mark = owner.market().lastMark(spec.symbol());
        if (price == null && mark == null) {
            return null;
        }
        try {
            Money notional = (price != null ? price : mark.price()).times(spec.quantity()).abs();
            Money equity = owner.portfolio().equity();
            Money ceiling = equity.times(owner.settings().maxDecisionLeverage());
            return notional.isGreaterThan(ceiling) ? "asked to " + spec.side() + " a notional of " + notional
                    + ", more than " + owner.settings().maxDecisionLeverage() + " x equity " + equity
                    + "; refused" : null;
        } catch (ValueOutOfRangeException e) {
            return "asked for a size out of range (" + e.getMessage() + "); order refused";
        }
    }
}
