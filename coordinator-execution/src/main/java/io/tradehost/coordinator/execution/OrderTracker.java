package io.tradehost.coordinator.execution;

import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.OrderStatus;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Symbol;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's orders and their checked state transitions, and the per-symbol in-flight lock: a
 * symbol is locked from submission until its order is terminal, unless the order is one a strategy
 * manages by handle (those may rest many at a time, and never lock). An illegal transition is logged
 * and counted, never applied. Kernel thread only.
 */
public final class OrderTracker {
    private static final Logger LOG = LoggerFactory.getLogger(OrderTracker.class);

    /** One tracked order. Mutable, owned by the tracker. */
    public static final class Tracked {
        private OrderRequest request;
        private final boolean locks;
        private OrderStatus status = OrderStatus.SUBMITTED;
        private Quantity filled = Quantity.ZERO;
        /** Which end of an order this is, counting every order's ends: only its latest may forget it. */
        private long end;

        Tracked(OrderRequest request, boolean locks) {
            this.request = request;
            this.locks = locks;
        }

        public OrderRequest request() {
            return request;
        }

        public OrderStatus status() {
            return status;
        }

        public Quantity filled() {
            return filled;
        }

        /** Whether the order holds its symbol's in-flight lock while it is open. */
        public boolean locks() {
            return locks;
        }
    }

    /** Terminal orders kept, most recent first out last: a late report for one finds it. */
    public static final int DEFAULT_HISTORY = 10_000;

    private final Map<ClientOrderId, Tracked> orders = new HashMap<>();
    /** Orders in the order they ended; past {@link #history} the oldest are forgotten. */
    private final ArrayDeque<Ended> ended = new ArrayDeque<>();
    private final int history;
    private long ends;

    /** An order that ended, and which end of it this was (an order the venue reopens may end again). */
    private record Ended(ClientOrderId id, long end) {
    }
    private final Map<Symbol, ClientOrderId> inFlight = new HashMap<>();
    private long illegalTransitions;
    /** Orders not yet terminal, kept as they change: health and reloads ask, and the map holds every order. */
    private final Map<ClientOrderId, Tracked> open = new LinkedHashMap<>();

    /** A tracker with no orders, keeping the last {@value #DEFAULT_HISTORY} terminal ones. */
    public OrderTracker() {
        this(DEFAULT_HISTORY);
    }

    /**
     * A tracker with no orders that keeps the last {@code history} terminal orders and forgets
     * older ones, so that a host placing orders for months holds a bounded number: a report for a
     * forgotten order is then one for an unknown order (its fill is still booked, see
     * {@link ExecutionCoordinator}). Orders not yet terminal are never forgotten.
     */
    public OrderTracker(int history) {
        if (history < 1) {
            throw new IllegalArgumentException("history must be positive: " + history);
        }
        this.history = history;
    }

    /** Starts tracking a submitted order and locks its symbol. */
    public Tracked submit(OrderRequest request) {
        return submit(request, true);
    }

    /**
     * Starts tracking a submitted order; {@code lock} says whether it holds its symbol's in-flight lock
     * (orders a strategy manages by handle do not: it tracks them itself).
     */
    public Tracked submit(OrderRequest request, boolean lock) {
        Tracked tracked = new Tracked(request, lock);
        put(request.clientOrderId(), tracked);
        if (lock) {
            inFlight.put(request.symbol(), request.clientOrderId());
        }
        return tracked;
    }

    /**
     * Makes the tracker hold {@code venueView} as the truth about its order: adopts an unknown
     * order, or overwrites the status and filled quantity of a known one (reconciliation and
     * restarts, where the venue's word wins over the checked transitions). An adopted order holds its
     * symbol's in-flight lock while open; a known one locks as it was submitted. Returns the status
     * the order had, or null if it was unknown.
     */
    public OrderStatus reconcile(Order venueView) {
        return reconcile(venueView, true);
    }

    /**
     * As {@link #reconcile(Order)}, where {@code lock} says whether an order the tracker adopts holds
     * its symbol's in-flight lock while open (a restart restores a strategy's managed orders without
     * it). A known order keeps what it was submitted or adopted with.
     */
    public OrderStatus reconcile(Order venueView, boolean lock) {
        ClientOrderId id = venueView.clientOrderId();
        Tracked tracked = orders.get(id);
        OrderStatus before = tracked == null ? null : tracked.status;
        if (tracked == null) {
            tracked = new Tracked(venueView.request(), lock);
            put(id, tracked);
        }
        setStatus(tracked, venueView.status());
        tracked.filled = venueView.filledQuantity();
        OrderRequest theirs = venueView.request();
        if (theirs.type() == tracked.request.type() && venueView.hasLimitTerms()) {
            // an amend the host did not hear of (a crash, a lost answer): the venue's terms hold
            tracked.request = tracked.request.amended(theirs.limitPrice(), theirs.quantity());
        }
        Symbol symbol = venueView.request().symbol();
        if (venueView.status().isTerminal()) {
            inFlight.remove(symbol, id);
        } else if (tracked.locks) {
            inFlight.putIfAbsent(symbol, id);
        }
        return before;
    }

    /** The order in flight for {@code symbol}, or null. */
    public ClientOrderId inFlight(Symbol symbol) {
        return inFlight.get(symbol);
    }

    public Tracked get(ClientOrderId id) {
        return orders.get(id);
    }

    /**
     * Moves order {@code id} to {@code next} if legal; returns false (and changes nothing) for an
     * unknown order or an illegal transition.
     */
    public boolean transition(ClientOrderId id, OrderStatus next) {
        Tracked tracked = orders.get(id);
        if (tracked == null) {
            LOG.warn("venue reported {} for unknown order {}; ignored", next, id);
            illegalTransitions++;
            return false;
        }
        if (!tracked.status.canMoveTo(next)) {
            LOG.warn("illegal order transition {} -> {} for {}; ignored", tracked.status, next, id);
            illegalTransitions++;
            return false;
        }
        setStatus(tracked, next);
        if (next.isTerminal()) {
            inFlight.remove(tracked.request.symbol(), id);
        }
        return true;
    }

    /** The venue changed order {@code id} in place: it now rests at {@code price} for a total of {@code total}. */
    public void amend(ClientOrderId id, Price price, Quantity total) {
        Tracked tracked = orders.get(id);
        if (tracked != null) {
            tracked.request = tracked.request.amended(price, total);
        }
    }

    /** Adds {@code quantity} to the order's filled quantity; returns the order (null if unknown). */
    public Tracked addFill(ClientOrderId id, Quantity quantity) {
        Tracked tracked = orders.get(id);
        if (tracked != null) {
            tracked.filled = tracked.filled.plus(quantity);
        }
        return tracked;
    }

    /** The requests of the orders not yet terminal, oldest first. */
    public List<OrderRequest> openRequests() {
        List<OrderRequest> requests = new ArrayList<>(open.size());
        open.values().forEach(t -> requests.add(t.request));
        return requests;
    }

    /** Orders not yet terminal. */
    public long openCount() {
        return open.size();
    }

    private void put(ClientOrderId id, Tracked tracked) {
        orders.put(id, tracked);
        if (tracked.status.isTerminal()) {
            open.remove(id);
            ended(tracked);
        } else {
            open.put(id, tracked);
        }
    }

    private void setStatus(Tracked tracked, OrderStatus next) {
        boolean wasTerminal = tracked.status.isTerminal();
        tracked.status = next;
        ClientOrderId id = tracked.request.clientOrderId();
        if (next.isTerminal()) {
            open.remove(id);
            if (!wasTerminal) {
                ended(tracked);
            }
        } else {
            open.put(id, tracked);
        }
    }

    private void ended(Tracked tracked) {
        tracked.end = ++ends;
        ended.addLast(new Ended(tracked.request.clientOrderId(), tracked.end));
        while (ended.size() > history) {
            Ended oldest = ended.pollFirst();
            Tracked old = orders.get(oldest.id());
            // an order that ended again since (reopened by the venue's word, or its id tracked anew) stays
            if (old != null && old.end == oldest.end() && old.status.isTerminal()) {
                orders.remove(oldest.id());
            }
        }
    }

    /** Illegal transitions and reports for unknown orders seen so far. */
    public long illegalTransitions() {
        return illegalTransitions;
    }
}
