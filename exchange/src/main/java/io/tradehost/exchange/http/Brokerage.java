package io.tradehost.exchange.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehost.exchange.engine.EditResult;
import io.tradehost.exchange.engine.ExchangeFill;
import io.tradehost.exchange.engine.ExchangeOrder;
import io.tradehost.exchange.engine.Listing;
import io.tradehost.exchange.engine.FundingSchedule;
import io.tradehost.exchange.engine.MatchingEngine;
import io.tradehost.exchange.engine.PlaceRequest;
import io.tradehost.exchange.engine.PlaceResult;
import io.tradehost.exchange.fault.Fault;
import io.tradehost.exchange.fault.FaultPlan;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.eclipse.jetty.util.Fields;

/**
 * The answers of the {@code /api/v3/brokerage} endpoints once routed and authenticated: time,
 * products, accounts, the transaction summary (fee tier), create, cancel, edit, get and list orders,
 * fills, the perpetuals portfolio and its funding. Business rejections are HTTP 200 with {@code success: false}, as on Coinbase.
 */
final class Brokerage {
    private final MatchingEngine engine;
    private final FaultPlan faults;
    private final LongSupplier millis;
    private final int pageSize;
    private final BigDecimal takerFee;
    private final BigDecimal makerFee;
    private final FundingSchedule funding;

    Brokerage(MatchingEngine engine, FaultPlan faults, LongSupplier millis, int pageSize, BigDecimal takerFee,
              BigDecimal makerFee, FundingSchedule funding) {
        this.funding = funding;
        this.engine = engine;
        this.faults = faults;
        this.millis = millis;
        this.pageSize = pageSize;
        this.takerFee = takerFee;
        this.makerFee = makerFee;
    }

    /**
     * The answer of {@code endpoint}, or null when a {@code lose_order_response} fault wants the
     * connection dropped instead.
     *
     * @param path the path after {@code /api/v3/brokerage}
     * @param body the request body (empty for endpoints without one)
     */
    Answer answer(Endpoint endpoint, String path, String body, Fields query) {
        return switch (endpoint) {
            case TIME -> time();
            case PUBLIC_PRODUCTS, PRODUCTS -> products(query);
            case PUBLIC_PRODUCT -> product(Endpoint.parameter(path, "/market/products/"));
            case PRODUCT -> product(Endpoint.parameter(path, "/products/"));
            case ACCOUNTS -> accounts(query);
            case TRANSACTION_SUMMARY -> transactionSummary();
            case CREATE_ORDER -> create(body);
            case CANCEL_ORDERS -> cancel(body);
            case EDIT_ORDER -> edit(body);
            case LIST_ORDERS -> listOrders(query);
            case LIST_FILLS -> listFills(query);
            case GET_ORDER -> order(Endpoint.parameter(path, "/orders/historical/"));
            case POSITIONS -> positions();
            case OTHER_POSITIONS -> Answer.error(404, "NOT_FOUND", "unknown portfolio");
            case FUNDING -> funding();
        };
    }

    private Answer time() {
        long now = millis.getAsLong();
        ObjectNode t = Answer.JSON.createObjectNode();
        t.put("iso", Instant.ofEpochMilli(now).toString());
        t.put("epochSeconds", String.valueOf(now / 1000));
        t.put("epochMillis", String.valueOf(now));
        return new Answer(200, t);
    }

    /**
     * The listed products, narrowed as Coinbase's list is by {@code product_type} (SPOT, FUTURE),
     * {@code contract_expiry_type} (futures only: PERPETUAL, EXPIRING) and {@code product_ids}.
     */
    private Answer products(Fields query) {
        String type = query.getValue("product_type");
        String expiry = query.getValue("contract_expiry_type");
        List<String> ids = Params.values(query, "product_ids");
        List<Listing> chosen = engine.listings().stream()
                .filter(l -> type == null || type.equals("UNKNOWN_PRODUCT_TYPE")
                        || type.equals(l.perpetual() ? "FUTURE" : "SPOT"))
                .filter(l -> expiry == null || expiry.equals("UNKNOWN_CONTRACT_EXPIRY_TYPE") || !l.perpetual()
                        || expiry.equals("PERPETUAL"))
                .filter(l -> ids.isEmpty() || ids.contains(l.productId()))
                .toList();
        ObjectNode n = Answer.JSON.createObjectNode();
        ArrayNode list = n.putArray("products");
        chosen.forEach(l -> list.add(ProductJson.product(l, engine.mid(l.productId()), funding, millis.getAsLong())));
        n.put("num_products", chosen.size());
        return new Answer(200, n);
    }

    private Answer product(String id) {
        return engine.listing(id).map(l -> new Answer(200, ProductJson.product(l, engine.mid(id), funding, millis.getAsLong())))
                .orElseGet(() -> Answer.error(404, "NOT_FOUND", "product " + id + " not found"));
    }

    private Answer order(String id) {
        return engine.order(id).map(o -> {
            ObjectNode n = Answer.JSON.createObjectNode();
            n.set("order", OrderJson.order(o));
            return new Answer(200, n);
        }).orElseGet(() -> Answer.error(404, "NOT_FOUND", "order " + id + " not found"));
    }

    private Answer accounts(Fields query) {
        List<String> currencies = new ArrayList<>(new TreeSet<>(engine.balances().keySet()));
        int limit = Math.min(250, query.getValue("limit") == null ? 49 : Params.positive(query, "limit"));
        int start = Params.cursor(query);
        ObjectNode n = Answer.JSON.createObjectNode();
        ArrayNode list = n.putArray("accounts");
        Map<String, BigDecimal> balances = engine.balances();
        for (int i = start; i < Math.min(currencies.size(), start + limit); i++) {
            String c = currencies.get(i);
            BigDecimal hold = engine.hold(c);
            ObjectNode a = list.addObject();
            a.put("uuid", "account-" + c);
            a.put("name", c + " Wallet");
            a.put("currency", c);
            money(a.putObject("available_balance"), balances.get(c).subtract(hold), c);
            money(a.putObject("hold"), hold, c);
            a.put("type", c.equals("USD") || c.equals("USDC") ? "ACCOUNT_TYPE_FIAT" : "ACCOUNT_TYPE_CRYPTO");
            a.put("active", true);
            a.put("ready", true);
        }
        boolean more = start + limit < currencies.size();
        n.put("has_next", more);
        n.put("cursor", more ? String.valueOf(start + limit) : "");
        n.put("size", list.size());
        return new Answer(200, n);
    }

    /**
     * The fee tier and what was traded: clients (ccxt's loadMarkets among them) read their fee
     * rates here. Volumes add every fill's notional in its quote currency, as one number.
     */
    private Answer transactionSummary() {
        BigDecimal volume = BigDecimal.ZERO;
        BigDecimal fees = BigDecimal.ZERO;
        for (ExchangeFill f : engine.fills(List.of(), List.of())) {
            volume = volume.add(f.price().multiply(f.size()));
            fees = fees.add(f.commission());
        }
        ObjectNode n = Answer.JSON.createObjectNode();
        n.put("total_volume", volume);
        n.put("total_fees", fees);
        ObjectNode tier = n.putObject("fee_tier");
        tier.put("pricing_tier", "Local exchange");
        tier.put("usd_from", "0");
        tier.put("usd_to", "");
        tier.put("taker_fee_rate", takerFee.toPlainString());
        tier.put("maker_fee_rate", makerFee.toPlainString());
        tier.put("aop_from", "");
        tier.put("aop_to", "");
        n.putNull("margin_rate");
        n.putNull("goods_and_services_tax");
        n.put("advanced_trade_only_volume", volume);
        n.put("advanced_trade_only_fees", fees);
        n.put("coinbase_pro_volume", 0);
        n.put("coinbase_pro_fees", 0);
        n.put("total_balance", "");
        n.put("has_promo_fee", false);
        return new Answer(200, n);
    }

    static void money(ObjectNode n, BigDecimal value, String currency) {
        n.put("value", value.stripTrailingZeros().toPlainString());
        n.put("currency", currency);
    }

    private Answer create(String body) {
        JsonNode b = Params.object(body);
        JsonNode config = b.path("order_configuration");
        if (!config.isObject() || config.size() != 1) {
            return new Answer(200, failure("UNSUPPORTED_ORDER_CONFIGURATION",
                    "order_configuration needs exactly one configuration", b));
        }
        String name = config.fieldNames().next();
        JsonNode c = config.get(name);
        PlaceRequest request = new PlaceRequest(b.path("client_order_id").asText(null), b.path("product_id").asText(""),
                b.path("side").asText(""), name, Params.decimal(c, "base_size"), Params.decimal(c, "quote_size"),
                Params.decimal(c, "limit_price"), Params.decimal(c, "stop_price"), c.path("stop_direction").asText(null),
                c.path("post_only").asBoolean(false), Params.endTime(c), b.path("leverage").asText(null),
                b.path("margin_type").asText(null));
        PlaceResult result = engine.place(request);
        if (result.order() == null) {
            return new Answer(200, failure(result.error(), result.message(), b));
        }
        if (result.created() && faults.take(Fault.LOSE_ORDER_RESPONSE)) {
            return null;
        }
        ExchangeOrder o = result.order();
        ObjectNode n = Answer.JSON.createObjectNode();
        n.put("success", true);
        n.put("failure_reason", "UNKNOWN_FAILURE_REASON");
        n.put("order_id", o.orderId);
        ObjectNode s = n.putObject("success_response");
        s.put("order_id", o.orderId);
        s.put("product_id", o.productId);
        s.put("side", o.side);
        s.put("client_order_id", o.clientOrderId);
        n.set("order_configuration", config);
        return new Answer(200, n);
    }

    private static ObjectNode failure(String error, String message, JsonNode request) {
        ObjectNode n = Answer.JSON.createObjectNode();
        n.put("success", false);
        n.put("failure_reason", "UNKNOWN_FAILURE_REASON");
        n.put("order_id", "");
        ObjectNode e = n.putObject("error_response");
        e.put("error", error);
        e.put("message", message);
        e.put("error_details", message);
        e.put("new_order_failure_reason", error);
        if (request.has("order_configuration")) {
            n.set("order_configuration", request.get("order_configuration"));
        }
        return n;
    }

    private Answer cancel(String body) {
        JsonNode b = Params.object(body);
        if (!b.path("order_ids").isArray()) {
            throw new IllegalArgumentException("order_ids must be an array");
        }
        ObjectNode n = Answer.JSON.createObjectNode();
        ArrayNode results = n.putArray("results");
        for (JsonNode id : b.path("order_ids")) {
            String failure = engine.cancel(id.asText());
            ObjectNode r = results.addObject();
            r.put("success", failure == null);
            r.put("failure_reason", failure == null ? "UNKNOWN_CANCEL_FAILURE_REASON" : failure);
            r.put("order_id", id.asText());
        }
        return new Answer(200, n);
    }

    /**
     * Coinbase's {@code orders/edit}: {@code {"order_id", "price", "size"}} to {@code {"success",
     * "errors": [{"edit_failure_reason", "preview_failure_reason", "message"}]}} (the entry's
     * {@code message} is the local exchange's own addition); errors is empty on success. A body
     * without an order id or with a price or size that is no decimal is 400 {@code INVALID_ARGUMENT}.
     */
    private Answer edit(String body) {
        JsonNode b = Params.object(body);
        String orderId = b.path("order_id").asText("");
        if (orderId.isBlank()) {
            throw new IllegalArgumentException("order_id is required");
        }
        EditResult result = engine.edit(orderId, Params.decimal(b, "price"), Params.decimal(b, "size"));
        if (result.success() && faults.take(Fault.LOSE_ORDER_RESPONSE)) {
            return null;
        }
        ObjectNode n = Answer.JSON.createObjectNode();
        n.put("success", result.success());
        ArrayNode errors = n.putArray("errors");
        if (!result.success()) {
            ObjectNode e = errors.addObject();
            e.put("edit_failure_reason", result.editFailureReason());
            e.put("preview_failure_reason", result.previewFailureReason());
            e.put("message", result.message());
        }
        return new Answer(200, n);
    }

    private Answer listOrders(Fields query) {
        List<String> statuses = Params.values(query, "order_status");
        List<String> products = Params.values(query, "product_ids");
        products.addAll(Params.values(query, "product_id"));
        List<ExchangeOrder> all = engine.orders(false, products).stream()
                .filter(o -> statuses.isEmpty() || statuses.contains(o.status)).toList();
        ObjectNode n = Answer.JSON.createObjectNode();
        n.put("has_next", page(all, query, n.putArray("orders"), OrderJson::order, n));
        n.put("sequence", "0");
        return new Answer(200, n);
    }

    private Answer listFills(Fields query) {
        List<String> orders = Params.values(query, "order_ids");
        orders.addAll(Params.values(query, "order_id"));
        List<String> products = Params.values(query, "product_ids");
        products.addAll(Params.values(query, "product_id"));
        List<ExchangeFill> all = engine.fills(orders, products);
        ObjectNode n = Answer.JSON.createObjectNode();
        page(all, query, n.putArray("fills"), OrderJson::fill, n);
        return new Answer(200, n);
    }

    /**
     * The page of {@code all} the query's {@code limit} and {@code cursor} ask for, into {@code list},
     * and the next page's {@code cursor} into {@code answer} (empty on the last page); whether there is one.
     */
    private <T> boolean page(List<T> all, Fields query, ArrayNode list, Function<T, JsonNode> json,
                             ObjectNode answer) {
        int limit = Params.limit(query, pageSize);
        int start = Params.cursor(query);
        all.subList(Math.min(start, all.size()), Math.min(all.size(), start + limit))
                .forEach(item -> list.add(json.apply(item)));
        boolean more = start + limit < all.size();
        answer.put("cursor", more ? String.valueOf(start + limit) : "");
        return more;
    }

    private Answer positions() {
        ObjectNode n = Answer.JSON.createObjectNode();
        ArrayNode list = n.putArray("positions");
        engine.positions().forEach((id, sc) -> {
            Listing l = engine.listing(id).orElseThrow();
            BigDecimal size = sc[0];
            BigDecimal entry = sc[1].abs().divide(size.abs(), 10, RoundingMode.HALF_EVEN);
            BigDecimal mark = engine.mid(id);
            BigDecimal inverse = BigDecimal.ONE.divide(BigDecimal.valueOf(l.maxLeverage()), 10, RoundingMode.HALF_EVEN);
            BigDecimal liquidation = size.signum() > 0
                    ? entry.multiply(BigDecimal.ONE.subtract(inverse).add(l.maintenanceMarginRate()))
                    : entry.multiply(BigDecimal.ONE.add(inverse).subtract(l.maintenanceMarginRate()));
            ObjectNode p = list.addObject();
            p.put("product_id", id);
            p.put("symbol", id);
            p.put("position_side", size.signum() > 0 ? "POSITION_SIDE_LONG" : "POSITION_SIDE_SHORT");
            p.put("net_size", size.toPlainString());
            money(p.putObject("vwap"), entry, l.quote());
            money(p.putObject("mark_price"), mark, l.quote());
            money(p.putObject("liquidation_price"), liquidation.setScale(l.priceIncrement().scale(),
                    RoundingMode.HALF_EVEN), l.quote());
            money(p.putObject("unrealized_pnl"), mark.multiply(size).subtract(sc[1]), l.quote());
            p.put("leverage", String.valueOf(l.maxLeverage()));
        });
        return new Answer(200, n);
    }

    /** Funding payments booked on the portfolio, oldest first (the path is the local exchange's own). */
    private Answer funding() {
        ObjectNode n = Answer.JSON.createObjectNode();
        ArrayNode list = n.putArray("funding");
        for (var p : engine.funding()) {
            String quote = engine.listing(p.productId()).map(Listing::quote).orElse("USDC");
            ObjectNode f = list.addObject();
            f.put("id", p.id());
            f.put("product_id", p.productId());
            money(f.putObject("amount"), p.amount(), quote);
            f.put("rate", p.rate().toPlainString());
            f.put("net_size", p.positionSize().toPlainString());
            money(f.putObject("mark_price"), p.mark(), quote);
            f.put("time", Instant.ofEpochMilli(p.timeMillis()).toString());
        }
        return new Answer(200, n);
    }
}
