package io.tradehost.backtest.report;

import io.tradehost.api.value.Money;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/** The report's metrics as a two-column table, for the console and the HTML page. */
public final class ReportTable {
    private ReportTable() {
    }

    /** Name and value of each metric, in a fixed order. */
    public static List<String[]> rows(Report r) {
        Metrics m = r.metrics();
        List<String[]> rows = new ArrayList<>();
        rows.add(row("start", ReportJson.time(r.firstNanos())));
        rows.add(row("end", ReportJson.time(r.lastNanos())));
        rows.add(row("duration", duration(m.durationNanos())));
        rows.add(row("events replayed", Long.toString(r.events())));
        if (r.skippedRows() > 0) {
            rows.add(row("bad rows skipped", Long.toString(r.skippedRows())));
        }
        rows.add(row("starting equity", r.startingEquity().toString()));
        rows.add(row("final equity", r.finalEquity().toString()));
        rows.add(row("realised PnL", r.realizedPnl().toString()));
        rows.add(row("unrealised PnL", r.unrealizedPnl().toString()));
        rows.add(row("fees paid", r.fees().toString()));
        rows.add(row("funding received", r.funding().toString()));
        rows.add(row("total return", percent(m.totalReturn())));
        rows.add(row("buy-and-hold return", percent(r.buyAndHoldReturn())));
        rows.add(row("CAGR", percent(m.cagr())));
        rows.add(row("annualised volatility", percent(m.volatility())));
        rows.add(row("Sharpe", number(m.sharpe())));
        rows.add(row("Sortino", number(m.sortino())));
        rows.add(row("Calmar", number(m.calmar())));
        rows.add(row("max drawdown", percent(m.maxDrawdown())));
        rows.add(row("max drawdown duration", duration(m.maxDrawdownNanos())));
        rows.add(row("trades", Integer.toString(m.trades())));
        rows.add(row("win rate", percent(m.winRate())));
        rows.add(row("best trade", money(m.bestTrade())));
        rows.add(row("worst trade", money(m.worstTrade())));
        rows.add(row("average trade", money(m.averageTrade())));
        rows.add(row("profit factor", number(m.profitFactor())));
        rows.add(row("expectancy", number(m.expectancy())));
        rows.add(row("exposure time", percent(m.exposure())));
        rows.add(row("exits", ReportJson.exitCounts(r).entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getValue() + " " + e.getKey()).reduce((a, b) -> a + ", " + b).orElse("none")));
        rows.add(row("fills", Long.toString(r.fills())));
        rows.add(row("rejections", r.rejections().isEmpty() ? "none" : new TreeMap<>(r.rejections())
                .toString()));
        rows.add(row("refused by", r.collector().refusedBy().isEmpty() ? "none" : r.collector().refusedBy().toString()));
        rows.add(row("trading-state transitions", Integer.toString(r.transitions().size())));
        return rows;
    }

    /** The table as aligned text lines. */
    public static String text(Report r) {
        List<String[]> rows = new ArrayList<>(rows(r));
        if (r.collector().replayNanos() > 0) {
            // the console's only: a wall-clock figure would make report.html differ between runs
            rows.add(4, row("replay speed", String.format(Locale.ROOT, "%.3f s, %,d events/s",
                    r.collector().replayNanos() / 1e9, r.collector().replayEventsPerSecond())));
        }
        int width = rows.stream().mapToInt(x -> x[0].length()).max().orElse(0);
        StringBuilder b = new StringBuilder();
        for (String[] row : rows) {
            b.append(String.format(Locale.ROOT, "%-" + width + "s  %s%n", row[0], row[1]));
        }
        return b.toString();
    }

    private static String[] row(String name, String value) {
        return new String[] {name, value};
    }

    private static String percent(Double v) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "%.2f %%", v * 100);
    }

    private static String number(Double v) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String money(Money v) {
        return v == null ? "n/a" : v.toString();
    }

    private static String duration(long nanos) {
        Duration d = Duration.ofNanos(nanos);
        return d.toDaysPart() > 0 ? String.format(Locale.ROOT, "%dd %02dh %02dm", d.toDaysPart(), d.toHoursPart(),
                d.toMinutesPart()) : String.format(Locale.ROOT, "%02dh %02dm %02ds", d.toHoursPart(), d.toMinutesPart(),
                d.toSecondsPart());
    }
}
