package io.tradehost.backtest.report;

import io.tradehost.api.value.Money;
import io.tradehost.backtest.tape.SymbolStats;
import java.util.List;
import java.util.Map;

/**
 * Everything a backtest's report shows. Immutable; the same run gives an equal report.
 *
 * @param title what was run, e.g. the strategy and the data files
 * @param events market rows replayed
 * @param skippedRows bad rows skipped ({@code --skip-bad-rows})
 * @param firstNanos the first row's time
 * @param lastNanos the last row's time
 * @param symbols per symbol, what the data held
 * @param startingEquity the account before the first row
 * @param finalEquity the venue's account after the last row, positions at the last prices
 * @param realizedPnl the host's realised PnL over every position, before fees
 * @param unrealizedPnl the host's open positions at the last prices
 * @param fees every fill's fee
 * @param funding the funding the host's perpetual positions received (negative: paid)
 * @param buyAndHoldReturn each symbol's {@code last / first price - 1}, averaged over the symbols
 * @param fills fills booked
 * @param metrics the performance figures
 * @param collector the curves, trades, markers, rejections and transitions
 */
public record Report(String title, long events, long skippedRows, long firstNanos, long lastNanos,
                     List<SymbolStats> symbols, Money startingEquity, Money finalEquity, Money realizedPnl,
                     Money unrealizedPnl, Money fees, Money funding, double buyAndHoldReturn, long fills,
                     Metrics metrics, Map<String, Long> rejections, List<ReportCollector.Transition> transitions,
                     List<Trade> trades, ReportCollector collector) {
    /** A report without funding. */
    public Report(String title, long events, long skippedRows, long firstNanos, long lastNanos,
                  List<SymbolStats> symbols, Money startingEquity, Money finalEquity, Money realizedPnl,
                  Money unrealizedPnl, Money fees, double buyAndHoldReturn, long fills, Metrics metrics,
                  Map<String, Long> rejections, List<ReportCollector.Transition> transitions, List<Trade> trades,
                  ReportCollector collector) {
        this(title, events, skippedRows, firstNanos, lastNanos, symbols, startingEquity, finalEquity, realizedPnl,
                unrealizedPnl, fees, Money.ZERO, buyAndHoldReturn, fills, metrics, rejections, transitions, trades,
                collector);
    }

    public Report {
        symbols = List.copyOf(symbols);
        rejections = Map.copyOf(rejections);
        transitions = List.copyOf(transitions);
        trades = List.copyOf(trades);
    }

    /** {@code starting + realised + unrealised - fees + funding}: what the host's books say equity is. */
    public Money bookedEquity() {
        return startingEquity.plus(realizedPnl).plus(unrealizedPnl).minus(fees).plus(funding);
    }

    /** The average over {@code symbols} of {@code last / first price - 1}. */
    public static double buyAndHold(List<SymbolStats> symbols) {
        return symbols.stream().mapToDouble(s -> s.lastPrice().toDouble() / s.firstPrice().toDouble() - 1).average()
                .orElse(0);
    }
}
