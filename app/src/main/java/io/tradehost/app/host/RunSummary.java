package io.tradehost.app.host;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehost.api.event.TradingStateChanged;
import io.tradehost.api.host.OrderCounters;
import io.tradehost.api.host.PortfolioView;
import io.tradehost.api.market.Mark;
import io.tradehost.api.order.Position;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Symbol;
import io.tradehost.coordinator.runtime.state.TradingStateMachine;
import io.tradehost.coordinator.telemetry.MarkBook;
import java.util.ArrayList;
import java.util.List;
/**
 * The end-of-run report: orders, trading state and its transitions, equity, and per symbol the
 * position and its PnL at the last mark. Immutable. Decimals are exact; JSON carries them as strings.
 *
 * @param runId the run's id
 * @param tradingState the final state
 * @param transitions every state change, oldest first
 * @param equity cash plus positions at the marks
 * @param cash quote-currency cash
 * @param orders order outcome counts
 * @param symbols one row per traded symbol
 * @param stopReason why the run stopped: {@code duration}, {@code signal}, or what the host itself
 *     stopped for (e.g. {@code config_drift: critical change of venue.name})
 */
public record RunSummary(String runId, TradingState tradingState, List<TradingStateChanged> transitions, Money equity,
                         Money cash, OrderCounters orders, List<SymbolRow> symbols, String stopReason) {

    /**
     * One symbol's line.
     *
     * @param symbol the symbol
     * @param position signed size
     * @param avgEntry average entry of the open size, zero when flat
     * @param realizedPnl booked by closing fills, before fees
     * @param unrealizedPnl of the open size at the last mark
     * @param fees paid
     * @param funding net funding booked, negative when paid
     * @param mark the last mark, or null if none arrived
     */
    public record SymbolRow(Symbol symbol, Position position, Price avgEntry, Money realizedPnl, Money unrealizedPnl,
                            Money fees, Money funding, Price mark) {
    }

    /** Thread-safe once configured; building a mapper costs more than a summary. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    static RunSummary of(String runId, TradingStateMachine state, PortfolioView portfolio, MarkBook marks,
                         List<Symbol> symbols, String stopReason) {
        List<SymbolRow> rows = new ArrayList<>();
        for (Symbol symbol : symbols) {
            Position p = portfolio.position(symbol);
            Mark mark = marks.lastMark(symbol);
            Money unrealized = mark == null ? Money.ZERO : p.unrealizedPnl(mark.price());
            rows.add(new SymbolRow(symbol, p, p.averageEntry(), p.realizedPnl(), unrealized, p.fees(),
                    portfolio.funding(symbol), mark == null ? null : mark.price()));
        }
        return new RunSummary(runId, state.state(), state.transitions(), portfolio.equity(), portfolio.cash(),
                portfolio.counters(), List.copyOf(rows), stopReason);
    }

    /** The summary as pretty-printed JSON. Thread-safe. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("runId", runId);
        root.put("stopReason", stopReason);
        ObjectNode o = root.putObject("orders");
        o.put("attempted", orders.attempted());
        o.put("submitted", orders.submitted());
        o.put("filled", orders.filled());
        o.put("rejected", orders.rejected());
        ObjectNode byCode = root.putObject("rejectionsByCode");
        orders.rejectionsByCode().forEach(byCode::put);
        root.put("tradingState", tradingState.name());
        ArrayNode changes = root.putArray("tradingStateTransitions");
        for (TradingStateChanged t : transitions) {
            ObjectNode n = changes.addObject();
            n.put("from", t.from().name());
            n.put("to", t.to().name());
            n.put("atNanos", t.timestampNanos());
            ArrayNode reasons = n.putArray("reasons");
            t.reasons().stream().map(r -> r.code().value()).forEach(reasons::add);
        }
        root.put("equity", equity.toString());
        root.put("cash", cash.toString());
        ArrayNode list = root.putArray("symbols");
        for (SymbolRow row : symbols) {
            ObjectNode n = list.addObject();
            n.put("symbol", row.symbol().value());
            n.put("position", row.position().quantity().toString());
            n.put("avgEntry", row.avgEntry().toString());
            n.put("realizedPnl", row.realizedPnl().toString());
            n.put("unrealizedPnl", row.unrealizedPnl().toString());
            n.put("fees", row.fees().toString());
            n.put("funding", row.funding().toString());
            n.put("mark", row.mark() == null ? null : row.mark().toString());
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("summary is not serialisable", e);
        }
    }

    /** One line: final state, equity, cash and the order counts (for the stop alert and the log). */
    public String oneLine() {
        return "state " + tradingState + ", equity " + equity + ", cash " + cash + ", orders attempted "
                + orders.attempted() + ", filled " + orders.filled() + ", rejected " + orders.rejected();
    }

    /** The summary as a few lines of text for the console. */
    public String toText() {
        StringBuilder out = new StringBuilder();
        out.append("tradehost run ").append(runId).append(" summary\n");
        boolean funded = symbols.stream().anyMatch(r -> !r.funding().isZero());
        out.append(String.format("  %-10s %14s %14s %14s %14s %12s%s%n", "symbol", "position", "avg entry",
                "realised", "unrealised", "fees", funded ? String.format(" %12s", "funding") : ""));
        for (SymbolRow r : symbols) {
            out.append(String.format("  %-10s %14s %14s %14s %14s %12s%s%n", r.symbol(), r.position().quantity(),
                    r.avgEntry(), r.realizedPnl(), r.unrealizedPnl(), r.fees(),
                    funded ? String.format(" %12s", r.funding()) : ""));
        }
        out.append("  orders: attempted ").append(orders.attempted()).append(", submitted ")
                .append(orders.submitted()).append(", filled ").append(orders.filled()).append(", rejected ")
                .append(orders.rejected()).append(orders.rejectionsByCode().isEmpty() ? "" : " "
                        + orders.rejectionsByCode()).append('\n');
        out.append("  trading state: ").append(tradingState);
        transitions.forEach(t -> out.append(" [").append(t.from()).append(" -> ").append(t.to()).append(']'));
        out.append('\n');
        out.append("  equity: ").append(equity).append(" (cash ").append(cash).append(")\n");
        out.append("  stopped: ").append(stopReason).append('\n');
        return out.toString();
    }
}
