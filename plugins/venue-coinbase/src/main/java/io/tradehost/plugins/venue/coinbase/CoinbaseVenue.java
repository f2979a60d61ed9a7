package io.tradehost.plugins.venue.coinbase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehost.api.order.AccountSnapshot;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.FundingPayment;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Product;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.venue.Venue;
import io.tradehost.api.venue.VenueContext;
import io.tradehost.api.venue.VenueException;
import io.tradehost.plugins.venue.coinbase.auth.JwtSigner;
import io.tradehost.plugins.venue.coinbase.feed.MarketFeed;
import io.tradehost.plugins.venue.coinbase.feed.MarketTrades;
import io.tradehost.plugins.venue.coinbase.feed.UserFeed;
import io.tradehost.plugins.venue.coinbase.net.FeedSocket;
import io.tradehost.plugins.venue.coinbase.net.Interrupts;
import io.tradehost.plugins.venue.coinbase.net.RestClient;
import io.tradehost.plugins.venue.coinbase.wire.Wire;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Coinbase Advanced Trade venue. {@link #place} posts the order and reports acceptance or the
 * venue's business rejection before it returns; an order POST whose answer is lost is an unknown
 * outcome the host resolves with {@link #order}, which finds the order by client id by paging the
 * order list (it has no client-id filter), never by posting again. Fills come from the user feed's
 * cumulative quantities, read with their trade ids from the fills endpoint. {@link #amend} edits a
 * resting limit order in place without blocking: {@link OrderEdits} sends the edit and reports its
 * outcome to the listener. Queries block for one or a few REST calls. Each subscribed perpetual's
 * funding rate and next funding time come from its product data ({@link Funding}): published when
 * it is subscribed, as the product list read at connect showed it, then whenever a
 * {@code funding_poll} read of the subscribed perpetuals' products shows another rate or time; a
 * product without {@code funding_time} gives a next time of 0 (not known). Thread-safe.
 */
public final class CoinbaseVenue implements Venue {
    private static final Logger LOG = LoggerFactory.getLogger(CoinbaseVenue.class);
    /** The host asked about an order the venue does not know. */
    public static final RejectionCode UNKNOWN_ORDER = RejectionCode.of("UNKNOWN_ORDER");

    private final CoinbaseSettings settings;
    private final VenueContext context;
    private final JwtSigner signer;
    private final HttpClient http;
    private final RestClient rest;
    private final Map<ClientOrderId, String> orderIds = new ConcurrentHashMap<>();
    private final Map<Symbol, Product> products = new LinkedHashMap<>();
    private final Funding funding;
    private final OrderEdits edits;
    private io.tradehost.api.time.ScheduledTask fundingPoll;
    private UserFeed userFeed;
    private MarketFeed marketFeed;
    /** The public trades reported, kept across the market feeds {@link #subscribe} replaces. */
    private final MarketTrades trades = new MarketTrades();

    CoinbaseVenue(CoinbaseSettings settings, VenueContext context, JwtSigner signer, RestClient rest, HttpClient http) {
        this.settings = settings;
        this.context = context;
        this.signer = signer;
        this.rest = rest;
        this.http = http;
        this.funding = new Funding(rest, settings.portfolioUuid(), context.listener(), context.clock());
        this.edits = new OrderEdits(rest, http.executor().orElseThrow(), context.listener());
    }

    @Override
    public void connect() throws VenueException {
        JsonNode listed = rest.get("/products", List.of());
        long read = context.clock().nanos();
        synchronized (products) {
            products.clear();
            for (JsonNode p : listed.path("products")) {
                try {
                    Optional<Product> product = Wire.product(p).filter(this::wanted);
                    product.ifPresent(known -> products.put(known.symbol(), known));
                    product.filter(Product::isPerpetual).ifPresent(known -> funding.listed(p, read));
                } catch (IllegalArgumentException e) {
                    LOG.warn("coinbase: skipped product {} the host cannot read: {}", p.path("product_id").asText("?"),
                            e.getMessage());
                }
            }
        }
        rest.get("/accounts", List.of(Map.entry("limit", "1")));
        userFeed = new UserFeed(http, settings.wsUserUrl(), settings.feedTiming(), context.scheduler(), context.clock(),
                context.listener(), context.seed() ^ 0x75736572L, () -> signer.sign(null), this::fillsOf);
        userFeed.start();
        try {
            if (!userFeed.awaitSynced(settings.connectTimeout().multipliedBy(2))) {
                userFeed.close();
                throw VenueException.transientFailure(RestClient.NO_ANSWER, "the user feed at "
                        + settings.wsUserUrl() + " sent no snapshot within " + settings.connectTimeout()
                        .multipliedBy(2).toMillis() + " ms");
            }
        } catch (InterruptedException e) {
            Interrupts.restore();
            userFeed.close();
            throw VenueException.transientFailure(RestClient.NO_ANSWER, "interrupted waiting for the user feed");
        }
        if (!settings.portfolioUuid().isBlank() || products().stream().anyMatch(Product::isPerpetual)) {
            java.util.concurrent.Executor io = http.executor().orElseThrow();
            fundingPoll = context.scheduler().scheduleAtFixedRate(settings.fundingPoll(), settings.fundingPoll(),
                    () -> io.execute(funding::poll));
        }
        LOG.info("coinbase: connected to {} ({} product(s) listed), user feed {}", settings.baseUrl(),
                products.size(), settings.wsUserUrl());
    }

    private boolean wanted(Product p) {
        return settings.products().isEmpty() || settings.products().contains(p.symbol().value());
    }

    @Override
    public List<Product> products() {
        synchronized (products) {
            return List.copyOf(products.values());
        }
    }

    @Override
    public void subscribe(Set<Symbol> symbols) {
        if (marketFeed != null) {
            marketFeed.close();
        }
        marketFeed = new MarketFeed(http, settings.wsUrl(), settings.feedTiming(), context.scheduler(),
                context.clock(), context.listener(), context.seed(), settings.marketChannel(), settings.depthLevels(),
                List.copyOf(symbols), () -> signer.sign(null), trades);
        marketFeed.start();
        Set<Symbol> perpetuals = new java.util.HashSet<>();
        for (Product p : products()) {
            if (p.isPerpetual() && symbols.contains(p.symbol())) {
                perpetuals.add(p.symbol());
            }
        }
        funding.subscribe(perpetuals);
    }

    /** The market feed subscribes {@code market_trades} for the subscribed products. */
    @Override
    public boolean publishesTrades() {
        return true;
    }

    /**
     * With {@code depth_levels} above zero on the level2 channel: each book's best levels, whenever
     * one of them changed (the ticker channel carries no depth).
     */
    @Override
    public boolean publishesDepth() {
        return settings.depthLevels() > 0 && settings.marketChannel() == MarketFeed.Channel.LEVEL2;
    }

    /** Market, limit and stop-limit (Coinbase's {@code stop_limit_stop_limit_gtc}); stop-market the host holds. */
    @Override
    public boolean supportsNatively(io.tradehost.api.value.OrderType type) {
        return type != io.tradehost.api.value.OrderType.STOP_MARKET;
    }

    @Override
    public void place(OrderRequest request) throws VenueException {
        ObjectNode body = Wire.orderBody(request);
        if (userFeed != null) {
            userFeed.placing(request.clientOrderId());
        }
        String placedId = null;
        try {
            placedId = post(request, body);
        } finally {
            if (userFeed != null) {
                userFeed.placed(request.clientOrderId(), placedId);
            }
        }
    }

    /** Posts the order; its venue id once the host has heard of the acceptance. */
    private String post(OrderRequest request, ObjectNode body) throws VenueException {
        JsonNode answer = rest.post("/orders", body);
        if (answer.path("success").asBoolean(false)) {
            String orderId = answer.path("success_response").path("order_id").asText(answer.path("order_id").asText(""));
            if (orderId.isEmpty()) {
                throw VenueException.outcomeUnknown(RestClient.BAD_ANSWER, "create order answered success without an"
                        + " order id");
            }
            orderIds.put(request.clientOrderId(), orderId);
            edits.remember(request);
            context.listener().onOrderAccepted(request.clientOrderId(), request.symbol(), orderId);
            return orderId;
        }
        JsonNode error = answer.path("error_response");
        String reason = error.path("new_order_failure_reason").asText("");
        if (reason.isBlank() || reason.equals("UNKNOWN_FAILURE_REASON")) {
            reason = error.path("error").asText(error.path("preview_failure_reason").asText("UNKNOWN_FAILURE_REASON"));
        }
        String message = error.path("message").asText(reason);
        if (reason.equals("DUPLICATE_CLIENT_ORDER_ID")) {
            throw VenueException.refused(RejectionCode.DUPLICATE_ORDER, message);
        }
        throw VenueException.refused(Wire.rejection(reason), "coinbase refused the order: " + reason + " ("
                + message + ")");
    }

    @Override
    public void cancel(ClientOrderId clientOrderId) throws VenueException {
        String orderId = orderIdOf(clientOrderId).orElseThrow(() -> VenueException.refused(UNKNOWN_ORDER,
                "coinbase does not know order " + clientOrderId));
        JsonNode answer = rest.post("/orders/batch_cancel", Wire.cancelBody(orderId));
        JsonNode result = answer.path("results").path(0);
        if (!result.path("success").asBoolean(false)) {
            String reason = result.path("failure_reason").asText("UNKNOWN_CANCEL_FAILURE_REASON");
            throw VenueException.refused(Wire.rejection(reason), "coinbase refused to cancel " + clientOrderId + ": "
                    + reason);
        }
    }

    /** Coinbase edits resting limit orders in place ({@code orders/edit}; see {@link OrderEdits}). */
    @Override
    public boolean supportsAmend() {
        return true;
    }

    /**
     * Hands the edit to {@link OrderEdits} and returns; throws at once for an order this venue has not
     * placed, listed or read (it knows no venue id of it), one that is no limit order, or terms that
     * are not positive.
     */
    @Override
    public void amend(ClientOrderId clientOrderId, Price limitPrice, Quantity quantity) throws VenueException {
        edits.submit(clientOrderId, orderIds.get(clientOrderId), limitPrice, quantity, userFeed);
    }

    @Override
    public Optional<Order> order(ClientOrderId clientOrderId) throws VenueException {
        Optional<Order> found = lookUp(clientOrderId);
        found.ifPresent(o -> edits.remember(o.request()));
        return found;
    }

    private Optional<Order> lookUp(ClientOrderId clientOrderId) throws VenueException {
        String known = orderIds.get(clientOrderId);
        if (known != null) {
            try {
                return Optional.of(Wire.order(rest.get("/orders/historical/" + known, List.of()).path("order")));
            } catch (VenueException e) {
                if (!"NOT_FOUND".equals(e.code().value())) {
                    throw e;
                }
                return Optional.empty();
            }
        }
        return find(clientOrderId).map(Wire::order);
    }

    /** Pages the order list, newest first, for the order with {@code clientOrderId}. */
    private Optional<JsonNode> find(ClientOrderId clientOrderId) throws VenueException {
        JsonNode[] found = new JsonNode[1];
        Pages.each(rest, "/orders/historical/batch", List.of(), Pages.PAGE, "orders", "order " + clientOrderId
                + " is not among the " + Pages.MAX_PAGES * Pages.PAGE + " newest orders and the list goes on (cannot"
                + " confirm it was never placed)", o -> {
                    if (!clientOrderId.value().equals(o.path("client_order_id").asText())) {
                        return true;
                    }
                    orderIds.put(clientOrderId, o.path("order_id").asText());
                    found[0] = o;
                    return false;
                });
        return Optional.ofNullable(found[0]);
    }

    private Optional<String> orderIdOf(ClientOrderId clientOrderId) throws VenueException {
        String known = orderIds.get(clientOrderId);
        if (known != null) {
            return Optional.of(known);
        }
        return find(clientOrderId).map(o -> o.path("order_id").asText());
    }

    @Override
    public List<Fill> fills(ClientOrderId clientOrderId) throws VenueException {
        Optional<String> orderId = orderIdOf(clientOrderId);
        return orderId.isEmpty() ? List.of() : fillsOf(orderId.get(), clientOrderId);
    }

    private List<Fill> fillsOf(String orderId, ClientOrderId clientOrderId) throws VenueException {
        List<Fill> out = new ArrayList<>();
        Pages.each(rest, "/orders/historical/fills", List.of(Map.entry("order_ids", orderId)), Pages.PAGE, "fills",
                "more than " + Pages.MAX_PAGES * Pages.PAGE + " fills of order " + clientOrderId,
                f -> out.add(Wire.fill(f, clientOrderId)));
        out.sort(Comparator.comparingLong(Fill::timestampNanos).thenComparing(Fill::tradeId));
        return out;
    }

    @Override
    public List<Order> openOrders() throws VenueException {
        List<Order> out = new ArrayList<>();
        Pages.each(rest, "/orders/historical/batch", List.of(Map.entry("order_status", "OPEN")), Pages.PAGE,
                "orders", "more than " + Pages.MAX_PAGES * Pages.PAGE + " open orders", o -> {
                    Order order = Wire.order(o);
                    orderIds.putIfAbsent(order.clientOrderId(), order.venueOrderId());
                    edits.remember(order.request());
                    return out.add(order);
                });
        return out;
    }

    @Override
    public AccountSnapshot account() throws VenueException {
        return Accounts.read(rest, settings, products(), context.clock());
    }

    /**
     * Funding payments on the perpetuals portfolio, oldest first; empty without {@code portfolio_uuid}
     * (see {@link Funding#payments}: a venue without the local exchange's funding list reads as none).
     */
    @Override
    public List<FundingPayment> fundingPayments() throws VenueException {
        return funding.payments();
    }

    /** Feed statistics: reconnects, gaps, messages, bad messages (for tests and the README's figures). */
    public Map<String, Long> feedStats() {
        Map<String, Long> out = new LinkedHashMap<>();
        if (marketFeed != null) {
            out.put("market_reconnects", marketFeed.reconnects());
            out.put("market_gaps", marketFeed.gaps());
            out.put("market_messages", marketFeed.messages());
            out.put("market_bad_messages", marketFeed.badMessages().total());
            out.put("quotes", marketFeed.quotes());
            out.put("depths", marketFeed.depths());
            out.put("trades", trades.reported());
            out.put("repeated_trades", trades.repeated());
            out.put("stale_flags", marketFeed.staleFlags());
        }
        if (userFeed != null) {
            out.put("user_reconnects", userFeed.reconnects());
            out.put("user_gaps", userFeed.gaps());
            out.put("user_messages", userFeed.messages());
            out.put("user_bad_messages", userFeed.badMessages().total());
        }
        return out;
    }

    /** The market feed, once subscribed. */
    public Optional<MarketFeed> marketFeed() {
        return Optional.ofNullable(marketFeed);
    }

    @Override
    public void close() {
        if (fundingPoll != null) {
            fundingPoll.cancel();
        }
        if (marketFeed != null) {
            marketFeed.close();
        }
        if (userFeed != null) {
            userFeed.close();
        }
    }

    static HttpClient client(CoinbaseSettings s) {
        return FeedSocket.client(s.connectTimeout());
    }
}
