package io.tradehost.coordinator.strategy;

import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.ListLink;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.strategy.event.HandleStatus;
import io.tradehost.api.strategy.event.OrderHandle;
import io.tradehost.api.strategy.event.OrderSpec;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;

/**
 * The host's side of an {@link OrderHandle}: written on the kernel thread only, read by the strategy
 * on the thread its callbacks run on (a worker sees the writes made before the call was handed to it).
 * Fields are volatile so that a read between callbacks sees them whole.
 */
final class Handle implements OrderHandle {
    private final long id;
    private final EventInstance owner;
    private volatile OrderSpec spec;
    private volatile Quantity quantity;
    private volatile Quantity filled = Quantity.ZERO;
    private volatile HandleStatus status = HandleStatus.PENDING;
    private volatile ClientOrderId clientOrderId;
    private volatile RejectionCode rejection;
    private volatile boolean cancelPending;
    /** A modification waiting for the cancel of the order it replaces: the new price and total quantity. */
    Price modifyPrice;
    Quantity modifyQuantity;
    boolean replacing;
    /** An amend of this order is on its way to the venue; the latest modification asked meanwhile waits. */
    boolean amending;
    /** Counts the amends sent, so that the wait for an answer ends only the amend it was set for. */
    long amendSerial;
    /** What filled of the orders a cancel-replace put before the current one: the venue's total lacks it. */
    Quantity priorFilled = Quantity.ZERO;
    /** A modification asked while an amend was on its way, as given (null: unchanged), sent after its answer. */
    boolean queued;
    Price queuedPrice;
    Quantity queuedTotal;
    boolean expiring;
    /** Cancels the host asked for itself and the venue refused, for the backoff of the next. */
    int cancelRetries;
    long intentSequence;
    /** The contingent list this order belongs to, and its place there; null for an order in none. */
    ListState list;
    int member;

    Handle(long id, EventInstance owner, OrderSpec spec) {
        this(id, owner, spec, HandleStatus.PENDING);
    }

    Handle(long id, EventInstance owner, OrderSpec spec, HandleStatus initial) {
        this.id = id;
        this.owner = owner;
        this.spec = spec;
        this.quantity = spec.quantity();
        this.status = initial;
    }

    /** The journal's link of this order to its list, or null. */
    ListLink link() {
        return list == null ? null : new ListLink(list.id, member, list.role(member));
    }

    EventInstance owner() {
        return owner;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public OrderSpec spec() {
        return spec;
    }

    @Override
    public Quantity quantity() {
        return quantity;
    }

    @Override
    public Quantity filled() {
        return filled;
    }

    @Override
    public HandleStatus status() {
        return status;
    }

    @Override
    public boolean isCancelPending() {
        return cancelPending;
    }

    @Override
    public ClientOrderId clientOrderId() {
        return clientOrderId;
    }

    @Override
    public RejectionCode rejection() {
        return rejection;
    }

    void spec(OrderSpec next) {
        spec = next;
        quantity = next.quantity();
    }

    void sized(Quantity sized) {
        quantity = sized;
    }

    void bind(ClientOrderId id) {
        clientOrderId = id;
    }

    void status(HandleStatus next) {
        status = next;
        if (next.isTerminal()) {
            cancelPending = false;
        }
    }

    void reject(RejectionCode code) {
        rejection = code;
        status(HandleStatus.REJECTED);
    }

    /** Takes the state of an order restored from the journal after a restart. */
    void restore(ClientOrderId id, HandleStatus restored, Quantity alreadyFilled) {
        clientOrderId = id;
        status = restored;
        filled = alreadyFilled;
    }

    /**
     * An exit the host or the venue refused, armed again: it waits for the list to send it, keeping what
     * it filled before.
     */
    void rewait() {
        clientOrderId = null;
        rejection = null;
        cancelPending = false;
        replacing = false;
        amending = false;
        queued = false;
        status = HandleStatus.WAITING;
    }

    /**
     * A late fill of an order this handle had before its current one (a cancel-replace's cancelled
     * order): it counts, and the handle's total grows by as much, since the current order was placed for
     * the rest as it stood.
     */
    void earlierFill(Quantity quantityFilled) {
        priorFilled = priorFilled.plus(quantityFilled);
        filled = filled.plus(quantityFilled);
        quantity = quantity.plus(quantityFilled);
        if (status == HandleStatus.WORKING) {
            status = HandleStatus.PARTIALLY_FILLED;
        }
    }

    /**
     * Counts {@code earlier}, what filled of the orders before this one under the same handle (a list
     * member a cancel-replace moved before a restart), in its total and fills.
     */
    void restorePrior(Quantity earlier) {
        priorFilled = earlier;
        filled = filled.plus(earlier);
        quantity = quantity.plus(earlier);
    }

    void cancelPending(boolean pending) {
        cancelPending = pending;
    }

    /** The trade ids already counted, so that a fill reported twice is counted once. */
    final java.util.Set<String> trades = new java.util.HashSet<>();

    /** Adds a fill; returns whether the order is now wholly filled. */
    boolean fill(Quantity quantityFilled) {
        filled = filled.plus(quantityFilled);
        boolean complete = !filled.isLessThan(quantity);
        status(complete ? HandleStatus.FILLED : HandleStatus.PARTIALLY_FILLED);
        return complete;
    }

    /** A fill reported after the order was closed: counted, the status kept. */
    void addLateFill(Quantity quantityFilled) {
        filled = filled.plus(quantityFilled);
    }

    @Override
    public String toString() {
        return "order#" + id + "[" + spec.side() + " " + quantity + " " + spec.symbol() + " " + spec.type()
                + (spec.limitPrice() == null ? "" : " @ " + spec.limitPrice()) + ", " + status
                + (clientOrderId == null ? "" : ", " + clientOrderId) + (spec.tag().isEmpty() ? "" : ", " + spec.tag())
                + "]";
    }
}
