package com.example.meanreversion;

import io.tradehost.api.state.TradingState;
import io.tradehost.api.strategy.Decision;
import io.tradehost.api.strategy.Strategy;
import io.tradehost.api.strategy.StrategyContext;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Ratio;
import java.util.List;

/**
 * Long-only mean reversion: when flat and the mark is more than {@code entryBps} below the average
 * of the last {@code lookback} marks, buy equity x fraction; when long and the mark is back at or
 * above the average, close. Closes under any restricted trading state. One instance per symbol.
 */
final class MeanReversion implements Strategy {
    private final int lookback;
    private final double entryBps;
    private final Ratio fraction;

    MeanReversion(int lookback, double entryBps, Ratio fraction) {
        this.lookback = lookback;
        this.entryBps = entryBps;
        this.fraction = fraction;
    }

    @Override
    public Decision decide(StrategyContext context) {
        boolean flat = context.position().isFlat();
        if (context.tradingState() != TradingState.ACTIVE) {
            return flat ? Decision.hold("trading state " + context.tradingState()) : Decision.close("restricted");
        }
        List<Price> marks = context.recentMarks();
        if (marks.size() < lookback) {
            return Decision.hold("warming up");
        }
        double sum = 0;
        for (Price p : marks.subList(marks.size() - lookback, marks.size())) {
            sum += p.toDouble();
        }
        double average = sum / lookback;
        double mark = context.mark().price().toDouble();
        double belowBps = (average - mark) / average * 10_000;
        if (flat && belowBps > entryBps) {
            return Decision.buy(context.equity().times(fraction), String.format("%.1f bps below average", belowBps));
        }
        if (!flat && mark >= average) {
            return Decision.close("back at the average");
        }
        return Decision.hold(String.format("%.1f bps from average", belowBps));
    }
}
