package io.tradehost.simulator;

import io.tradehost.api.order.AccountSnapshot;
import io.tradehost.api.order.Balance;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.FundingPayment;
import io.tradehost.api.order.Liquidity;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.Position;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Product;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Ratio;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.value.TimeInForce;
import io.tradehost.api.venue.VenueException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One simulated exchange's matching and account, fed a market by its venue. Each listed symbol has
 * a touch (best bid and ask) and a mark (what positions are valued and stops trigger at), set with
 * {@link #market}. Market orders and marketable limits fill at once, wholly, at the touch moved by
 * the slippage, as taker; other limits rest and fill at their limit, as maker, when the feed says
 * the market reached them ({@link #match}) or a trade reached them ({@link #trade}); IOC and FOK
 * limits that cannot take end; post-only orders that would take are refused; stops (when {@link
 * EngineRules#nativeStops}) rest until the mark reaches their trigger, then take as a market order or,
 * a stop-limit, as its limit. Resting limits can be amended in place. Every fill is checked against
 * the account first: spot buys need cash, spot sells holdings, perpetuals margin, reduce-only orders
 * a position to shrink. Where the market shows its size, {@link FillModel} walks takers through the
 * book and queues resting limits behind the size ahead of them; where it does not, liquidity at the
 * touch is unlimited and a fill takes all that remains of its order.
 *
 * <p>A refusal the engine can give before it takes an order is a rejection ({@link #place},
 * {@link #submit}); one it finds only when an order taken earlier reaches the book ({@link #arrive})
 * or when the market reaches a resting order is a cancellation whose reason starts with the code.
 *
 * <p>Contract: every operation returns the events it caused ({@link EngineEvent}), in order, and
 * reports nothing else anywhere; the venue decides when and how the host hears them. Time is passed
 * in ({@code nowNanos}, nanoseconds since the epoch, the time its fills carry); the engine has no
 * clock, threads or timers, so the same calls give the same events. Arguments are never null. Not
 * thread-safe: one thread (the host's kernel thread) calls it.
 */
public final class MatchingEngine {
    /** The account's cash currency. */
    public static final String CURRENCY = "USD";

    private final EngineRules rules;
    private final Markets markets;
    private final Account account;
    private final OrderBook book = new OrderBook();
    private final Fills fills;
    private long duplicatePlacements;

    /**
     * An engine with an empty book and {@code startingCash}, listing {@code products}; no symbol
     * has a market until {@link #market} sets it.
     */
    public MatchingEngine(EngineRules rules, Collection<Product> products, Money startingCash) {
        this.rules = rules;
        Map<Symbol, Product> listed = new HashMap<>();
        products.forEach(p -> listed.put(p.symbol(), p));
        this.markets = new Markets(rules, listed);
        this.account = new Account(startingCash, markets::mark, markets::product);
        this.fills = new Fills(rules, markets, account, book);
    }

    /**
     * Sets {@code symbol}'s market: its touch and its mark. Matches nothing: call {@link #match}
     * once the update is complete.
     *
     * @throws IllegalArgumentException for a symbol the engine does not list
     */
    public void market(Symbol symbol, Price bid, Price ask, Price mark) {
        markets.set(symbol, new Touch(bid, ask, mark));
    }

    /**
     * Sets {@code symbol}'s market with the size shown at its bid and ask ({@link FillModel}); a null
     * size is a market that shows none. Matches nothing.
     *
     * @throws IllegalArgumentException for a symbol the engine does not list
     */
    public void market(Symbol symbol, Price bid, Quantity bidSize, Price ask, Quantity askSize, Price mark) {
        markets.set(symbol, new Touch(bid, bidSize, ask, askSize, mark));
    }

    /**
     * A trade of the market (not the engine's) at {@code price} for {@code size}: the resting limits of
     * {@code symbol} it traded through fill wholly; with queues ({@link FillModel#queuePosition}) those
     * at its price count it against the queue ahead of them, then fill by what is left, in the order
     * they came to rest. Then the stops the mark reached trigger. At their limit, as maker.
     */
    public List<EngineEvent> trade(Symbol symbol, Price price, Quantity size, long nowNanos) {
        List<EngineEvent> out = fills.retake(symbol, nowNanos);
        out.addAll(fills.trade(symbol, price, size, nowNanos));
        out.addAll(match((s, side, limit) -> false, nowNanos));
        return out;
    }

    /** The product listed as {@code symbol}, or null. */
    public Product product(Symbol symbol) {
        return markets.product(symbol);
    }

    /** {@code symbol}'s mark, or null before its first {@link #market}. */
    public Price mark(Symbol symbol) {
        return markets.mark(symbol);
    }

    /** Whether the engine takes orders of {@code type}: every type, stops only with native stops. */
    public boolean takes(OrderType type) {
        return markets.takes(type);
    }

    /**
     * Places {@code request}: taken and brought to the book at once, or rejected. Taken, it fills
     * ({@code Accepted}, {@code Filled}), rests ({@code Accepted}), or ends by its time in force
     * ({@code Accepted}, {@code Cancelled}).
     *
     * @throws VenueException {@code DUPLICATE_ORDER} for a client order id used before (counted)
     */
    public List<EngineEvent> place(OrderRequest request, long nowNanos) throws VenueException {
        List<EngineEvent> out = new ArrayList<>();
        Refusal refusal = admission(request);
        Markets.Entry entry = refusal == null ? markets.entry(request, request.quantity(), account) : null;
        if (refusal == null) {
            refusal = entry.refusal();
        }
        if (refusal != null) {
            book.reject(request, refusal, out);
        } else {
            execute(book.accept(request, rules.orderIdPrefix(), out), entry, nowNanos, out);
        }
        return out;
    }

    /**
     * Takes {@code request} without bringing it to the book (a venue with latency): it is checked as
     * far as it can be without a market and then {@code Accepted} or {@code Rejected}; a taken order
     * waits for {@link #arrive}.
     *
     * @throws VenueException {@code DUPLICATE_ORDER} for a client order id used before (counted)
     */
    public List<EngineEvent> submit(OrderRequest request) throws VenueException {
        List<EngineEvent> out = new ArrayList<>();
        Refusal refusal = admission(request);
        if (refusal != null) {
            book.reject(request, refusal, out);
        } else {
            book.pending.add(book.accept(request, rules.orderIdPrefix(), out).clientOrderId());
        }
        return out;
    }

    /** Whether order {@code id} was submitted and has not reached the book yet. */
    public boolean isPending(ClientOrderId id) {
        return book.pending.contains(id);
    }

    /**
     * Order {@code id}, submitted earlier, reaches the book: it fills, rests or ends as a placement's
     * would, and a refusal cancels it (the reason starting with the code). A cancel asked while it
     * was on its way then cancels what rests. Nothing for an order not pending.
     */
    public List<EngineEvent> arrive(ClientOrderId id, long nowNanos) {
        List<EngineEvent> out = new ArrayList<>();
        if (!book.pending.remove(id)) {
            return out;
        }
        Order order = book.get(id);
        Markets.Entry entry = markets.entry(order.request(), order.remaining(), account);
        if (entry.refusal() != null) {
            book.cancel(order, entry.refusal().text(), out);
        } else {
            execute(order, entry, nowNanos, out);
        }
        if (book.cancelOnArrival.remove(id) && book.resting.remove(id)) {
            book.cancel(book.get(id), "cancelled on request", out);
        }
        OrderRequest amended = book.amendOnArrival.remove(id);
        if (amended != null) {
            out.addAll(Amendments.onArrival(this, book.get(id), amended, book.resting.contains(id), nowNanos));
        }
        return out;
    }

    /**
     * After a market update: fills the resting limits {@code reach} says the market reached (at their
     * limit, as maker; an account that can no longer take the fill cancels the order instead), then
     * triggers the stops whose trigger the mark reached. Orders are taken in the order they came to
     * rest.
     */
    public List<EngineEvent> match(Reach reach, long nowNanos) {
        List<EngineEvent> out = fills.retake(null, nowNanos);
        List<Order> fired = new ArrayList<>();
        Iterator<ClientOrderId> it = book.resting.iterator();
        while (it.hasNext()) {
            Order order = book.get(it.next());
            OrderRequest r = order.request();
            if (r.type().isStop() && !book.triggered.contains(r.clientOrderId())) {
                if (r.triggersAt(markets.get(r.symbol()).mark())) {
                    it.remove();
                    fired.add(order);
                }
                continue;
            }
            if (!reach.reaches(r.symbol(), r.side(), r.limitPrice())) {
                continue;
            }
            it.remove();
            Refusal refusal = account.refusal(r, order.remaining(), r.limitPrice(), rules.makerFeeBps());
            if (refusal != null) {
                book.cancel(order, refusal.text() + " when the book crossed", out);
            } else {
                fills.fill(order, r.limitPrice(), order.remaining(), rules.makerFeeBps(), Liquidity.MAKER, nowNanos, out);
            }
        }
        fired.forEach(order -> fills.trigger(order, nowNanos, out));
        return out;
    }

    /**
     * The reach of a market that is its own touch: a resting buy is reached when the ask is at or
     * below its limit, a sell when the bid is at or above it.
     */
    public Reach touchCrossing() {
        return markets::crossedByTouch;
    }

    /**
     * Cancels resting order {@code id} ({@code Cancelled}, "cancelled on request"); nothing for an
     * order that no longer rests. A pending order is cancelled when it reaches the book, if it rests
     * there (one that takes on arrival fills).
     *
     * @throws VenueException {@code UNKNOWN_ORDER} for an id never placed
     */
    public List<EngineEvent> cancel(ClientOrderId id) throws VenueException {
        Order order = book.get(id);
        if (order == null) {
            throw new VenueException(RejectionCode.of("UNKNOWN_ORDER"), "no order " + id, false);
        }
        List<EngineEvent> out = new ArrayList<>();
        if (book.pending.contains(id)) {
            book.cancelOnArrival.add(id);
        } else if (book.resting.remove(id)) {
            book.cancel(order, "cancelled on request", out);
        }
        return out;
    }

    /**
     * Changes resting limit order {@code id} in place to rest at {@code price} for a total of
     * {@code total}, the filled part included ({@link Amendments}).
     *
     * @throws VenueException refused at once when the order itself cannot be changed:
     *     {@code ORDER_NOT_FOUND}, {@code ONLY_OPEN_ORDERS_CAN_BE_EDITED},
     *     {@code ONLY_LIMIT_ORDER_EDITS_SUPPORTED}, {@code CANNOT_EDIT_TO_BELOW_FILLED_SIZE}
     */
    public List<EngineEvent> amend(ClientOrderId id, Price price, Quantity total, long nowNanos)
            throws VenueException {
        Order order = book.get(id);
        if (order != null && book.pending.contains(id)) {
            // accepted but still on its way: the amend follows it, as a cancel does, and is answered there
            Amendments.refuseAtOnce(id, order, true, total);
            book.amendOnArrival.put(id, order.request().amended(price, total));
            return List.of();
        }
        Amendments.refuseAtOnce(id, order, book.resting.contains(id), total);
        Order changed = new Order(order.request().amended(price, total), order.status(), order.filledQuantity(),
                order.venueOrderId());
        Markets.Entry entry = Amendments.entry(changed, markets, account);
        List<EngineEvent> out = new ArrayList<>();
        if (entry.refusal() != null) {
            String why = entry.refusal().text() + "; the order stands as it was";
            out.add(new EngineEvent.AmendRejected(order, entry.refusal().rejectionCode(), why));
            return out;
        }
        book.amend(changed, out);
        if (entry.marketable()) {
            book.resting.remove(id);
            fills.take(changed, entry, nowNanos, out);
        } else if (!price.equals(order.request().limitPrice()) || total.isGreaterThan(order.request().quantity())) {
            fills.queue(changed); // a new price, or more of it, joins the back of the queue; less keeps its place
        }
        return out;
    }

    /** What a placement must pass before the market is looked at; null if it does. Counts a duplicate. */
    private Refusal admission(OrderRequest request) throws VenueException {
        ClientOrderId id = request.clientOrderId();
        if (book.get(id) != null) {
            duplicatePlacements++;
            throw new VenueException(RejectionCode.DUPLICATE_ORDER, "client order id " + id + " was already used",
                    false);
        }
        return markets.admission(request);
    }

    /** A taken order at the book: it fills, rests, or ends by its time in force. */
    private void execute(Order order, Markets.Entry entry, long nowNanos, List<EngineEvent> out) {
        OrderRequest r = order.request();
        if (entry.marketable()) {
            fills.take(order, entry, nowNanos, out);
        } else if (entry.armed()) {
            book.resting.add(r.clientOrderId());
        } else if (r.timeInForce() == TimeInForce.GTC) {
            if (r.type().isStop()) {
                book.triggered.add(r.clientOrderId());
            }
            book.resting.add(r.clientOrderId());
            fills.queue(order);
        } else {
            book.cancel(order, r.timeInForce() + " limit not marketable", out);
        }
    }

    /** The engine's view of order {@code id}, if it knows the id. */
    public Optional<Order> order(ClientOrderId id) {
        return Optional.ofNullable(book.get(id));
    }

    /** Order {@code id} with where it stands in the book, for a venue saving it; empty for an unknown id. */
    public Optional<BookedOrder> booked(ClientOrderId id) {
        return book.booked(id);
    }

    /** Every fill of order {@code id}, oldest first. */
    public List<Fill> fills(ClientOrderId id) {
        return book.fills(id);
    }

    /** Whether any order rests: {@link #match} has nothing to do without. */
    public boolean hasResting() {
        return !book.resting.isEmpty();
    }

    /** The resting orders, in the order they came to rest. */
    public List<Order> openOrders() {
        return book.openOrders();
    }

    /**
     * Continues from a saved book, replacing this one: cash, positions, orders (resting ones rest
     * again in the order given), fills and the id sequences. Markets are not part of it.
     */
    public void restore(Money cash, Collection<Position> positions, List<BookedOrder> saved, List<Fill> savedFills,
                        long savedTradeSequence, long savedOrderSequence) {
        account.restore(cash, positions);
        book.restore(saved, savedFills, savedTradeSequence, savedOrderSequence);
    }

    /** The account's cash, in {@link #CURRENCY}. */
    public Money cash() {
        return account.cash();
    }

    /** Every position booked, flat ones included, by symbol: a copy. */
    public Map<Symbol, Position> positions() {
        return new TreeMap<>(account.positions());
    }

    /** {@code symbol}'s position; flat if none was booked. */
    public Position position(Symbol symbol) {
        return account.position(symbol);
    }

    /** Cash plus spot holdings at the marks plus perpetual unrealised PnL at them. */
    public Money equity() {
        return account.equity();
    }

    /** Moves {@code amount} (signed) into the cash: a funding payment, say. */
    public void credit(Money amount) {
        account.credit(amount);
    }

    /**
     * A funding time: each open perpetual position with a rate in {@code rates} pays {@link
     * FundingPayment#owed} at its mark, booked in the cash; the payments are numbered {@code idPrefix}
     * followed by {@code firstNumber}, {@code firstNumber + 1}, ... in symbol order.
     */
    public List<FundingPayment> fund(Map<Symbol, Ratio> rates, String idPrefix, long firstNumber, long nowNanos) {
        List<FundingPayment> booked = new ArrayList<>();
        for (Position p : account.positions().values()) {
            Ratio rate = rates.get(p.symbol());
            Price mark = markets.mark(p.symbol());
            if (p.isFlat() || rate == null || rate.isZero() || mark == null || !markets.product(p.symbol())
                    .isPerpetual()) {
                continue;
            }
            FundingPayment payment = new FundingPayment(idPrefix + (firstNumber + booked.size()), p.symbol(),
                    FundingPayment.owed(p.quantity(), mark, rate), rate, p.quantity(), mark, nowNanos);
            account.credit(payment.amount());
            booked.add(payment);
        }
        return booked;
    }

    /** Cash and positions, stamped {@code nowNanos}. */
    public AccountSnapshot account(long nowNanos) {
        return new AccountSnapshot(List.of(new Balance(CURRENCY, account.cash())),
                List.copyOf(account.positions().values()), nowNanos);
    }

    /** Fills made so far, restored ones included: the last trade id's number. */
    public long tradeSequence() {
        return book.tradeSequence();
    }

    /** Orders taken so far, restored ones included: the last venue order id's number. */
    public long orderSequence() {
        return book.orderSequence();
    }

    /** Placements refused because their client order id had been used. */
    public long duplicatePlacements() {
        return duplicatePlacements;
    }
}
