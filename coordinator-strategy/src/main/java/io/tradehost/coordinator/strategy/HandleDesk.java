package io.tradehost.coordinator.strategy;

import io.tradehost.api.command.CancelOrder;
import io.tradehost.api.command.OrderIntent;
import io.tradehost.api.event.IntentNotRecorded;
import io.tradehost.api.event.IntentRecorded;
import io.tradehost.api.event.IntentRejected;
import io.tradehost.api.event.OrderAccepted;
import io.tradehost.api.event.OrderAmendRejected;
import io.tradehost.api.event.OrderAmended;
import io.tradehost.api.event.OrderCancelRejected;
import io.tradehost.api.event.OrderCancelled;
import io.tradehost.api.event.OrderReconciled;
import io.tradehost.api.event.OrderRejected;
import io.tradehost.api.event.StopMoved;
import io.tradehost.api.host.Throwables;
import io.tradehost.api.market.Mark;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.strategy.event.HandleStatus;
import io.tradehost.api.strategy.event.OrderEvent;
import io.tradehost.api.strategy.event.OrderSpec;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Symbol;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Orders by handle: turns a strategy's submits, cancels and modifications into the host's commands
 * ({@link OrderIntent} marked managed, {@link CancelOrder}) and the host's order events back into
 * each handle's state and the strategy's {@link OrderEvent}s. A modification of a resting limit order
 * at a venue that amends is the venue's amend, any other a cancel-replace under the same handle
 * ({@link Modifications}). An order's notional is judged by {@link OrderSanity}; its good-till time is kept by
 * {@link GoodTillTimes}, and the order reported expired here once the venue confirms the cancel; an
 * order a reload caught on its way to the journal is passed on by {@link ReloadHandoff}. Kernel
 * thread only (but {@link #nextHandleId}).
 */
final class HandleDesk {
    private static final Logger LOG = LoggerFactory.getLogger(HandleDesk.class);
    private static final Supervision.Call ON_ORDER_EVENT = Supervision.Call.callback("onOrderEvent");

    private final EventStrategies owner;
    private final AtomicLong handleIds = new AtomicLong();
    private final Map<Long, Handle> byIntent = new HashMap<>();
    /** The last orders closed by a cancel, for a fill reported after the cancel (bounded). */
    private final Map<ClientOrderId, Handle> closed = new java.util.LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ClientOrderId, Handle> eldest) {
            return size() > 1_000;
        }
    };
    private final Map<ClientOrderId, Handle> byClientId = new HashMap<>();
    private final OrderSanity sanity;
    private final GoodTillTimes goodTill;
    private final ReloadHandoff handoff;
    private final Modifications modifications;
    private final Contingencies lists;
    long submits;
    long cancels;
    long modifies;

    /**
     * @param journaled whether the host keeps a journal (contingent lists are recorded in it)
     * @param lastListId the highest contingent list number the journal holds
     */
    HandleDesk(EventStrategies owner, boolean journaled, long lastListId) {
        this.owner = owner;
        this.lists = new Contingencies(this, owner, journaled, lastListId);
        this.sanity = new OrderSanity(owner);
        this.goodTill = new GoodTillTimes(this, owner);
        this.handoff = new ReloadHandoff(this, owner);
        this.modifications = new Modifications(this, owner, sanity, goodTill);
    }

    Contingencies lists() {
        return lists;
    }

    /** A new handle number; any thread (a worker's submit). */
    long nextHandleId() {
        return handleIds.incrementAndGet();
    }

    void submit(EventInstance instance, Handle handle) {
        submit(instance, handle, handle.spec().quantity());
    }

    /** Submits {@code handle} for {@code quantity}, the rest of its total (an exit armed again keeps its fills). */
    void submit(EventInstance instance, Handle handle, Quantity quantity) {
        submits++;
        String absurd = sanity.absurdity(handle.spec());
        if (absurd != null) {
            owner.supervision().fail(instance.watched, absurd);
            refuse(handle, RejectionCode.STRATEGY_FAILED, absurd);
            return;
        }
        instance.open.put(handle.id(), handle);
        send(handle, quantity);
        goodTill.watch(handle);
    }

    void send(Handle handle, Quantity quantity) {
        OrderSpec spec = handle.spec();
        long sequence = owner.nextIntentSequence();
        handle.intentSequence = sequence;
        byIntent.put(sequence, handle);
        Mark mark = owner.market().lastMark(spec.symbol());
        owner.commands().send(new OrderIntent(sequence, spec.symbol(), spec.side(), false, quantity, null, spec.type(),
                spec.limitPrice(), spec.timeInForce(), spec.reduceOnly(), spec.postOnly(),
                handle.owner().name, spec.tag().isEmpty() ? "order#" + handle.id() : spec.tag(),
                mark == null ? null : mark.price(), owner.clock().nanos(), spec.stopPrice(), true,
                spec.expireAtNanos(), spec.trail(), handle.link()));
    }

    /** The handle of the order with client order id {@code id}, while the desk follows it; else null. */
    Handle bound(ClientOrderId id) {
        return byClientId.get(id);
    }

    /** Holds {@code handle}, an order restored at a restart, as its instance's open order. */
    void adopt(Handle handle) {
        byClientId.put(handle.clientOrderId(), handle);
        handle.owner().open.put(handle.id(), handle);
        goodTill.watch(handle); // a good-till time journaled with the order still holds
    }

    void cancel(Handle handle, String reason) {
        if (!handle.isOpen()) {
            lists.cancelRefused(handle); // an exit refused and waiting to be armed again: it will not be
            return;
        }
        if (HeldExits.holds(handle)) {
            lists.cancelHeld(handle, reason); // an exit not at the venue (waiting for its entry or its trigger)
            return;
        }
        if (handle.isCancelPending()) {
            // a cancel asked while a modification's cancel is on its way: that cancel now just cancels
            handle.replacing = false;
            return;
        }
        cancels++;
        handle.replacing = false;
        handle.cancelPending(true);
        if (handle.clientOrderId() != null) {
            owner.commands().send(new CancelOrder(handle.clientOrderId(), handle.symbol(), reason,
                    owner.clock().nanos()));
        }
    }

    /** The instance's open orders are left to whoever runs the strategy next: no expiry timers of its own. */
    void releaseGoodTillTimes(EventInstance instance) {
        instance.open.values().forEach(goodTill::closed);
    }

    void cancelAll(EventInstance instance, Symbol symbol, String reason) {
        for (Handle handle : List.copyOf(instance.open.values())) {
            if (symbol == null || handle.symbol().equals(symbol)) {
                cancel(handle, reason);
            }
        }
    }

    void modify(Handle handle, Price price, Quantity quantity) {
        if (HeldExits.holds(handle)) {
            if (price != null && handle.type().hasLimit()) {
                lists.modifyWaiting(handle, price); // an exit not at the venue: sent at the new price
            }
            return;
        }
        modifications.modify(handle, price, quantity);
    }

    /**
     * Orders a failed callback submitted: never sent, each rejected and, if {@code tell}, told, so that
     * a strategy waiting for its order's outcome does not wait forever. (A strategy that fails again each time it hears
     * this is quarantined, and then suspended, within a few rounds.)
     */
    void dropped(List<Handle> handles, String why, boolean tell) {
        for (Handle handle : handles) {
            if (handle.list != null) {
                handle.list.close(); // never carried out: nothing of it was journaled or sent
            }
            handle.reject(RejectionCode.STRATEGY_FAILED);
            if (!tell) {
                continue;
            }
            OrderEvent event = new OrderEvent.Rejected(handle, RejectionCode.STRATEGY_FAILED, "not sent: " + why);
            EventInstance instance = handle.owner();
            owner.queue().later(() -> instance.deliverEcho(ON_ORDER_EVENT,
                    () -> instance.strategy.onOrderEvent(event)));
        }
    }

    void onIntentRejected(IntentRejected rejected) {
        if (!rejected.intent().managed()) {
            return;
        }
        Handle handle = byIntent.remove(rejected.intent().sequence());
        if (handle != null) {
            refuse(handle, rejected.code(), rejected.stage() + ": " + rejected.message());
        }
    }

    void onIntentRecorded(IntentRecorded recorded) {
        Handle handle = bind(recorded.request(), recorded.intentSequence());
        if (handle == null) {
            return;
        }
        if (!handle.isOpen()) {
            return; // passed to a reloaded instance
        }
        if (handle.isCancelPending()) {
            owner.commands().send(new CancelOrder(handle.clientOrderId(), handle.symbol(), "cancelled while pending",
                    owner.clock().nanos()));
        } else if (recorded.owner().heldByHost()) {
            working(handle); // the host holds it from now on: it works as a venue's resting stop would
        }
    }

    void onIntentNotRecorded(IntentNotRecorded notRecorded) {
        bind(notRecorded.request(), notRecorded.intentSequence());
    }

    private Handle bind(OrderRequest request, long intentSequence) {
        Handle handle = byIntent.remove(intentSequence);
        if (handle == null) {
            return null;
        }
        handle.bind(request.clientOrderId());
        if (request.stopPrice() != null && handle.spec().trail() != null) {
            handle.spec(handle.spec().withStopPrice(request.stopPrice())); // the trigger execution set from the mark
        }
        handle.priorFilled = handle.filled();
        handle.sized(handle.filled().plus(request.quantity()));
        if (handle.owner().retired && handoff.handoff(handle)) {
            return handle;
        }
        byClientId.put(request.clientOrderId(), handle);
        return handle;
    }

    void onAccepted(OrderAccepted accepted) {
        Handle handle = byClientId.get(accepted.clientOrderId());
        if (handle != null && handle.status() == HandleStatus.PENDING) {
            working(handle);
        }
    }

    private void working(Handle handle) {
        lists.confirmed(handle);
        boolean modified = handle.replacing;
        handle.replacing = false;
        handle.status(handle.filled().isPositive() ? HandleStatus.PARTIALLY_FILLED : HandleStatus.WORKING);
        tell(handle, modified ? new OrderEvent.Modified(handle) : new OrderEvent.Accepted(handle));
    }

    void onRejected(OrderRejected rejected) {
        Handle handle = byClientId.get(rejected.clientOrderId());
        if (handle != null) {
            refuse(handle, rejected.code(), rejected.message());
        }
    }

    void onCancelled(OrderCancelled cancelled) {
        Handle handle = byClientId.remove(cancelled.clientOrderId());
        if (handle == null || !handle.isOpen()) {
            return;
        }
        closed.put(cancelled.clientOrderId(), handle);
        if (handle.replacing) {
            modifications.replace(handle);
            return;
        }
        handle.status(handle.expiring ? HandleStatus.EXPIRED : HandleStatus.CANCELLED);
        tell(handle, handle.expiring ? new OrderEvent.Expired(handle)
                : new OrderEvent.Cancelled(handle, cancelled.reason()));
        finish(handle);
    }

    /** The venue amended an order: its handle takes the new terms (see {@link Modifications}). */
    void onAmended(OrderAmended amended) {
        modifications.onAmended(amended);
    }

    /** An amend was refused: the order works on as it was (see {@link Modifications}). */
    void onAmendRejected(OrderAmendRejected rejected) {
        modifications.onAmendRejected(rejected);
    }

    /** A trailing stop the host holds moved: its handle shows the new trigger (the strategy is not called). */
    void onStopMoved(StopMoved moved) {
        Handle handle = byClientId.get(moved.clientOrderId());
        if (handle != null && handle.isOpen()) {
            handle.spec(handle.spec().withStopPrice(moved.stopPrice()));
        }
    }

    /** A cancel failed at the venue: the order works on as it was, and the strategy hears it. */
    void onCancelRejected(OrderCancelRejected rejected) {
        Handle handle = byClientId.get(rejected.clientOrderId());
        if (handle == null || !handle.isOpen() || !handle.isCancelPending()) {
            return;
        }
        handle.cancelPending(false);
        handle.replacing = false;
        goodTill.cancelRefused(handle);
        tell(handle, new OrderEvent.CancelRejected(handle, rejected.code(), rejected.message()));
        lists.refused(handle);
    }

    /**
     * A fill of a strategy's order, as the venue reported it (before any cancel that followed it): the
     * handle counts it once per trade id and the strategy hears it. A fill of an order already cancelled
     * (a late report) still counts; the order stays cancelled.
     */
    void onFill(Fill fill) {
        Handle handle = byClientId.get(fill.clientOrderId());
        if (handle == null) {
            handle = closed.get(fill.clientOrderId());
        }
        if (handle == null || !handle.trades.add(fill.tradeId())) {
            return;
        }
        if (!handle.isOpen()) {
            handle.addLateFill(fill.quantity());
            tell(handle, new OrderEvent.Filled(handle, fill, false));
            lists.changed(handle);
            return;
        }
        if (!fill.clientOrderId().equals(handle.clientOrderId())) {
            // an order this handle had before a cancel-replace, filled late: the current order still works
            handle.earlierFill(fill.quantity());
            tell(handle, new OrderEvent.Filled(handle, fill, false));
            lists.changed(handle);
            return;
        }
        boolean complete = handle.fill(fill.quantity());
        // the strategy hears the fill before what it sets off in the order's list
        tell(handle, new OrderEvent.Filled(handle, fill, complete));
        if (complete) {
            complete(handle);
        } else {
            lists.changed(handle);
        }
    }

    /** The venue's word on an order after reconciliation: a strategy's order the venue closed is closed here. */
    void onReconciled(OrderReconciled reconciled) {
        Handle handle = byClientId.get(reconciled.order().clientOrderId());
        if (handle == null) {
            return;
        }
        switch (reconciled.order().status()) {
            case CANCELLED, EXPIRED -> onCancelled(new OrderCancelled(handle.clientOrderId(), handle.symbol(),
                    "reconciled: " + reconciled.note(), reconciled.timestampNanos()));
            case REJECTED -> refuse(handle, RejectionCode.NOT_AT_VENUE, "reconciled: " + reconciled.note());
            case FILLED -> {
                if (handle.isOpen()) {
                    handle.status(HandleStatus.FILLED);
                    complete(handle);
                }
            }
            default -> {
                if (handle.status() == HandleStatus.PENDING) {
                    working(handle);
                }
                if (reconciled.order().hasLimitTerms() && handle.type() == reconciled.order().request().type()) {
                    modifications.reconciled(handle, reconciled.order().request().limitPrice(),
                            reconciled.order().request().quantity());
                }
            }
        }
    }

    private void refuse(Handle handle, RejectionCode code, String message) {
        if (!handle.isOpen()) {
            return;
        }
        if (handle.clientOrderId() != null) {
            byClientId.remove(handle.clientOrderId());
        }
        handle.replacing = false;
        handle.reject(code);
        tell(handle, new OrderEvent.Rejected(handle, code, message));
        finish(handle);
    }

    /** The order filled wholly: the desk no longer follows it, and it is closed. */
    void complete(Handle handle) {
        byClientId.remove(handle.clientOrderId());
        finish(handle);
    }

    /**
     * The order is closed: it leaves its instance's open orders, its good-till timer is cancelled, and
     * its list (if any) is balanced.
     */
    void finish(Handle handle) {
        handle.owner().open.remove(handle.id());
        goodTill.closed(handle);
        lists.changed(handle);
    }

    void tell(Handle handle, OrderEvent event) {
        EventInstance instance = handle.owner();
        owner.queue().later(() -> instance.deliver(ON_ORDER_EVENT, () -> instance.strategy.onOrderEvent(event)));
    }
}
