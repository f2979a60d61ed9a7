package io.tradehost.plugins.strategies;

import io.tradehost.api.order.Position;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.strategy.Decision;
import io.tradehost.api.strategy.Strategy;
import io.tradehost.api.strategy.StrategyContext;
import io.tradehost.api.value.Price;
import java.util.List;

/**
 * Short/long simple moving-average crossover. The short average must stay more than
 * {@code epsilonBps} above (below) the long one for {@code confirmBars} marks in a row to signal
 * long (short). A long signal closes a short and opens a long when flat; a short signal closes a
 * long and opens a short when flat and shorts are allowed. An open position also closes when the
 * mark retraces {@code trailingStop} from its best price since entry. Under reduce-only it closes
 * any open position. One instance per symbol; not thread-safe.
 */
final class MovingAverageCrossover implements Strategy {
    private static final String NO_NEW_CROSS = "no new cross";
    private final int shortWindow;
    private final int longWindow;
    private final double epsilonBps;
    private final int confirmBars;
    private final double trailingStop;
    private final boolean allowShorts;
    private final Sizing sizing;
    private int regime;
    private int regimeBars;
    private double best;

    MovingAverageCrossover(int shortWindow, int longWindow, double epsilonBps, int confirmBars, double trailingStop,
                           boolean allowShorts, Sizing sizing) {
        this.shortWindow = shortWindow;
        this.longWindow = longWindow;
        this.epsilonBps = epsilonBps;
        this.confirmBars = confirmBars;
        this.trailingStop = trailingStop;
        this.allowShorts = allowShorts;
        this.sizing = sizing;
    }

    @Override
    public Decision decide(StrategyContext context) {
        Position position = context.position();
        double mark = context.mark().price().toDouble();
        if (context.tradingState() != TradingState.ACTIVE) {
            return position.isFlat() ? Decision.hold("trading state " + context.tradingState())
                    : Decision.close("trading state " + context.tradingState());
        }
        if (trailingStopHit(position, mark)) {
            return Decision.close(String.format("trailing stop %.2f%% from %.2f", trailingStop * 100, best));
        }
        List<Price> marks = context.recentMarks();
        if (marks.size() < longWindow) {
            return Decision.hold("warming up: " + marks.size() + "/" + longWindow + " marks");
        }
        double shortMa = average(marks, shortWindow);
        double longMa = average(marks, longWindow);
        double spreadBps = (shortMa - longMa) / longMa * 10_000;
        int now = spreadBps > epsilonBps ? 1 : spreadBps < -epsilonBps ? -1 : 0;
        regimeBars = now == regime ? regimeBars + 1 : 1;
        regime = now;
        if (regime == 0 || regimeBars != confirmBars) {
            return Decision.hold(NO_NEW_CROSS); // every mark: a formatted reason cost more than the decision
        }
        String why = String.format("SMA%d %s SMA%d by %.1f bps", shortWindow, regime > 0 ? "above" : "below",
                longWindow, Math.abs(spreadBps));
        if (regime > 0) {
            if (position.quantity().isNegative()) {
                return Decision.close("exit short: " + why);
            }
            return position.isFlat() ? enter(Decision.buy(sizing.entryNotional(context.equity()), "enter long: " + why), mark)
                    : Decision.hold("already long");
        }
        if (position.quantity().isPositive()) {
            return Decision.close("exit long: " + why);
        }
        return position.isFlat() && allowShorts
                ? enter(Decision.sell(sizing.entryNotional(context.equity()), "enter short: " + why), mark)
                : Decision.hold("short signal, shorts disabled or already short");
    }

    private Decision enter(Decision decision, double mark) {
        best = mark;
        return decision;
    }

    private boolean trailingStopHit(Position position, double mark) {
        if (position.isFlat() || trailingStop <= 0) {
            return false;
        }
        if (best == 0) {
            best = mark;
        }
        if (position.quantity().isPositive()) {
            best = Math.max(best, mark);
            return mark <= best * (1 - trailingStop);
        }
        best = Math.min(best, mark);
        return mark >= best * (1 + trailingStop);
    }

    private static double average(List<Price> marks, int window) {
        double sum = 0;
        for (int i = marks.size() - window; i < marks.size(); i++) {
            sum += marks.get(i).toDouble();
        }
        return sum / window;
    }
}
