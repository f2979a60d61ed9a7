package io.tradehost.backtest.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tradehost.api.value.Money;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Symbol;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Every metric on hand-made data against figures worked out by hand (in the comments), and the
 * drawdown against a brute-force search over every pair of observations.
 */
class MetricsTest {
    private static final long DAY = 86_400_000_000_000L;
    private static final double YEAR_DAYS = 365.25;

    private static Trade trade(String pnl) {
        return new Trade(Symbol.of("BTC-USD"), "long", 0, 1, Quantity.of("1"), Price.of("1"), Price.of("1"),
                Money.of(pnl), Money.ZERO, "", "", ExitKind.SIGNAL);
    }

    private static List<Money> money(String... values) {
        return Arrays.stream(values).map(Money::of).toList();
    }

    @Test
    void returnsVolatilityAndRiskRatiosMatchTheHandWorkedFigures() {
        // daily equity 100, 110, 99, 108.9: returns +0.1, -0.1, +0.1
        List<Money> equity = money("100", "110", "99", "108.9");
        Drawdown drawdown = new Drawdown();
        for (int i = 0; i < equity.size(); i++) {
            drawdown.observe(i * DAY, equity.get(i));
        }
        Metrics m = Metrics.compute(0, 3 * DAY, Money.of("100"), Money.of("108.9"), equity, DAY, drawdown,
                List.of(trade("10"), trade("-5"), trade("20"), trade("-10")), 2 * DAY);
        double perYear = Math.sqrt(YEAR_DAYS);
        // mean 1/30; deviations 2/30, -4/30, 2/30; sample variance (4 + 16 + 4) / 900 / 2 = 12/900
        double stdev = Math.sqrt(12.0) / 30;
        assertThat(m.durationNanos()).isEqualTo(3 * DAY);
        assertThat(m.totalReturn()).isCloseTo(0.089, within(1e-12));
        assertThat(m.cagr()).isCloseTo(Math.pow(1.089, YEAR_DAYS / 3) - 1, within(1e-9));
        assertThat(m.volatility()).isCloseTo(stdev * perYear, within(1e-12));
        assertThat(m.sharpe()).isCloseTo((1.0 / 30) / stdev * perYear, within(1e-9));
        // downside deviation: sqrt(0.01 / 3)
        assertThat(m.sortino()).isCloseTo((1.0 / 30) / Math.sqrt(0.01 / 3) * perYear, within(1e-9));
        // peak 110, trough 99: 10 %, from day 1 until never recovered to 110 (108.9 at day 3)
        assertThat(m.maxDrawdown()).isCloseTo(0.1, within(1e-12));
        assertThat(m.maxDrawdownNanos()).isEqualTo(2 * DAY);
        assertThat(m.calmar()).isCloseTo(m.cagr() / 0.1, within(1e-9));
        // trades +10 -5 +20 -10: 2 of 4 win, best 20, worst -10, mean 3.75, profit factor 30/15,
        // expectancy 0.5 x 15 / 7.5 - 0.5 = 0.5
        assertThat(m.trades()).isEqualTo(4);
        assertThat(m.winRate()).isEqualTo(0.5);
        assertThat(m.bestTrade()).isEqualTo(Money.of("20"));
        assertThat(m.worstTrade()).isEqualTo(Money.of("-10"));
        assertThat(m.averageTrade()).isEqualTo(Money.of("3.75"));
        assertThat(m.profitFactor()).isEqualTo(2.0);
        assertThat(m.expectancy()).isCloseTo(0.5, within(1e-12));
        assertThat(m.exposure()).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void aCompoundedYearGivesItsRateAndFiguresWithoutTheirInputsAreUndefined() {
        Drawdown drawdown = new Drawdown();
        drawdown.observe(0, Money.of("100"));
        long twoYears = (long) (2 * YEAR_DAYS * DAY);
        drawdown.observe(twoYears, Money.of("121"));
        Metrics m = Metrics.compute(0, twoYears, Money.of("100"), Money.of("121"), money("100"), DAY, drawdown,
                List.of(), 0);
        assertThat(m.cagr()).isCloseTo(0.1, within(1e-12));
        assertThat(m.maxDrawdown()).isZero();
        assertThat(m.calmar()).isNull();
        assertThat(m.volatility()).isNull();
        assertThat(m.sharpe()).isNull();
        assertThat(m.sortino()).isNull();
        assertThat(m.winRate()).isNull();
        assertThat(m.bestTrade()).isNull();
        assertThat(m.averageTrade()).isNull();
        assertThat(m.profitFactor()).isNull();
        assertThat(m.expectancy()).isNull();
        assertThat(m.exposure()).isZero();
        Metrics onlyWins = Metrics.compute(0, DAY, Money.of("100"), Money.of("90"), money("100", "100", "100"), DAY,
                drawdown, List.of(trade("1"), trade("0")), DAY);
        assertThat(onlyWins.profitFactor()).as("no losing trade").isNull();
        assertThat(onlyWins.winRate()).as("a trade of exactly 0 is no win").isEqualTo(0.5);
        assertThat(onlyWins.sharpe()).as("no variation").isNull();
        assertThat(onlyWins.sortino()).as("no downside").isNull();
    }

    @Test
    void theDrawdownIsTheDeepestFallOverEveryPairOfObservationsAndItsLongestSpell() {
        SplittableRandom random = new SplittableRandom(7);
        for (int run = 0; run < 200; run++) {
            int n = 2 + random.nextInt(60);
            double[] equity = new double[n];
            equity[0] = 100;
            for (int i = 1; i < n; i++) {
                equity[i] = Math.max(1, equity[i - 1] * (1 + (random.nextDouble() - 0.5) * 0.2));
            }
            Drawdown d = new Drawdown();
            for (int i = 0; i < n; i++) {
                d.observe(i, equity[i]);
            }
            double deepest = 0;
            long longest = 0;
            for (int i = 0; i < n; i++) {
                boolean peak = true;
                for (int k = 0; k < i; k++) {
                    peak &= equity[i] >= equity[k];
                }
                if (!peak) {
                    continue;
                }
                int j = i + 1;
                while (j < n && equity[j] < equity[i]) {
                    deepest = Math.max(deepest, (equity[i] - equity[j]) / equity[i]);
                    j++;
                }
                if (j > i + 1) {
                    longest = Math.max(longest, Math.min(j, n - 1) - i);
                }
            }
            assertThat(d.max()).as("run %d", run).isCloseTo(deepest, within(1e-12));
            assertThat(d.maxDurationNanos()).as("run %d", run).isEqualTo(longest);
        }
    }
}
