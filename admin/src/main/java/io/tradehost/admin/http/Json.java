package io.tradehost.admin.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehost.admin.snapshot.Activity;
import io.tradehost.admin.snapshot.HistoryPoint;
import io.tradehost.admin.snapshot.HostSnapshot;
import io.tradehost.api.event.ConfigReloaded;
import io.tradehost.api.event.Event;
import io.tradehost.api.event.IntentRejected;
import io.tradehost.api.event.JournalRecovered;
import io.tradehost.api.event.JournalWriteFailed;
import io.tradehost.api.event.OperatorActed;
import io.tradehost.api.event.OrderCancelled;
import io.tradehost.api.event.OrderFilled;
import io.tradehost.api.event.OrderRejected;
import io.tradehost.api.event.OrderSubmitted;
import io.tradehost.api.event.StateReasonChanged;
import io.tradehost.api.event.StrategyQuarantined;
import io.tradehost.api.event.TradingStateChanged;
import io.tradehost.api.event.VenueConnectionChanged;
import io.tradehost.api.host.Health;
import io.tradehost.api.order.Fill;
import io.tradehost.api.journal.OrderOwner;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.state.StateReason;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
/**
 * The admin API's JSON shapes, written out by hand so that they are a stable contract rather than
 * whatever the records happen to hold. Decimals are strings (exact), times ISO-8601 UTC plus
 * nanoseconds of the host clock. Thread-safe.
 */
public final class Json {
    /** Shared; Jackson's mapper is thread-safe once configured. */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** {@code node} as compact JSON text. */
    public static String text(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not serialisable: " + e.getMessage(), e);
        }
    }

    /** An error body: {@code {"error": status, "message": ...}}. */
    public static ObjectNode error(int status, String message) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("error", status);
        n.put("message", message);
        return n;
    }

    static String time(long hostNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(hostNanos, 1_000_000_000L), Math.floorMod(hostNanos, 1_000_000_000L))
                .toString();
    }

    static ObjectNode reason(StateReason r) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("code", r.code().value());
        n.put("source", r.source().name());
        n.put("effect", r.effect().name());
        n.put("symbol", r.symbol() == null ? null : r.symbol().value());
        n.put("clearing", r.clearing().name());
        n.put("message", r.message());
        n.put("raisedAt", time(r.raisedAtNanos()));
        n.set("metadata", MAPPER.valueToTree(new TreeMap<>(r.metadata())));
        return n;
    }

    /** {@code /api/v1/state}. */
    public static ObjectNode state(HostSnapshot s) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("runId", s.runId());
        n.put("venue", s.venue());
        n.put("at", time(s.hostNanos()));
        n.put("tradingState", s.state().name());
        ObjectNode symbols = n.putObject("symbols");
        new TreeMap<>(s.symbolStates()).forEach((symbol, state) -> symbols.put(symbol.value(), state.name()));
        ArrayNode reasons = n.putArray("reasons");
        s.reasons().forEach(r -> reasons.add(reason(r)));
        ArrayNode actions = n.putArray("operatorActions");
        s.activity().operatorActions().forEach(a -> actions.add(operator(a)));
        ArrayNode transitions = n.putArray("transitions");
        s.activity().transitions().forEach(t -> transitions.add(transition(t)));
        return n;
    }

    static ObjectNode transition(TradingStateChanged t) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("from", t.from().name());
        n.put("to", t.to().name());
        n.put("at", time(t.timestampNanos()));
        ArrayNode codes = n.putArray("reasons");
        t.reasons().forEach(r -> codes.add(r.code().value()));
        return n;
    }

    static ObjectNode operator(OperatorActed a) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("action", a.action().path());
        n.put("argument", a.argument());
        n.put("actor", a.actor());
        n.put("reason", a.reason());
        n.put("changed", a.changed());
        n.put("outcome", a.outcome());
        n.put("at", time(a.timestampNanos()));
        return n;
    }

    /** {@code /api/v1/positions}. */
    public static ObjectNode positions(HostSnapshot s) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("at", time(s.hostNanos()));
        n.put("cash", s.cash().toString());
        n.put("equity", s.equity().toString());
        n.put("grossExposure", s.grossExposure().toString());
        ArrayNode list = n.putArray("positions");
        for (HostSnapshot.SymbolRow row : s.symbols()) {
            ObjectNode p = list.addObject();
            p.put("symbol", row.symbol().value());
            p.put("quantity", row.position().quantity().toString());
            p.put("averageEntry", row.position().averageEntry().toString());
            p.put("mark", row.mark() == null ? null : row.mark().toString());
            p.put("markAgeSeconds", row.markAgeNanos() < 0 ? null : Double.valueOf(row.markAgeNanos() / 1e9));
            p.put("notional", row.notional().toString());
            p.put("realizedPnl", row.position().realizedPnl().toString());
            p.put("unrealizedPnl", row.unrealizedPnl().toString());
            p.put("fees", row.position().fees().toString());
            p.put("tradingState", s.symbolStates().get(row.symbol()) == null ? null
                    : s.symbolStates().get(row.symbol()).name());
        }
        return n;
    }

    static ObjectNode order(Order o) {
        return order(o, null);
    }

    /** An order, with the strategy that asked for it and its tag when {@code owner} is known. */
    static ObjectNode order(Order o, OrderOwner owner) {
        ObjectNode n = request(o.request());
        n.put("strategy", owner == null ? null : owner.strategy());
        n.put("tag", owner == null ? null : owner.tag());
        n.put("stopPrice", o.request().stopPrice() == null ? null : o.request().stopPrice().toString());
        // a stop the host holds until its trigger (not at the venue yet), and a trailing stop's trail
        n.put("heldByHost", owner != null && owner.heldByHost());
        n.put("trail", owner == null || owner.trail() == null ? null : owner.trail().format());
        // its contingent list and place there (L<list>#<member>: #0 the entry, then the exits), if any
        n.put("list", owner == null || owner.list() == null ? null : owner.list().toString());
        n.put("status", o.status().name());
        n.put("filled", o.filledQuantity().toString());
        n.put("venueOrderId", o.venueOrderId());
        return n;
    }

    static ObjectNode request(OrderRequest r) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("clientOrderId", r.clientOrderId().value());
        n.put("symbol", r.symbol().value());
        n.put("side", r.side().name());
        n.put("type", r.type().name());
        n.put("quantity", r.quantity().toString());
        n.put("limitPrice", r.limitPrice() == null ? null : r.limitPrice().toString());
        n.put("timeInForce", r.timeInForce().name());
        n.put("reduceOnly", r.reduceOnly());
        return n;
    }

    /** {@code /api/v1/orders}. */
    public static ObjectNode orders(HostSnapshot s) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("at", time(s.hostNanos()));
        ArrayNode open = n.putArray("open");
        s.openOrders().forEach(o -> open.add(order(o, s.owners().get(o.clientOrderId()))));
        ArrayNode recent = n.putArray("recent");
        s.activity().closedOrders().forEach(o -> recent.add(order(o)));
        ArrayNode rejections = n.putArray("rejections");
        s.activity().rejections().forEach(r -> rejections.add(rejection(r)));
        return n;
    }

    static ObjectNode rejection(Activity.Rejection r) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("at", time(r.hostNanos()));
        n.put("symbol", r.symbol());
        n.put("stage", r.stage());
        n.put("code", r.code());
        n.put("message", r.message());
        n.put("clientOrderId", r.clientOrderId());
        return n;
    }

    static ObjectNode fill(Fill f) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("tradeId", f.tradeId());
        n.put("clientOrderId", f.clientOrderId().value());
        n.put("symbol", f.symbol().value());
        n.put("side", f.side().name());
        n.put("quantity", f.quantity().toString());
        n.put("price", f.price().toString());
        n.put("fee", f.fee().toString());
        n.put("liquidity", f.liquidity().name());
        n.put("at", time(f.timestampNanos()));
        return n;
    }

    /** {@code /api/v1/fills}. */
    public static ObjectNode fills(HostSnapshot s) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("at", time(s.hostNanos()));
        ArrayNode list = n.putArray("fills");
        s.activity().fills().forEach(f -> list.add(fill(f)));
        return n;
    }

    /** One component's health. */
    static ObjectNode health(Health h) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("component", h.component());
        n.put("status", h.status().name());
        n.put("error", h.error());
        n.set("details", MAPPER.valueToTree(new TreeMap<>(h.details())));
        return n;
    }

    /** {@code /api/v1/history}: the equity curve and the marks. */
    public static ObjectNode history(List<HistoryPoint> points) {
        ObjectNode n = MAPPER.createObjectNode();
        ArrayNode list = n.putArray("points");
        for (HistoryPoint p : points) {
            ObjectNode o = list.addObject();
            o.put("t", p.hostNanos() / 1e9);
            o.put("equity", p.equity().toString());
            ObjectNode marks = o.putObject("marks");
            new TreeMap<>(p.marks()).forEach((symbol, price) -> marks.put(symbol.value(), price.toString()));
        }
        return n;
    }

    /** The live stream's {@code status} event: what the dashboard redraws from. */
    public static ObjectNode status(HostSnapshot s) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("t", s.hostNanos() / 1e9);
        n.put("at", time(s.hostNanos()));
        n.put("tradingState", s.state().name());
        n.put("health", s.worstHealth().name());
        n.put("equity", s.equity().toString());
        n.put("cash", s.cash().toString());
        ObjectNode marks = n.putObject("marks");
        s.symbols().stream().filter(r -> r.mark() != null).forEach(r -> marks.put(r.symbol().value(),
                r.mark().toString()));
        n.put("openOrders", s.openOrders().size());
        n.put("fills", s.orders().filled());
        return n;
    }

    /** The live stream's name for an event, or null for one that is not streamed. */
    public static String streamName(Event event) {
        return switch (event) {
            case OrderFilled f -> "fill";
            case IntentRejected r -> "rejection";
            case OrderRejected r -> "rejection";
            case OrderSubmitted s -> "order";
            case OrderCancelled c -> "cancel";
            case TradingStateChanged t -> "state";
            case StateReasonChanged r -> "reason";
            case OperatorActed a -> "operator";
            case StrategyQuarantined q -> "quarantine";
            case VenueConnectionChanged c -> "connection";
            case JournalWriteFailed j -> "journal";
            case JournalRecovered j -> "journal";
            case ConfigReloaded c -> "config";
            default -> null;
        };
    }

    /** What a configuration reload did: trigger, outcome, severity, every change and every error. */
    public static ObjectNode configReloaded(ConfigReloaded r) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("trigger", r.trigger());
        n.put("outcome", r.outcome());
        n.put("severity", r.severity());
        ArrayNode changes = n.putArray("changes");
        for (ConfigReloaded.Change c : r.changes()) {
            ObjectNode row = changes.addObject();
            row.put("key", c.key());
            row.put("old", c.oldValue());
            row.put("new", c.newValue());
            row.put("severity", c.severity());
            row.put("rule", c.rule());
        }
        ArrayNode errors = n.putArray("errors");
        r.errors().forEach(errors::add);
        n.put("at", time(r.timestampNanos()));
        return n;
    }

    /** An event as the live stream carries it. */
    public static ObjectNode event(Event event) {
        return switch (event) {
            case OrderFilled f -> fill(f.fill());
            case IntentRejected r -> rejection(new Activity.Rejection(r.intent().timestampNanos(),
                    r.intent().symbol().value(), r.stage(), r.code().value(), r.message(), null));
            case OrderRejected r -> rejection(new Activity.Rejection(r.timestampNanos(), r.symbol().value(), "venue",
                    r.code().value(), r.message(), r.clientOrderId().value()));
            case OrderSubmitted s -> request(s.request());
            case OrderCancelled c -> obj(Map.of("clientOrderId", c.clientOrderId().value(), "symbol",
                    c.symbol().value(), "reason", String.valueOf(c.reason()), "at", time(c.timestampNanos())));
            case TradingStateChanged t -> transition(t);
            case StateReasonChanged r -> {
                ObjectNode n = reason(r.reason());
                n.put("active", r.active());
                n.put("by", r.by());
                yield n;
            }
            case OperatorActed a -> operator(a);
            case StrategyQuarantined q -> obj(Map.of("symbol", q.symbol().value(), "strategy", q.strategy(),
                    "reason", String.valueOf(q.reason())));
            case VenueConnectionChanged c -> {
                ObjectNode n = obj(Map.of("detail", String.valueOf(c.detail()), "at", time(c.timestampNanos())));
                n.put("connected", c.connected());
                yield n;
            }
            case JournalWriteFailed j -> obj(Map.of("what", j.what(), "message", j.message(), "at",
                    time(j.timestampNanos())));
            case JournalRecovered j -> {
                ObjectNode n = obj(Map.of("where", j.where(), "at", time(j.timestampNanos())));
                n.put("writesApplied", j.writesApplied());
                n.put("nothingLost", j.nothingLost());
                yield n;
            }
            case ConfigReloaded c -> configReloaded(c);
            default -> obj(Map.of("type", event.getClass().getSimpleName()));
        };
    }

    private static ObjectNode obj(Map<String, String> fields) {
        ObjectNode n = MAPPER.createObjectNode();
        new TreeMap<>(fields).forEach(n::put);
        return n;
    }
}
