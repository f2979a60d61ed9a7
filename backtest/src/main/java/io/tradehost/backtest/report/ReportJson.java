package io.tradehost.backtest.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Price;
import io.tradehost.backtest.tape.SymbolStats;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;

/**
 * {@code report.json}: decimals (money, prices, ratios) as strings, ratios as fractions rounded to
 * 10 places, times as ISO-8601 UTC, keys in a fixed order, so equal reports give equal bytes.
 */
public final class ReportJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportJson() {
    }

    /** The report as JSON text, ending in a newline. */
    public static String of(Report r) {
        ObjectNode root = JSON.createObjectNode();
        Metrics m = r.metrics();
        root.put("title", r.title());
        root.put("events", r.events());
        root.put("skipped_rows", r.skippedRows());
        root.put("first_timestamp", time(r.firstNanos()));
        root.put("last_timestamp", time(r.lastNanos()));
        root.put("duration", Duration.ofNanos(m.durationNanos()).toString());
        ArrayNode symbols = root.putArray("symbols");
        for (SymbolStats s : r.symbols()) {
            ObjectNode n = symbols.addObject();
            n.put("symbol", s.symbol().value());
            n.put("events", s.events());
            n.put("price_min", s.priceMin().toString());
            n.put("price_max", s.priceMax().toString());
            n.put("first_price", s.firstPrice().toString());
            n.put("last_price", s.lastPrice().toString());
            n.put("buy_and_hold_return", ratio(exactReturn(s.firstPrice(), s.lastPrice())));
        }
        root.put("starting_equity", r.startingEquity().toString());
        root.put("final_equity", r.finalEquity().toString());
        root.put("realized_pnl", r.realizedPnl().toString());
        root.put("unrealized_pnl", r.unrealizedPnl().toString());
        root.put("fees", r.fees().toString());
        root.put("funding", r.funding().toString());
        if (r.collector().replayNanos() > 0) {
            // wall time: the only part of a report that differs between two runs of the same inputs
            ObjectNode replay = root.putObject("replay");
            replay.put("events", r.collector().replayEvents());
            replay.put("elapsed_seconds", r.collector().replayNanos() / 1e9);
            replay.put("events_per_second", r.collector().replayEventsPerSecond());
        }
        root.put("total_return", ratio(m.totalReturn()));
        root.put("buy_and_hold_return", ratio(r.buyAndHoldReturn()));
        root.put("cagr", ratio(m.cagr()));
        root.put("annualized_volatility", ratio(m.volatility()));
        root.put("sharpe", ratio(m.sharpe()));
        root.put("sortino", ratio(m.sortino()));
        root.put("calmar", ratio(m.calmar()));
        root.put("max_drawdown", ratio(m.maxDrawdown()));
        root.put("max_drawdown_duration", Duration.ofNanos(m.maxDrawdownNanos()).toString());
        root.put("return_period", Duration.ofNanos(r.collector().periodNanos()).toString());
        root.put("trades", m.trades());
        root.put("fills", r.fills());
        root.put("win_rate", ratio(m.winRate()));
        root.put("best_trade", money(m.bestTrade()));
        root.put("worst_trade", money(m.worstTrade()));
        root.put("average_trade", money(m.averageTrade()));
        root.put("profit_factor", ratio(m.profitFactor()));
        root.put("expectancy", ratio(m.expectancy()));
        root.put("exposure_time", ratio(m.exposure()));
        ObjectNode rejections = root.putObject("rejections");
        new TreeMap<>(r.rejections()).forEach(rejections::put);
        ObjectNode refusedBy = root.putObject("refused_by");
        r.collector().refusedBy().forEach((stage, codes) -> {
            ObjectNode byCode = refusedBy.putObject(stage);
            codes.forEach(byCode::put);
        });
        ArrayNode transitions = root.putArray("trading_state_transitions");
        for (ReportCollector.Transition t : r.transitions()) {
            ObjectNode n = transitions.addObject();
            n.put("at", time(t.nanos()));
            n.put("from", t.from());
            n.put("to", t.to());
            ArrayNode reasons = n.putArray("reasons");
            t.reasons().forEach(reasons::add);
        }
        ArrayNode trades = root.putArray("trade_list");
        for (Trade t : r.trades()) {
            ObjectNode n = trades.addObject();
            n.put("symbol", t.symbol().value());
            n.put("direction", t.direction());
            n.put("entry_time", time(t.entryNanos()));
            n.put("exit_time", time(t.exitNanos()));
            n.put("size", t.size().toString());
            n.put("entry_price", t.entryPrice().toString());
            n.put("exit_price", t.exitPrice().toString());
            n.put("pnl", t.pnl().toString());
            n.put("fees", t.fees().toString());
            n.put("entry_tag", t.entryTag());
            n.put("exit_tag", t.exitTag());
            n.put("exit_kind", t.exitKind().label());
        }
        ObjectNode exits = root.putObject("exits");
        exitCounts(r).forEach(exits::put);
        ArrayNode curve = root.putArray("equity_curve");
        List<Money> equity = r.collector().periodEquity();
        List<Long> at = r.collector().sampleNanos();
        List<Double> drawdowns = r.collector().sampleDrawdown();
        for (int i = 0; i < equity.size(); i++) {
            ObjectNode n = curve.addObject();
            n.put("at", time(at.get(i)));
            n.put("equity", equity.get(i).toString());
            n.put("drawdown", ratio(drawdowns.get(i)));
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a report tree always serialises", e);
        }
    }

    /** ISO-8601 UTC. */
    static String time(long nanos) {
        return Instant.ofEpochSecond(0, nanos).toString();
    }

    /** A fraction rounded half-even to 10 places, as plain text; null stays null. */
    static String ratio(Double value) {
        if (value == null || value.isNaN() || value.isInfinite()) {
            return null;
        }
        BigDecimal d = new BigDecimal(value).setScale(10, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return d.signum() == 0 ? "0" : d.toPlainString();
    }

    private static String money(Money value) {
        return value == null ? null : value.toString();
    }

    /** {@code last / first - 1}, exactly, to 10 places. */
    static double exactReturn(Price first, Price last) {
        return last.toBigDecimal().divide(first.toBigDecimal(), 12, RoundingMode.HALF_EVEN).subtract(BigDecimal.ONE)
                .doubleValue();
    }

    /** How many trades each kind of exit closed, every kind listed, in {@link ExitKind}'s order. */
    public static java.util.Map<String, Long> exitCounts(Report r) {
        java.util.Map<String, Long> out = new java.util.LinkedHashMap<>();
        for (ExitKind kind : ExitKind.values()) {
            out.put(kind.label(), r.trades().stream().filter(t -> t.exitKind() == kind).count());
        }
        return out;
    }
}
