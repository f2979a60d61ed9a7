package io.tradehost.backtest.report;

import io.tradehost.api.value.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The performance figures of a backtest, computed from its equity and its trades; the README
 * defines each. Ratios are fractions (0.25 for 25 %); a figure that is undefined (no trades, no
 * full return period, no losing trade, ...) is null. Immutable.
 *
 * @param durationNanos last event time minus first
 * @param totalReturn {@code final / starting - 1}
 * @param cagr {@code (final / starting) ^ (1 year / duration) - 1}, a year being 365.25 days
 * @param volatility standard deviation of the period returns (n - 1), times {@code sqrt(periods per year)}
 * @param sharpe mean period return over its standard deviation, times {@code sqrt(periods per year)}; risk-free rate 0
 * @param sortino mean period return over the downside deviation {@code sqrt(sum(min(r, 0)^2) / n)}, annualised alike
 * @param calmar CAGR over the maximum drawdown
 * @param maxDrawdown the deepest {@code (peak - equity) / peak} over every observation
 * @param maxDrawdownNanos the longest time from a peak to the first observation back at it
 * @param trades closed round trips
 * @param winRate share of trades with a positive PnL
 * @param bestTrade the largest trade PnL
 * @param worstTrade the smallest trade PnL
 * @param averageTrade mean trade PnL
 * @param profitFactor gross profit of winners over gross loss of losers
 * @param expectancy {@code winRate x averageWin / averageLoss - (1 - winRate)}: what a trade returns per unit risked
 * @param exposure share of the duration with a position open in any symbol
 */
public record Metrics(long durationNanos, double totalReturn, Double cagr, Double volatility, Double sharpe,
                      Double sortino, Double calmar, double maxDrawdown, long maxDrawdownNanos, int trades,
                      Double winRate, Money bestTrade, Money worstTrade, Money averageTrade, Double profitFactor,
                      Double expectancy, double exposure) {
    /** Nanoseconds in the year the figures are annualised by: 365.25 days, as crypto markets never close. */
    public static final double YEAR_NANOS = 365.25 * 86_400e9;

    /**
     * @param periodEquity equity at the start and at the end of each full return period, in order
     * @param periodNanos the length of a return period
     */
    public static Metrics compute(long startNanos, long endNanos, Money startingEquity, Money finalEquity,
                                  List<Money> periodEquity, long periodNanos, Drawdown drawdown, List<Trade> trades,
                                  long exposureNanos) {
        long duration = endNanos - startNanos;
        double start = startingEquity.toDouble();
        double end = finalEquity.toDouble();
        double totalReturn = start > 0 ? end / start - 1 : 0;
        Double cagr = duration > 0 && start > 0 && end > 0 ? Math.pow(end / start, YEAR_NANOS / duration) - 1 : null;
        List<Double> returns = new ArrayList<>();
        for (int i = 1; i < periodEquity.size(); i++) {
            double before = periodEquity.get(i - 1).toDouble();
            returns.add(before > 0 ? periodEquity.get(i).toDouble() / before - 1 : 0);
        }
        double perYear = Math.sqrt(YEAR_NANOS / periodNanos);
        Double volatility = null;
        Double sharpe = null;
        Double sortino = null;
        if (returns.size() >= 2) {
            double mean = returns.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            double variance = returns.stream().mapToDouble(r -> (r - mean) * (r - mean)).sum() / (returns.size() - 1);
            double stdev = Math.sqrt(variance);
            volatility = stdev * perYear;
            sharpe = stdev > 0 ? mean / stdev * perYear : null;
            double downside = Math.sqrt(returns.stream().mapToDouble(r -> r < 0 ? r * r : 0).sum() / returns.size());
            sortino = downside > 0 ? mean / downside * perYear : null;
        }
        double maxDrawdown = drawdown.max();
        Double calmar = cagr != null && maxDrawdown > 0 ? cagr / maxDrawdown : null;
        int count = trades.size();
        Money best = null;
        Money worst = null;
        Money sum = Money.ZERO;
        Money grossWin = Money.ZERO;
        Money grossLoss = Money.ZERO;
        int wins = 0;
        int losses = 0;
        for (Trade t : trades) {
            Money pnl = t.pnl();
            best = best == null || pnl.isGreaterThan(best) ? pnl : best;
            worst = worst == null || pnl.isLessThan(worst) ? pnl : worst;
            sum = sum.plus(pnl);
            if (pnl.isPositive()) {
                wins++;
                grossWin = grossWin.plus(pnl);
            } else if (pnl.isNegative()) {
                losses++;
                grossLoss = grossLoss.plus(pnl.negate());
            }
        }
        Double winRate = count > 0 ? (double) wins / count : null;
        Money average = count > 0 ? Money.of(sum.toBigDecimal().divide(BigDecimal.valueOf(count),
                10, RoundingMode.HALF_EVEN)) : null;
        Double profitFactor = losses > 0 ? grossWin.toDouble() / grossLoss.toDouble() : null;
        Double expectancy = null;
        if (count > 0 && losses > 0) {
            double averageWin = wins > 0 ? grossWin.toDouble() / wins : 0;
            double averageLoss = grossLoss.toDouble() / losses;
            expectancy = winRate * averageWin / averageLoss - (1 - winRate);
        }
        double exposure = duration > 0 ? (double) exposureNanos / duration : 0;
        return new Metrics(duration, totalReturn, cagr, volatility, sharpe, sortino, calmar, maxDrawdown,
                drawdown.maxDurationNanos(), count, winRate, best, worst, average, profitFactor, expectancy, exposure);
    }
}
