package io.tradehost.backtest.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Price;
import io.tradehost.backtest.tape.SymbolStats;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
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
    /** Characters beyond the Basic Multilingual Plane (an emoji in a tag) as UTF-8, as the tree writer wrote them. */
    private static final ObjectMapper JSON = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build());

    private ReportJson() {
    }

    /** The report as JSON text, ending in a newline. */
    public static String of(Report r) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            write(r, out);
        } catch (IOException e) {
            throw new UncheckedIOException("a report always serialises in memory", e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * Writes the report as JSON (UTF-8, ending in a newline) to {@code out}, streamed: a report of
     * tens of thousands of trades is never held whole in memory as a tree or a text.
     */
    public static void write(Report r, OutputStream out) throws IOException {
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            g.setPrettyPrinter(new DefaultPrettyPrinter());
            g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            Metrics m = r.metrics();
            g.writeStartObject();
            g.writeStringField("title", r.title());
            g.writeNumberField("events", r.events());
            g.writeNumberField("skipped_rows", r.skippedRows());
            g.writeStringField("first_timestamp", time(r.firstNanos()));
            g.writeStringField("last_timestamp", time(r.lastNanos()));
            g.writeStringField("duration", Duration.ofNanos(m.durationNanos()).toString());
            g.writeArrayFieldStart("symbols");
            for (SymbolStats s : r.symbols()) {
                g.writeStartObject();
                g.writeStringField("symbol", s.symbol().value());
                g.writeNumberField("events", s.events());
                g.writeStringField("price_min", s.priceMin().toString());
                g.writeStringField("price_max", s.priceMax().toString());
                g.writeStringField("first_price", s.firstPrice().toString());
                g.writeStringField("last_price", s.lastPrice().toString());
                g.writeStringField("buy_and_hold_return", ratio(exactReturn(s.firstPrice(), s.lastPrice())));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("starting_equity", r.startingEquity().toString());
            g.writeStringField("final_equity", r.finalEquity().toString());
            g.writeStringField("realized_pnl", r.realizedPnl().toString());
            g.writeStringField("unrealized_pnl", r.unrealizedPnl().toString());
            g.writeStringField("fees", r.fees().toString());
            g.writeStringField("funding", r.funding().toString());
            if (r.collector().replayNanos() > 0) {
                // wall time: the only part of a report that differs between two runs of the same inputs
                g.writeObjectFieldStart("replay");
                g.writeNumberField("events", r.collector().replayEvents());
                g.writeNumberField("elapsed_seconds", r.collector().replayNanos() / 1e9);
                g.writeNumberField("events_per_second", r.collector().replayEventsPerSecond());
                g.writeEndObject();
            }
            g.writeStringField("total_return", ratio(m.totalReturn()));
            g.writeStringField("buy_and_hold_return", ratio(r.buyAndHoldReturn()));
            g.writeStringField("cagr", ratio(m.cagr()));
            g.writeStringField("annualized_volatility", ratio(m.volatility()));
            g.writeStringField("sharpe", ratio(m.sharpe()));
            g.writeStringField("sortino", ratio(m.sortino()));
            g.writeStringField("calmar", ratio(m.calmar()));
            g.writeStringField("max_drawdown", ratio(m.maxDrawdown()));
            g.writeStringField("max_drawdown_duration", Duration.ofNanos(m.maxDrawdownNanos()).toString());
            g.writeStringField("return_period", Duration.ofNanos(r.collector().periodNanos()).toString());
            g.writeNumberField("trades", m.trades());
            g.writeNumberField("fills", r.fills());
            g.writeStringField("win_rate", ratio(m.winRate()));
            g.writeStringField("best_trade", money(m.bestTrade()));
            g.writeStringField("worst_trade", money(m.worstTrade()));
            g.writeStringField("average_trade", money(m.averageTrade()));
            g.writeStringField("profit_factor", ratio(m.profitFactor()));
            g.writeStringField("expectancy", ratio(m.expectancy()));
            g.writeStringField("exposure_time", ratio(m.exposure()));
            g.writeObjectFieldStart("rejections");
            for (var e : new TreeMap<>(r.rejections()).entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeObjectFieldStart("refused_by");
            for (var stage : r.collector().refusedBy().entrySet()) {
                g.writeObjectFieldStart(stage.getKey());
                for (var code : stage.getValue().entrySet()) {
                    g.writeNumberField(code.getKey(), code.getValue());
                }
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeArrayFieldStart("trading_state_transitions");
            for (ReportCollector.Transition t : r.transitions()) {
                g.writeStartObject();
                g.writeStringField("at", time(t.nanos()));
                g.writeStringField("from", t.from());
                g.writeStringField("to", t.to());
                g.writeArrayFieldStart("reasons");
                for (String reason : t.reasons()) {
                    g.writeString(reason);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("trade_list");
            for (Trade t : r.trades()) {
                g.writeStartObject();
                g.writeStringField("symbol", t.symbol().value());
                g.writeStringField("direction", t.direction());
                g.writeStringField("entry_time", time(t.entryNanos()));
                g.writeStringField("exit_time", time(t.exitNanos()));
                g.writeStringField("size", t.size().toString());
                g.writeStringField("entry_price", t.entryPrice().toString());
                g.writeStringField("exit_price", t.exitPrice().toString());
                g.writeStringField("pnl", t.pnl().toString());
                g.writeStringField("fees", t.fees().toString());
                g.writeStringField("entry_tag", t.entryTag());
                g.writeStringField("exit_tag", t.exitTag());
                g.writeStringField("exit_kind", t.exitKind().label());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeObjectFieldStart("exits");
            for (var e : exitCounts(r).entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeArrayFieldStart("equity_curve");
            List<Money> equity = r.collector().periodEquity();
            List<Long> at = r.collector().sampleNanos();
            List<Double> drawdowns = r.collector().sampleDrawdown();
            for (int i = 0; i < equity.size(); i++) {
                g.writeStartObject();
                g.writeStringField("at", time(at.get(i)));
                g.writeStringField("equity", equity.get(i).toString());
                g.writeStringField("drawdown", ratio(drawdowns.get(i)));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.write('\n');
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
