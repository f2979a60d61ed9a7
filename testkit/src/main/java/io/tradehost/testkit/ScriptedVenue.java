package io.tradehost.testkit;

import io.tradehost.api.market.BookDepth;
import io.tradehost.api.market.FundingRate;
import io.tradehost.api.market.Quote;
import io.tradehost.api.market.Trade;
import io.tradehost.api.order.AccountSnapshot;
import io.tradehost.api.order.Balance;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.FundingPayment;
import io.tradehost.api.order.Liquidity;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.OrderStatus;
import io.tradehost.api.order.Position;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Product;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Ratio;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.venue.Venue;
import io.tradehost.api.venue.VenueException;
import io.tradehost.api.venue.VenueFactory;
import io.tradehost.api.venue.VenueListener;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
/**
 * A venue whose answers a test scripts: each placed order is answered by the next scripted
 * {@link Answer} (by default: accepted and filled at {@link #fillPrice}), each amend as its
 * {@link #amends()} say, synchronously through the listener. Records what the host asked. Not
 * thread-safe: use it on the kernel thread.
 */
public final class ScriptedVenue implements Venue {
    /** How the venue answers one placed order. */
    public enum Answer {
        /** Accept and fill completely at the fill price, as taker. */
        FILL,
        /** Accept, fill half, then leave the rest open. */
        PARTIAL_FILL,
        /** Accept and leave open. */
        ACCEPT,
        /** Reject with code {@code INSUFFICIENT_FUNDS}. */
        REJECT,
        /** Throw a transient {@link VenueException} from {@code place}. */
        THROW,
        /** Throw a rate-limit {@link VenueException} asking for a 2 s wait. */
        RATE_LIMIT,
        /** Time out before the venue sees the order: outcome unknown, nothing placed. */
        TIMEOUT_LOST,
        /** Accept and fill the order, then time out: outcome unknown, but the order exists. */
        TIMEOUT_FILLED,
        /** Accept and leave the order open without telling the host, then time out: outcome unknown, the order rests. */
        TIMEOUT_OPEN,
        /** Accept and fill at the venue without telling the host, as if the host were down. */
        FILL_SILENTLY,
        /** Throw a permanent {@link VenueException} from {@code place}. */
        REFUSE,
        /** Throw an unchecked exception from {@code place} without acting, as a buggy plugin would. */
        BUG
    }

    private final List<Product> products;
    private final Deque<Answer> script = new ArrayDeque<>();
    private final List<OrderRequest> placed = new ArrayList<>();
    private final List<ClientOrderId> cancelled = new ArrayList<>();
    private final Map<ClientOrderId, Order> orders = new LinkedHashMap<>();
    private final Map<ClientOrderId, List<Fill>> fills = new LinkedHashMap<>();
    private final Set<Symbol> subscribed = new LinkedHashSet<>();
    private VenueListener listener;
    private final ScriptedAmends amends = new ScriptedAmends(orders, () -> listener);
    private List<FundingPayment> funding = List.of();
    private boolean nativeStops;
    private boolean trades;
    private boolean depth;
    private Price fillPrice = Price.ofUnits(100);
    private Money fee = Money.ZERO;
    private AccountSnapshot account = new AccountSnapshot(List.of(new Balance("USD", Money.ofUnits(10_000))),
            List.of(), 0);
    private VenueException connectFailure;
    private boolean connected;
    private boolean closed;
    private int tradeSequence;

    /** A venue listing {@code products}, with 10 000 USD and no positions. */
    public ScriptedVenue(List<Product> products) {
        this.products = List.copyOf(products);
    }

    /** A factory named {@code name} that hands out {@code venue}, wiring the host's listener into it. */
    public static VenueFactory factory(String name, List<String> requiredCredentials, ScriptedVenue venue) {
        return new ScriptedVenueFactory(name, requiredCredentials, venue);
    }

    public ScriptedVenue listener(VenueListener value) {
        this.listener = value;
        return this;
    }

    /** Queues answers for the next orders, in order; once used up, orders fill. */
    public ScriptedVenue answer(Answer... answers) {
        script.addAll(List.of(answers));
        return this;
    }

    public ScriptedVenue fillPrice(Price value) {
        this.fillPrice = value;
        return this;
    }

    public ScriptedVenue fee(Money value) {
        this.fee = value;
        return this;
    }

    public ScriptedVenue account(Money cash, Position... positions) {
        this.account = new AccountSnapshot(List.of(new Balance("USD", cash)), List.of(positions), 0);
        return this;
    }

    /** Makes {@link #connect()} fail with {@code failure}. */
    public ScriptedVenue failConnect(VenueException failure) {
        this.connectFailure = failure;
        return this;
    }

    /** Sends {@code quote} to the host as market data. */
    public void emit(Quote quote) {
        listener.onQuote(quote);
    }

    /** Sends a fill for an open order, e.g. to test duplicates or late fills. */
    public void emitFill(Fill fill) {
        listener.onFill(fill);
    }

    /** Reports a lost ({@code false}) or restored connection to the host. */
    public void emitConnection(boolean value) {
        listener.onConnectionChanged(value, value ? "scripted reconnect" : "scripted disconnect");
    }

    /** Sends several fills in one report. */
    public void emitFills(Iterable<Fill> fills) {
        listener.onFills(fills);
    }

    /** Reports a funding payment to the host. */
    public void emitFunding(FundingPayment payment) {
        listener.onFunding(payment);
    }

    /** Reports {@code symbol}'s market data as lost to the host. */
    public void emitStale(Symbol symbol, String reason) {
        listener.onMarketDataStale(symbol, reason);
    }

    /** Makes the venue say it publishes trades (strategies' bars are then built from trades). */
    public ScriptedVenue publishesTrades(boolean value) {
        trades = value;
        return this;
    }

    @Override
    public boolean publishesTrades() {
        return trades;
    }

    /** Reports a public trade. */
    public void emitTrade(Trade trade) {
        listener.onTrade(trade);
    }

    /** Makes the venue say it publishes order-book depth. */
    public ScriptedVenue publishesDepth(boolean value) {
        depth = value;
        return this;
    }

    @Override
    public boolean publishesDepth() {
        return depth;
    }

    /** Reports order-book depth. */
    public void emitBook(BookDepth book) {
        listener.onBook(book);
    }

    /** Reports a perpetual's funding rate. */
    public void emitFundingRate(FundingRate funding) {
        listener.onFundingRate(funding);
    }

    /**
     * Fills {@code quantity} of the open order {@code id} at {@code price} as maker (a resting order the
     * market reached), reporting the fill; the order is filled once nothing remains.
     *
     * @throws IllegalStateException if the order is not open
     */
    public Fill fillOpen(ClientOrderId id, Quantity quantity, Price price) {
        Order order = orders.get(id);
        if (order == null || order.status().isTerminal()) {
            throw new IllegalStateException("no open order " + id);
        }
        Fill fill = new Fill("t-" + (++tradeSequence), id, order.request().symbol(), order.request().side(), quantity,
                price, fee, Liquidity.MAKER, 0);
        fills.computeIfAbsent(id, k -> new ArrayList<>()).add(fill);
        Quantity filled = order.filledQuantity().plus(quantity);
        orders.put(id, new Order(order.request(), filled.isLessThan(order.request().quantity())
                ? OrderStatus.PARTIALLY_FILLED : OrderStatus.FILLED, filled, order.venueOrderId()));
        listener.onFill(fill);
        return fill;
    }

    /** Makes {@link #supportsNatively} answer {@code value} for stops (default: the interface's, false). */
    public ScriptedVenue nativeStops(boolean value) {
        this.nativeStops = value;
        return this;
    }

    @Override
    public boolean supportsNatively(OrderType type) {
        return !type.isStop() || nativeStops;
    }

    /** The funding payments {@link #fundingPayments} answers. */
    public ScriptedVenue funding(List<FundingPayment> payments) {
        this.funding = List.copyOf(payments);
        return this;
    }

    @Override
    public List<FundingPayment> fundingPayments() {
        return funding;
    }

    /** Every call to {@code place}, including ones that threw. */
    public List<OrderRequest> placed() {
        return List.copyOf(placed);
    }

    public List<ClientOrderId> cancelled() {
        return List.copyOf(cancelled);
    }

    public Set<Symbol> subscribed() {
        return Set.copyOf(subscribed);
    }

    public boolean isConnected() {
        return connected;
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public void connect() throws VenueException {
        if (connectFailure != null) {
            throw connectFailure;
        }
        connected = true;
    }

    @Override
    public List<Product> products() {
        return products;
    }

    @Override
    public void subscribe(Set<Symbol> symbols) {
        subscribed.addAll(symbols);
    }

    @Override
    public void place(OrderRequest request) throws VenueException {
        placed.add(request);
        Answer answer = script.isEmpty() ? Answer.FILL : script.poll();
        ClientOrderId id = request.clientOrderId();
        switch (answer) {
            case THROW -> throw VenueException.transientFailure(RejectionCode.of("UNAVAILABLE"), "scripted outage");
            case REFUSE -> throw VenueException.refused(RejectionCode.of("ACCOUNT_LOCKED"), "scripted refusal");
            case BUG -> throw new IllegalStateException("scripted plugin bug");
            case RATE_LIMIT -> throw VenueException.rateLimited(RejectionCode.of("RATE_LIMITED"), "scripted rate limit",
                    Duration.ofSeconds(2));
            case TIMEOUT_LOST -> throw VenueException.outcomeUnknown(RejectionCode.of("TIMEOUT"), "scripted timeout, order lost");
            case REJECT -> {
                orders.put(id, new Order(request, OrderStatus.REJECTED, Quantity.ZERO, null));
                listener.onOrderRejected(id, request.symbol(), RejectionCode.of("INSUFFICIENT_FUNDS"), "scripted rejection");
            }
            case ACCEPT -> accept(request, true);
            case TIMEOUT_OPEN -> {
                accept(request, false);
                throw VenueException.outcomeUnknown(RejectionCode.of("TIMEOUT"), "scripted timeout, order resting");
            }
            case PARTIAL_FILL -> {
                accept(request, true);
                Quantity half = request.quantity().times(Ratio.of("0.5"), RoundingMode.DOWN);
                fill(request, half, true);
                orders.put(id, new Order(request, OrderStatus.PARTIALLY_FILLED, half, "v-" + id));
            }
            case FILL, TIMEOUT_FILLED, FILL_SILENTLY -> {
                boolean tell = answer != Answer.FILL_SILENTLY;
                accept(request, tell);
                fill(request, request.quantity(), tell);
                orders.put(id, new Order(request, OrderStatus.FILLED, request.quantity(), "v-" + id));
                if (answer == Answer.TIMEOUT_FILLED) {
                    throw VenueException.outcomeUnknown(RejectionCode.of("TIMEOUT"), "scripted timeout after the order filled");
                }
            }
        }
    }

    private void accept(OrderRequest request, boolean tell) {
        orders.put(request.clientOrderId(), new Order(request, OrderStatus.ACCEPTED, Quantity.ZERO, "v-" + request.clientOrderId()));
        if (tell) {
            listener.onOrderAccepted(request.clientOrderId(), request.symbol(), "v-" + request.clientOrderId());
        }
    }

    private void fill(OrderRequest request, Quantity quantity, boolean tell) {
        Fill fill = new Fill("t-" + (++tradeSequence), request.clientOrderId(), request.symbol(), request.side(),
                quantity, fillPrice, fee, Liquidity.TAKER, 0);
        fills.computeIfAbsent(request.clientOrderId(), k -> new ArrayList<>()).add(fill);
        if (tell) {
            listener.onFill(fill);
        }
    }

    @Override
    public void cancel(ClientOrderId clientOrderId) {
        cancelled.add(clientOrderId);
        Order order = orders.get(clientOrderId);
        if (order != null && !order.status().isTerminal()) {
            orders.put(clientOrderId, new Order(order.request(), OrderStatus.CANCELLED, order.filledQuantity(),
                    order.venueOrderId()));
            listener.onOrderCancelled(clientOrderId, order.request().symbol(), "cancelled by host");
        }
    }

    /** Whether it amends, how it answers each amend, and the amends asked ({@link ScriptedAmends}). */
    public ScriptedAmends amends() {
        return amends;
    }

    /** Makes {@link #supportsAmend()} answer {@code value} (default false): {@code amends().supported(value)}. */
    public ScriptedVenue supportsAmend(boolean value) {
        amends.supported(value);
        return this;
    }

    @Override
    public boolean supportsAmend() {
        return amends.supported();
    }

    /** Recorded, then answered as {@link #amends()} script; refused ({@code AMEND_UNSUPPORTED}) unless supported. */
    @Override
    public void amend(ClientOrderId clientOrderId, Price limitPrice, Quantity quantity) throws VenueException {
        amends.amend(clientOrderId, limitPrice, quantity);
    }

    @Override
    public Optional<Order> order(ClientOrderId clientOrderId) {
        return Optional.ofNullable(orders.get(clientOrderId));
    }

    @Override
    public List<Fill> fills(ClientOrderId clientOrderId) {
        return List.copyOf(fills.getOrDefault(clientOrderId, List.of()));
    }

    @Override
    public List<Order> openOrders() {
        return orders.values().stream().filter(o -> !o.status().isTerminal()).toList();
    }

    @Override
    public AccountSnapshot account() {
        return account;
    }

    @Override
    public void close() {
        closed = true;
    }
}
