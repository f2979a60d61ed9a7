package io.tradehost.exchange.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehost.exchange.auth.JwtVerifier;
import io.tradehost.exchange.engine.ExchangeFill;
import io.tradehost.exchange.engine.ExchangeOrder;
import io.tradehost.exchange.engine.Listing;
import io.tradehost.exchange.engine.MatchingEngine;
import io.tradehost.exchange.engine.PlaceRequest;
import io.tradehost.exchange.engine.PlaceResult;
import io.tradehost.exchange.fault.Fault;
import io.tradehost.exchange.fault.FaultPlan;
import io.tradehost.exchange.ws.StreamHub;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * The REST side under {@code /api/v3/brokerage}: time, products (public mirrors under
 * {@code /market}), accounts, create, cancel, get and list orders, fills, and the perpetuals
 * portfolio; plus the exchange's own admin calls under {@code /exchange} (faults, statistics),
 * behind the admin token. Every private call needs a valid JWT whose {@code uri} claim names it; a
 * private client gets 30 requests a second, as on Coinbase, with the {@code x-ratelimit-*} headers.
 * Business rejections are HTTP 200 with {@code success: false}; other errors carry Coinbase's
 * {@code error}, {@code error_details}, {@code message} body. Blocking handler: run it on virtual
 * threads.
 */
public final class RestApi extends Handler.Abstract {
    private static final String PREFIX = "/api/v3/brokerage";
    private static final int RATE_LIMIT = 30;
    /** The one perpetuals portfolio the exchange keeps. */
    public static final String PORTFOLIO = "00000000-0000-4000-8000-000000000001";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MatchingEngine engine;
    private final JwtVerifier verifier;
    private final FaultPlan faults;
    private final StreamHub hub;
    private final String adminToken;
    private final LongSupplier millis;
    private final int pageSize;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong lostResponses = new AtomicLong();
    private long windowSecond;
    private int windowCount;

    public RestApi(MatchingEngine engine, JwtVerifier verifier, FaultPlan faults, StreamHub hub, String adminToken,
                   LongSupplier millis, int pageSize) {
        this.engine = engine;
        this.verifier = verifier;
        this.faults = faults;
        this.hub = hub;
        this.adminToken = adminToken;
        this.millis = millis;
        this.pageSize = pageSize;
    }

    /** An answer: status, body, extra headers. */
    private record Answer(int status, JsonNode body, Map<String, String> headers) {
        Answer(int status, JsonNode body) {
            this(status, body, Map.of());
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        String body = Content.Source.asString(request, StandardCharsets.UTF_8);
        Answer answer;
        try {
            if (path.startsWith("/exchange/")) {
                answer = admin(request, method, path, body);
            } else if (!path.startsWith(PREFIX + "/")) {
                answer = error(404, "NOT_FOUND", "no such endpoint: " + path);
            } else {
                requests.incrementAndGet();
                Answer injected = injected(method, path);
                if (injected != null) {
                    answer = injected;
                } else {
                    answer = api(request, method, path.substring(PREFIX.length()), body);
                    if (answer == null) {
                        lostResponses.incrementAndGet();
                        request.getConnectionMetaData().getConnection().getEndPoint().close();
                        callback.succeeded();
                        return true;
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            answer = error(400, "INVALID_ARGUMENT", e.getMessage());
        } catch (RuntimeException e) {
            answer = error(500, "INTERNAL", "internal error: " + e.getClass().getSimpleName());
        }
        response.setStatus(answer.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        answer.headers().forEach((k, v) -> response.getHeaders().put(k, v));
        Content.Sink.write(response, true, answer.body().toString(), callback);
        return true;
    }

    private Answer injected(String method, String path) throws InterruptedException {
        if (faults.take(Fault.SLOW)) {
            Thread.sleep(faults.millis(Fault.SLOW));
        }
        if (faults.take(Fault.RATE_LIMIT)) {
            return rateLimited();
        }
        if (faults.take(Fault.SERVER_ERROR)) {
            return error(503, "UNAVAILABLE", "service unavailable");
        }
        return null;
    }

    private Answer rateLimited() {
        long reset = millis.getAsLong() / 1000 + 1;
        return new Answer(429, errorBody("RATE_LIMIT_EXCEEDED", "Too many requests"), Map.of(
                "x-ratelimit-limit", String.valueOf(RATE_LIMIT), "x-ratelimit-remaining", "0",
                "x-ratelimit-reset", String.valueOf(reset), "Retry-After", "1"));
    }

    private synchronized Optional<Integer> admit() {
        long second = millis.getAsLong() / 1000;
        if (second != windowSecond) {
            windowSecond = second;
            windowCount = 0;
        }
        if (windowCount >= RATE_LIMIT) {
            return Optional.empty();
        }
        windowCount++;
        return Optional.of(RATE_LIMIT - windowCount);
    }

    private Answer api(Request request, String method, String path, String body) {
        Fields query = Request.extractQueryParameters(request);
        if (method.equals("GET") && path.equals("/time")) {
            long now = millis.getAsLong();
            ObjectNode t = JSON.createObjectNode();
            t.put("iso", Instant.ofEpochMilli(now).toString());
            t.put("epochSeconds", String.valueOf(now / 1000));
            t.put("epochMillis", String.valueOf(now));
            return new Answer(200, t);
        }
        if (method.equals("GET") && path.startsWith("/market/products")) {
            return products(path.substring("/market".length()));
        }
        String host = request.getHeaders().get(HttpHeader.HOST);
        String auth = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        String token = auth != null && auth.startsWith("Bearer ") ? auth.substring(7).trim() : null;
        try {
            verifier.verify(token, method + " " + host + PREFIX + path);
        } catch (JwtVerifier.Refused e) {
            return error(401, "UNAUTHENTICATED", e.getMessage());
        }
        Optional<Integer> remaining = admit();
        if (remaining.isEmpty()) {
            return rateLimited();
        }
        Answer a = route(method, path, body, query);
        if (a == null) {
            return null;
        }
        Map<String, String> headers = new LinkedHashMap<>(a.headers());
        headers.put("x-ratelimit-limit", String.valueOf(RATE_LIMIT));
        headers.put("x-ratelimit-remaining", String.valueOf(remaining.get()));
        headers.put("x-ratelimit-reset", String.valueOf(millis.getAsLong() / 1000 + 1));
        return new Answer(a.status(), a.body(), headers);
    }

    private Answer route(String method, String path, String body, Fields query) {
        if (method.equals("GET") && path.startsWith("/products")) {
            return products(path);
        }
        if (method.equals("GET") && path.equals("/accounts")) {
            return accounts(query);
        }
        if (method.equals("POST") && path.equals("/orders")) {
            return create(body);
        }
        if (method.equals("POST") && path.equals("/orders/batch_cancel")) {
            return cancel(body);
        }
        if (method.equals("GET") && path.equals("/orders/historical/batch")) {
            return listOrders(query);
        }
        if (method.equals("GET") && path.equals("/orders/historical/fills")) {
            return listFills(query);
        }
        if (method.equals("GET") && path.startsWith("/orders/historical/")) {
            String id = path.substring("/orders/historical/".length());
            return engine.order(id).<Answer>map(o -> {
                ObjectNode n = JSON.createObjectNode();
                n.set("order", order(o));
                return new Answer(200, n);
            }).orElseGet(() -> error(404, "NOT_FOUND", "order " + id + " not found"));
        }
        if (method.equals("GET") && path.equals("/intx/positions/" + PORTFOLIO)) {
            return positions();
        }
        if (method.equals("GET") && path.equals("/intx/funding/" + PORTFOLIO)) {
            return funding();
        }
        if (method.equals("GET") && path.startsWith("/intx/positions/")) {
            return error(404, "NOT_FOUND", "unknown portfolio");
        }
        return error(404, "NOT_FOUND", "no such endpoint: " + method + " " + PREFIX + path);
    }

    private Answer products(String path) {
        if (path.equals("/products")) {
            ObjectNode n = JSON.createObjectNode();
            ArrayNode list = n.putArray("products");
            engine.listings().forEach(l -> list.add(product(l)));
            n.put("num_products", engine.listings().size());
            return new Answer(200, n);
        }
        String id = path.substring("/products/".length());
        return engine.listing(id).map(l -> new Answer(200, product(l)))
                .orElseGet(() -> error(404, "NOT_FOUND", "product " + id + " not found"));
    }

    private ObjectNode product(Listing l) {
        ObjectNode p = JSON.createObjectNode();
        p.put("product_id", l.productId());
        p.put("price", engine.mid(l.productId()).toPlainString());
        p.put("mid_market_price", engine.mid(l.productId()).toPlainString());
        p.put("base_increment", l.baseIncrement().toPlainString());
        p.put("quote_increment", l.priceIncrement().toPlainString());
        p.put("price_increment", l.priceIncrement().toPlainString());
        p.put("base_min_size", l.baseMinSize().toPlainString());
        p.put("base_max_size", l.baseMaxSize().toPlainString());
        p.put("quote_min_size", "1");
        p.put("quote_max_size", "10000000");
        p.put("base_currency_id", l.base());
        p.put("quote_currency_id", l.quote());
        p.put("base_display_symbol", l.base());
        p.put("quote_display_symbol", l.quote());
        p.put("status", "online");
        p.put("trading_disabled", false);
        p.put("cancel_only", false);
        p.put("limit_only", false);
        p.put("post_only", false);
        p.put("is_disabled", false);
        p.put("alias", "");
        p.putArray("alias_to");
        p.put("product_type", l.perpetual() ? "FUTURE" : "SPOT");
        if (l.perpetual()) {
            ObjectNode f = p.putObject("future_product_details");
            f.put("venue", "INTX");
            f.put("contract_expiry_type", "PERPETUAL");
            f.put("contract_size", "1");
            f.put("funding_rate", l.fundingRate().toPlainString());
            f.put("funding_interval", "3600s");
            f.put("intraday_margin_rate", l.maintenanceMarginRate().toPlainString());
            f.put("overnight_margin_rate", l.maintenanceMarginRate().toPlainString());
            ObjectNode perp = f.putObject("perpetual_details");
            perp.put("max_leverage", String.valueOf(l.maxLeverage()));
            perp.put("funding_rate", l.fundingRate().toPlainString());
            perp.put("open_interest", "0");
        }
        return p;
    }

    private Answer accounts(Fields query) {
        List<String> currencies = new ArrayList<>(new java.util.TreeSet<>(engine.balances().keySet()));
        int limit = Math.min(250, query.getValue("limit") == null ? 49 : Integer.parseInt(query.getValue("limit")));
        int start = cursor(query);
        ObjectNode n = JSON.createObjectNode();
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

    private static void money(ObjectNode n, BigDecimal value, String currency) {
        n.put("value", value.stripTrailingZeros().toPlainString());
        n.put("currency", currency);
    }

    private Answer create(String body) {
        JsonNode b = parse(body);
        JsonNode config = b.path("order_configuration");
        if (!config.isObject() || config.size() != 1) {
            return new Answer(200, failure("UNSUPPORTED_ORDER_CONFIGURATION",
                    "order_configuration needs exactly one configuration", b));
        }
        String name = config.fieldNames().next();
        JsonNode c = config.get(name);
        PlaceRequest request = new PlaceRequest(b.path("client_order_id").asText(null), b.path("product_id").asText(""),
                b.path("side").asText(""), name, decimal(c, "base_size"), decimal(c, "quote_size"),
                decimal(c, "limit_price"), decimal(c, "stop_price"), c.path("stop_direction").asText(null),
                c.path("post_only").asBoolean(false), endTime(c), b.path("leverage").asText(null),
                b.path("margin_type").asText(null));
        PlaceResult result = engine.place(request);
        if (result.order() == null) {
            return new Answer(200, failure(result.error(), result.message(), b));
        }
        if (result.created() && faults.take(Fault.LOSE_ORDER_RESPONSE)) {
            return null;
        }
        ExchangeOrder o = result.order();
        ObjectNode n = JSON.createObjectNode();
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

    private static long endTime(JsonNode c) {
        String end = c.path("end_time").asText(null);
        if (end == null) {
            return 0;
        }
        try {
            return Instant.parse(end).toEpochMilli();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("end_time is not an RFC 3339 time: " + end, e);
        }
    }

    private static ObjectNode failure(String error, String message, JsonNode request) {
        ObjectNode n = JSON.createObjectNode();
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
        JsonNode b = parse(body);
        if (!b.path("order_ids").isArray()) {
            throw new IllegalArgumentException("order_ids must be an array");
        }
        ObjectNode n = JSON.createObjectNode();
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

    private Answer listOrders(Fields query) {
        List<String> statuses = values(query, "order_status");
        List<String> products = values(query, "product_ids");
        products.addAll(values(query, "product_id"));
        List<ExchangeOrder> all = engine.orders(false, products).stream()
                .filter(o -> statuses.isEmpty() || statuses.contains(o.status)).toList();
        int limit = limit(query);
        int start = cursor(query);
        ObjectNode n = JSON.createObjectNode();
        ArrayNode list = n.putArray("orders");
        all.subList(Math.min(start, all.size()), Math.min(all.size(), start + limit)).forEach(o -> list.add(order(o)));
        boolean more = start + limit < all.size();
        n.put("has_next", more);
        n.put("cursor", more ? String.valueOf(start + limit) : "");
        n.put("sequence", "0");
        return new Answer(200, n);
    }

    private Answer listFills(Fields query) {
        List<String> orders = values(query, "order_ids");
        orders.addAll(values(query, "order_id"));
        List<String> products = values(query, "product_ids");
        products.addAll(values(query, "product_id"));
        List<ExchangeFill> all = engine.fills(orders, products);
        int limit = limit(query);
        int start = cursor(query);
        ObjectNode n = JSON.createObjectNode();
        ArrayNode list = n.putArray("fills");
        for (ExchangeFill f : all.subList(Math.min(start, all.size()), Math.min(all.size(), start + limit))) {
            ObjectNode j = list.addObject();
            j.put("entry_id", f.entryId());
            j.put("trade_id", f.tradeId());
            j.put("order_id", f.orderId());
            j.put("trade_time", Instant.ofEpochMilli(f.tradeTimeMillis()).toString());
            j.put("trade_type", "FILL");
            j.put("price", f.price().toPlainString());
            j.put("size", f.size().toPlainString());
            j.put("commission", f.commission().toPlainString());
            j.put("product_id", f.productId());
            j.put("sequence_timestamp", Instant.ofEpochMilli(f.tradeTimeMillis()).toString());
            j.put("liquidity_indicator", f.liquidity());
            j.put("size_in_quote", false);
            j.put("side", f.side());
        }
        boolean more = start + limit < all.size();
        n.put("cursor", more ? String.valueOf(start + limit) : "");
        return new Answer(200, n);
    }

    private Answer positions() {
        ObjectNode n = JSON.createObjectNode();
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
        ObjectNode n = JSON.createObjectNode();
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

    static ObjectNode order(ExchangeOrder o) {
        ObjectNode n = JSON.createObjectNode();
        n.put("order_id", o.orderId);
        n.put("client_order_id", o.clientOrderId);
        n.put("product_id", o.productId);
        n.put("user_id", "local");
        n.put("side", o.side);
        n.put("status", o.status);
        n.put("time_in_force", o.timeInForce());
        n.put("order_type", o.orderType());
        n.put("created_time", Instant.ofEpochMilli(o.createdMillis).toString());
        n.put("completion_percentage", o.filledSize.multiply(BigDecimal.valueOf(100))
                .divide(o.baseSize, 2, RoundingMode.DOWN).toPlainString());
        n.put("filled_size", o.filledSize.toPlainString());
        n.put("average_filled_price", o.filledSize.signum() == 0 ? "0"
                : o.filledValue.divide(o.filledSize, 10, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString());
        n.put("number_of_fills", String.valueOf(o.numberOfFills));
        n.put("filled_value", o.filledValue.toPlainString());
        n.put("total_fees", o.totalFees.toPlainString());
        n.put("reject_reason", o.rejectReason);
        n.put("cancel_message", o.cancelMessage);
        n.put("leverage", o.leverage);
        n.put("margin_type", o.marginType);
        n.put("pending_cancel", false);
        ObjectNode config = n.putObject("order_configuration").putObject(o.configuration);
        if (o.configuration.startsWith("market")) {
            config.put("base_size", o.baseSize.toPlainString());
        } else {
            config.put("base_size", o.baseSize.toPlainString());
            config.put("limit_price", o.limitPrice.toPlainString());
            if (o.configuration.startsWith("limit_limit_g")) {
                config.put("post_only", o.postOnly);
            }
            if (o.isStop()) {
                config.put("stop_price", o.stopPrice.toPlainString());
                config.put("stop_direction", o.stopDirection);
            }
            if (o.endTimeMillis > 0) {
                config.put("end_time", Instant.ofEpochMilli(o.endTimeMillis).toString());
            }
        }
        return n;
    }

    // ---------------------------------------------------------------- admin

    private Answer admin(Request request, String method, String path, String body) {
        String auth = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (auth == null || !java.security.MessageDigest.isEqual(("Bearer " + adminToken).getBytes(StandardCharsets.UTF_8),
                auth.trim().getBytes(StandardCharsets.UTF_8))) {
            return error(401, "UNAUTHENTICATED", "the exchange admin calls need its admin token");
        }
        if (method.equals("GET") && path.equals("/exchange/stats")) {
            ObjectNode n = JSON.createObjectNode();
            engine.stats().forEach(n::put);
            hub.stats().forEach(n::put);
            n.put("rest_requests", requests.get());
            n.put("order_responses_lost", lostResponses.get());
            ObjectNode fired = n.putObject("faults_fired");
            faults.fired().forEach(fired::put);
            return new Answer(200, n);
        }
        if (method.equals("POST") && path.equals("/exchange/faults")) {
            JsonNode b = parse(body);
            Fault fault = Fault.parse(b.path("fault").asText(""));
            int count = b.path("count").asInt(1);
            long duration = b.path("millis").asLong(2_000);
            if (!hub.applyNow(fault, duration)) {
                faults.arm(fault, count, duration);
            }
            ObjectNode n = JSON.createObjectNode();
            n.put("fault", fault.label());
            n.put("count", count);
            return new Answer(200, n);
        }
        if (method.equals("POST") && path.equals("/exchange/funding")) {
            ObjectNode n = JSON.createObjectNode();
            n.put("payments", engine.chargeFunding().size());
            return new Answer(200, n);
        }
        return error(404, "NOT_FOUND", "no such admin call: " + method + " " + path);
    }

    // ---------------------------------------------------------------- helpers

    private static JsonNode parse(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("the body must be a JSON object");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("the body is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static BigDecimal decimal(JsonNode c, String field) {
        JsonNode v = c.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        try {
            return new BigDecimal(v.asText());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " is not a decimal: " + v.asText(), e);
        }
    }

    private static List<String> values(Fields query, String name) {
        List<String> out = new ArrayList<>();
        List<String> raw = query.getValues(name);
        if (raw != null) {
            raw.forEach(v -> {
                for (String part : v.split(",")) {
                    if (!part.isBlank()) {
                        out.add(part.trim());
                    }
                }
            });
        }
        return out;
    }

    private int limit(Fields query) {
        String v = query.getValue("limit");
        if (v == null) {
            return pageSize;
        }
        int n = Integer.parseInt(v);
        if (n < 1) {
            throw new IllegalArgumentException("limit must be >= 1");
        }
        return Math.min(n, pageSize);
    }

    private static int cursor(Fields query) {
        String v = query.getValue("cursor");
        if (v == null || v.isBlank()) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(v));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid cursor: " + v, e);
        }
    }

    private static ObjectNode errorBody(String error, String message) {
        ObjectNode n = JSON.createObjectNode();
        n.put("error", error);
        n.put("error_details", message);
        n.put("message", message);
        return n;
    }

    private static Answer error(int status, String error, String message) {
        return new Answer(status, errorBody(error, message));
    }
}
