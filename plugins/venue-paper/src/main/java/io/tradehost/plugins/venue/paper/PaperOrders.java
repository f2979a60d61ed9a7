package io.tradehost.plugins.venue.paper;

import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.Liquidity;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.OrderStatus;
import io.tradehost.api.order.Position;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.time.Clock;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Product;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Ratio;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.value.TimeInForce;
import io.tradehost.api.venue.VenueException;
import io.tradehost.api.venue.VenueListener;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The paper venue's order handling: placement (refused, filled at the touch as taker, resting or
 * cancelled as its time in force says), resting limits filled as maker when a market step crosses
 * them, stops triggered, cancels, amends of resting limits, and the orders and fills kept. A fill
 * takes what remains of its order. Every change is saved to the {@link PaperStore} and what the
 * host should hear joins the venue's pending reports; the venue commits and then reports
 * ({@link PaperVenue}). Kernel thread only.
 */
final class PaperOrders {
    /** The account's cash currency. */
    static final String CURRENCY = "USD";

    private final Map<Symbol, Market> markets;
    private final PaperAccount account;
    private final Ratio takerFeeBps;
    private final Ratio makerFeeBps;
    private final Clock clock;
    private final PaperStore store;
    private final List<Consumer<VenueListener>> reports;
    private final Map<ClientOrderId, Order> orders = new LinkedHashMap<>();
    private final Map<ClientOrderId, List<Fill>> fills = new HashMap<>();
    private final List<ClientOrderId> resting = new ArrayList<>();
    /** Resting stop orders whose trigger fired: they rest as the limit they became. */
    private final Set<ClientOrderId> triggered = new HashSet<>();
    private long tradeSequence;
    private long orderSequence;
    private long duplicatePlacements;

    /** @param reports the venue's pending reports, told to the host after its next commit */
    PaperOrders(Map<Symbol, Market> markets, PaperAccount account, Ratio takerFeeBps, Ratio makerFeeBps, Clock clock,
                PaperStore store, List<Consumer<VenueListener>> reports) {
        this.markets = markets;
        this.account = account;
        this.takerFeeBps = takerFeeBps;
        this.makerFeeBps = makerFeeBps;
        this.clock = clock;
        this.store = store;
        this.reports = reports;
    }

    /** Continues from the store's orders, fills and sequences. */
    void restore(PaperStore.Saved saved) {
        for (PaperStore.SavedOrder o : saved.orders()) {
            orders.put(o.order().clientOrderId(), o.order());
            if (o.resting()) {
                resting.add(o.order().clientOrderId());
            }
            if (o.triggered()) {
                triggered.add(o.order().clientOrderId());
            }
        }
        saved.fills().forEach(f -> fills.computeIfAbsent(f.clientOrderId(), k -> new ArrayList<>()).add(f));
        tradeSequence = saved.tradeSequence();
        orderSequence = saved.orderSequence();
    }

    /** After a market step: fills the resting orders the new book crosses, triggers the stops it reached. */
    void matchResting() {
        List<Order> fired = new ArrayList<>();
        Iterator<ClientOrderId> it = resting.iterator();
        while (it.hasNext()) {
            Order order = orders.get(it.next());
            OrderRequest r = order.request();
            Market market = markets.get(r.symbol());
            if (r.type().isStop() && !triggered.contains(r.clientOrderId())) {
                if (!r.triggersAt(Price.mid(market.bid(), market.ask()))) {
                    continue;
                }
                it.remove();
                fired.add(order);
                continue;
            }
            if (!crosses(r, r.side() == Side.BUY ? market.ask() : market.bid())) {
                continue;
            }
            it.remove();
            String refusal = refusal(r, order.remaining(), r.limitPrice(), makerFeeBps);
            if (refusal != null) {
                record(withStatus(order, OrderStatus.CANCELLED), false);
                reports.add(l -> l.onOrderCancelled(r.clientOrderId(), r.symbol(), refusal + " when the book crossed"));
            } else {
                fill(order, r.limitPrice(), makerFeeBps, Liquidity.MAKER);
            }
        }
        fired.forEach(this::trigger);
    }

    /**
     * A stop whose trigger the market reached: a stop-market fills at the touch as taker; a stop-limit
     * takes if marketable, else rests as the limit it became (it stays on the resting list, triggered).
     */
    private void trigger(Order order) {
        OrderRequest r = order.request();
        Market market = markets.get(r.symbol());
        Price touch = r.side() == Side.BUY ? market.ask() : market.bid();
        boolean marketable = r.type() == OrderType.STOP_MARKET || crosses(r, touch);
        if (!marketable) {
            triggered.add(r.clientOrderId());
            resting.add(r.clientOrderId());
            record(order, true);
            return;
        }
        String refusal = refusal(r, order.remaining(), touch, takerFeeBps);
        if (refusal != null) {
            record(withStatus(order, OrderStatus.CANCELLED), false);
            reports.add(l -> l.onOrderCancelled(r.clientOrderId(), r.symbol(), refusal + " when the stop triggered"));
        } else {
            fill(order, touch, takerFeeBps, Liquidity.TAKER);
        }
    }

    /**
     * Places {@code request}: saved, its answers pending (the venue commits and reports them).
     *
     * @throws VenueException for a client order id used before (the placement is counted and committed)
     */
    void place(OrderRequest request) throws VenueException {
        ClientOrderId id = request.clientOrderId();
        long attempts = store.countPlacement(id);
        if (orders.containsKey(id)) {
            duplicatePlacements++;
            store.commit();
            throw new VenueException(RejectionCode.DUPLICATE_ORDER, "client order id " + id + " was already used (placement "
                    + Math.max(attempts, 2) + ")", false);
        }
        Market market = markets.get(request.symbol());
        if (market == null) {
            reject(request, RejectionCode.of("UNKNOWN_SYMBOL"), "the paper venue does not list " + request.symbol());
            return;
        }
        Product product = market.product();
        Price touch = request.side() == Side.BUY ? market.ask() : market.bid();
        boolean armed = request.type().isStop() && !request.triggersAt(Price.mid(market.bid(), market.ask()));
        OrderType acting = request.type().triggered();
        boolean marketable = !armed && (acting == OrderType.MARKET || crosses(request, touch));
        String refusal = sizeRefusal(product, request.quantity());
        if (refusal == null) {
            refusal = marketable && request.postOnly() ? postOnlyRefusal(touch) : refusal(request, request.quantity(),
                    marketable ? touch : request.limitPrice() != null ? request.limitPrice() : request.stopPrice(),
                    marketable ? takerFeeBps : makerFeeBps);
        }
        if (refusal != null) {
            reject(request, code(refusal), refusal);
            return;
        }
        Order accepted = new Order(request, OrderStatus.ACCEPTED, Quantity.ZERO, "PV-" + (++orderSequence));
        record(accepted, false);
        reports.add(l -> l.onOrderAccepted(id, request.symbol(), accepted.venueOrderId()));
        if (marketable) {
            fill(accepted, touch, takerFeeBps, Liquidity.TAKER);
        } else if (armed) {
            resting.add(id);
            record(accepted, true);
        } else if (request.timeInForce() == TimeInForce.GTC) {
            if (request.type().isStop()) {
                triggered.add(id);
            }
            resting.add(id);
            record(accepted, true);
        } else {
            record(withStatus(accepted, OrderStatus.CANCELLED), false);
            reports.add(l -> l.onOrderCancelled(id, request.symbol(), request.timeInForce() + " limit not marketable"));
        }
        store.saveAccount(account.cash(), null, tradeSequence, orderSequence);
    }

    /** Whether limit order {@code r} would take liquidity against {@code touch}, the opposite side's best price. */
    private static boolean crosses(OrderRequest r, Price touch) {
        return r.side() == Side.BUY ? !touch.isGreaterThan(r.limitPrice()) : !touch.isLessThan(r.limitPrice());
    }

    /** Why {@code quantity} is not a size of {@code product} ({@code CODE: words}), or null if it is. */
    private static String sizeRefusal(Product product, Quantity quantity) {
        return !product.roundSize(quantity).equals(quantity) || quantity.isLessThan(product.minSize())
                ? "INVALID_SIZE: quantity " + quantity + " is not a multiple of " + product.sizeIncrement()
                        + " at least " + product.minSize() : null;
    }

    private static String postOnlyRefusal(Price touch) {
        return "POST_ONLY_WOULD_TAKE: post-only order would cross the book at " + touch;
    }

    /** The code of a refusal in {@code CODE: words} form. */
    private static RejectionCode code(String refusal) {
        return RejectionCode.of(refusal.substring(0, refusal.indexOf(':')));
    }

    /** Why the account cannot take a fill of {@code quantity} of {@code r} ({@code CODE: words}), or null if it can. */
    private String refusal(OrderRequest r, Quantity quantity, Price price, Ratio feeBps) {
        Product product = markets.get(r.symbol()).product();
        Position position = account.position(r.symbol());
        boolean reduces = position.isReducedBy(r.side(), quantity);
        if (r.reduceOnly() && !reduces) {
            return "REDUCE_ONLY: order would not shrink position " + position.quantity();
        }
        Money notional = price.times(quantity);
        Money fee = notional.bps(feeBps);
        if (!product.isPerpetual()) {
            if (r.side() == Side.BUY && account.cash().isLessThan(notional.plus(fee))) {
                return "INSUFFICIENT_FUNDS: need " + notional.plus(fee) + " " + CURRENCY + ", have " + account.cash();
            }
            if (r.side() == Side.SELL && position.quantity().isLessThan(quantity)) {
                return "INSUFFICIENT_BALANCE: selling " + quantity + " " + product.base() + ", holding "
                        + position.quantity();
            }
            return null;
        }
        if (reduces) {
            return null;
        }
        Money exposure = account.perpetualExposure(this::mid, this::product, r.symbol(), quantity.signed(r.side()));
        Money equity = account.equity(this::mid, this::product).minus(fee);
        if (!equity.isPositive() || exposure.ratioTo(equity).isGreaterThan(product.maxLeverage())) {
            return "INSUFFICIENT_MARGIN: perpetual exposure " + exposure + " on equity " + equity + " exceeds "
                    + product.maxLeverage() + "x";
        }
        return null;
    }

    /** Fills what remains of {@code order} (all of it but after an amend of a partly filled order). */
    private void fill(Order order, Price price, Ratio feeBps, Liquidity liquidity) {
        OrderRequest r = order.request();
        Quantity quantity = order.remaining();
        Money fee = price.times(quantity).bps(feeBps);
        Fill fill = new Fill("PT-" + (++tradeSequence), r.clientOrderId(), r.symbol(), r.side(), quantity, price,
                fee, liquidity, clock.nanos());
        account.book(fill, markets.get(r.symbol()).product());
        fills.computeIfAbsent(r.clientOrderId(), k -> new ArrayList<>()).add(fill);
        record(new Order(r, OrderStatus.FILLED, r.quantity(), order.venueOrderId()), false);
        store.saveFill(fill);
        store.saveAccount(account.cash(), account.position(r.symbol()), tradeSequence, orderSequence);
        reports.add(l -> l.onFill(fill));
    }

    private void reject(OrderRequest request, RejectionCode code, String message) {
        record(new Order(request, OrderStatus.REJECTED, Quantity.ZERO, null), false);
        reports.add(l -> l.onOrderRejected(request.clientOrderId(), request.symbol(), code, message));
    }

    private void record(Order order, boolean isResting) {
        orders.put(order.clientOrderId(), order);
        store.saveOrder(order, isResting, triggered.contains(order.clientOrderId()));
    }

    private static Order withStatus(Order order, OrderStatus status) {
        return new Order(order.request(), status, order.filledQuantity(), order.venueOrderId());
    }

    Price mid(Symbol symbol) {
        Market market = markets.get(symbol);
        return Price.mid(market.bid(), market.ask());
    }

    Product product(Symbol symbol) {
        return markets.get(symbol).product();
    }

    /** Cancels a resting order; whether there was one to cancel. */
    boolean cancel(ClientOrderId clientOrderId) throws VenueException {
        Order order = orders.get(clientOrderId);
        if (order == null) {
            throw new VenueException(RejectionCode.of("UNKNOWN_ORDER"), "no order " + clientOrderId, false);
        }
        if (!resting.remove(clientOrderId)) {
            return false;
        }
        record(withStatus(order, OrderStatus.CANCELLED), false);
        reports.add(l -> l.onOrderCancelled(clientOrderId, order.request().symbol(), "cancelled on request"));
        return true;
    }

    /**
     * Changes resting limit order {@code id} in place to rest at {@code price} for a total of
     * {@code total}, the filled part included: saved, its answers pending. New terms that cross the
     * book take liquidity as a new marketable limit would (what remains fills at the touch, as taker).
     * New terms the venue will not take (a size or price off the product's grid, a post-only order
     * that would take, a fill the account cannot take) are answered {@code onAmendRejected}, as a
     * placement's are {@code onOrderRejected}; the order then stands as it was.
     *
     * @throws VenueException refused at once, as a cancel of an unknown order is, when the order itself
     *     cannot be changed: {@code ORDER_NOT_FOUND}, {@code ONLY_OPEN_ORDERS_CAN_BE_EDITED},
     *     {@code ONLY_LIMIT_ORDER_EDITS_SUPPORTED} (stops, triggered ones included),
     *     {@code CANNOT_EDIT_TO_BELOW_FILLED_SIZE} (a total not above what filled)
     */
    void amend(ClientOrderId id, Price price, Quantity total) throws VenueException {
        Order order = orders.get(id);
        if (order == null) {
            throw VenueException.refused(RejectionCode.of("ORDER_NOT_FOUND"), "no order " + id);
        }
        OrderRequest r = order.request();
        if (!resting.contains(id)) {
            throw VenueException.refused(RejectionCode.of("ONLY_OPEN_ORDERS_CAN_BE_EDITED"), "order " + id + " is "
                    + order.status());
        }
        if (r.type() != OrderType.LIMIT) {
            throw VenueException.refused(RejectionCode.of("ONLY_LIMIT_ORDER_EDITS_SUPPORTED"), "order " + id + " is a "
                    + r.type());
        }
        if (!total.isGreaterThan(order.filledQuantity())) {
            throw VenueException.refused(RejectionCode.of("CANNOT_EDIT_TO_BELOW_FILLED_SIZE"), "order " + id
                    + " has filled " + order.filledQuantity() + ", the new total " + total + " is not above it");
        }
        Market market = markets.get(r.symbol());
        Product product = market.product();
        OrderRequest amended = r.amended(price, total);
        Order changed = new Order(amended, order.status(), order.filledQuantity(), order.venueOrderId());
        Price touch = r.side() == Side.BUY ? market.ask() : market.bid();
        boolean marketable = crosses(amended, touch);
        String refusal = sizeRefusal(product, total);
        if (refusal == null && (!price.isPositive() || !product.roundPrice(price, RoundingMode.DOWN).equals(price))) {
            refusal = "INVALID_PRICE: limit price " + price + " is not a positive multiple of "
                    + product.priceIncrement();
        }
        if (refusal == null) {
            refusal = marketable && r.postOnly() ? postOnlyRefusal(touch) : refusal(amended, changed.remaining(),
                    marketable ? touch : price, marketable ? takerFeeBps : makerFeeBps);
        }
        if (refusal != null) {
            String why = refusal + "; the order stands as it was";
            reports.add(l -> l.onAmendRejected(id, r.symbol(), code(why), why));
            return;
        }
        reports.add(l -> l.onOrderAmended(id, r.symbol(), price, total));
        if (marketable) {
            resting.remove(id);
            fill(changed, touch, takerFeeBps, Liquidity.TAKER);
        } else {
            record(changed, true);
        }
    }

    Optional<Order> order(ClientOrderId clientOrderId) {
        return Optional.ofNullable(orders.get(clientOrderId));
    }

    List<Fill> fills(ClientOrderId clientOrderId) {
        return List.copyOf(fills.getOrDefault(clientOrderId, List.of()));
    }

    List<Order> openOrders() {
        return resting.stream().map(orders::get).toList();
    }

    long tradeSequence() {
        return tradeSequence;
    }

    long orderSequence() {
        return orderSequence;
    }

    /** Placements refused because their client order id had been used. */
    long duplicatePlacements() {
        return duplicatePlacements;
    }
}
