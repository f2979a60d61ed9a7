package io.tradehost.plugins.strategies;

import io.tradehost.api.order.Position;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.strategy.Decision;
import io.tradehost.api.strategy.Strategy;
import io.tradehost.api.strategy.StrategyContext;
import io.tradehost.api.value.Price;
import java.util.List;

/**
 * Channel breakout: when flat, a mark above the highest of the previous {@code entryLookback}
 * marks buys (below the lowest sells, if shorts are allowed); a long closes when the mark falls
 * below the lowest of the previous {@code exitLookback} marks, a short when it rises above the
 * highest. Under reduce-only it closes any open position. Stateless between calls.
 */
final class Breakout implements Strategy {
    private static final String LONG_HOLDS = "long, above the exit channel's low";
    private static final String SHORT_HOLDS = "short, below the exit channel's high";
    private static final String INSIDE = "inside the entry channel";
    private final int entryLookback;
    private final int exitLookback;
    private final boolean allowShorts;
    private final Sizing sizing;

    Breakout(int entryLookback, int exitLookback, boolean allowShorts, Sizing sizing) {
        this.entryLookback = entryLookback;
        this.exitLookback = exitLookback;
        this.allowShorts = allowShorts;
        this.sizing = sizing;
    }

    @Override
    public Decision decide(StrategyContext context) {
        Position position = context.position();
        if (context.tradingState() != TradingState.ACTIVE) {
            return position.isFlat() ? Decision.hold("trading state " + context.tradingState())
                    : Decision.close("trading state " + context.tradingState());
        }
        List<Price> marks = context.recentMarks();
        int needed = Math.max(entryLookback, exitLookback) + 1;
        if (marks.size() < needed) {
            return Decision.hold("warming up: " + marks.size() + "/" + needed + " marks");
        }
        Price mark = marks.getLast();
        List<Price> before = marks.subList(0, marks.size() - 1);
        if (position.quantity().isPositive()) {
            Price floor = lowest(before, exitLookback);
            return mark.isLessThan(floor) ? Decision.close("exit long: " + mark + " < " + exitLookback + "-mark low " + floor)
                    : Decision.hold(LONG_HOLDS);
        }
        if (position.quantity().isNegative()) {
            Price ceiling = highest(before, exitLookback);
            return mark.isGreaterThan(ceiling) ? Decision.close("exit short: " + mark + " > " + exitLookback
                    + "-mark high " + ceiling) : Decision.hold(SHORT_HOLDS);
        }
        Price high = highest(before, entryLookback);
        Price low = lowest(before, entryLookback);
        if (mark.isGreaterThan(high)) {
            return Decision.buy(sizing.entryNotional(context.equity()), "breakout above " + high);
        }
        if (allowShorts && mark.isLessThan(low)) {
            return Decision.sell(sizing.entryNotional(context.equity()), "breakdown below " + low);
        }
        return Decision.hold(INSIDE); // every mark: formatting the channel cost more than the decision
    }

    private static Price highest(List<Price> marks, int lookback) {
        Price max = marks.get(marks.size() - lookback);
        for (int i = marks.size() - lookback + 1; i < marks.size(); i++) {
            max = marks.get(i).isGreaterThan(max) ? marks.get(i) : max;
        }
        return max;
    }

    private static Price lowest(List<Price> marks, int lookback) {
        Price min = marks.get(marks.size() - lookback);
        for (int i = marks.size() - lookback + 1; i < marks.size(); i++) {
            min = marks.get(i).isLessThan(min) ? marks.get(i) : min;
        }
        return min;
    }
}
