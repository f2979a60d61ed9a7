package io.tradehost.coordinator.strategy;

import io.tradehost.api.command.AmendOrder;
import io.tradehost.api.event.OrderAmendRejected;
import io.tradehost.api.event.OrderAmended;
import io.tradehost.api.host.Throwables;
import io.tradehost.api.strategy.event.HandleStatus;
import io.tradehost.api.strategy.event.OrderEvent;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;

/**
 * Modifications carried out by the venue's own amend, for {@link HandleDesk}: a resting limit order
 * of a venue that amends keeps its client order id (and, where the venue keeps it, its place in the
 * queue) instead of being cancelled and placed anew. One amend per order is on its way at a time; a
 * modification asked meanwhile waits and is sent, the latest one only, when the venue has answered.
 * The strategy hears {@link OrderEvent.Modified} once the venue confirms, {@link
 * OrderEvent.CancelRejected} when the host or the venue refuses (the order works on as it was). Kernel
 * thread only.
 */
final class Amends {
    private final HandleDesk desk;
    private final EventStrategies owner;

    Amends(HandleDesk desk, EventStrategies owner) {
        this.desk = desk;
        this.owner = owner;
    }

    /** Whether {@code handle}'s modification goes by amend: a limit order resting at a venue that amends. */
    boolean applies(Handle handle) {
        return handle.clientOrderId() != null && handle.type() == OrderType.LIMIT
                && (handle.status() == HandleStatus.WORKING || handle.status() == HandleStatus.PARTIALLY_FILLED)
                && venueAmends();
    }

    private boolean venueAmends() {
        try {
            return owner.venues().venue().supportsAmend();
        } catch (Throwable e) {
            Throwables.rethrowIfFatal(e);
            return false; // cancel-replace then, which needs nothing of the venue but cancel and place
        }
    }

    /** Asks the venue to move {@code handle} to {@code price} for a total of {@code total}, or queues it behind the amend on its way. */
    void amend(Handle handle, Price price, Quantity total) {
        if (handle.amending) {
            handle.queuedPrice = price;
            handle.queuedTotal = total;
            return;
        }
        handle.amending = true;
        owner.commands().send(new AmendOrder(handle.clientOrderId(), handle.symbol(), price, total, "modify",
                owner.clock().nanos()));
    }

    void onAmended(OrderAmended amended) {
        Handle handle = desk.bound(amended.clientOrderId());
        if (handle == null || !handle.isOpen()) {
            return;
        }
        handle.amending = false;
        handle.spec(handle.spec().modified(amended.limitPrice(), amended.quantity()));
        desk.tell(handle, new OrderEvent.Modified(handle));
        next(handle);
    }

    void onAmendRejected(OrderAmendRejected rejected) {
        Handle handle = desk.bound(rejected.clientOrderId());
        if (handle == null || !handle.isOpen() || !handle.amending) {
            return;
        }
        handle.amending = false;
        desk.tell(handle, new OrderEvent.CancelRejected(handle, rejected.code(), "modification refused: "
                + rejected.message()));
        next(handle);
    }

    /**
     * The venue holds {@code handle} at other terms than the host thought (reconciliation found an amend
     * whose answer was lost): the handle takes them and the strategy hears it modified.
     */
    void reconciled(Handle handle, Price price, Quantity total) {
        if (price == null || (price.equals(handle.price()) && total.equals(handle.quantity()))) {
            return;
        }
        handle.amending = false;
        handle.spec(handle.spec().modified(price, total));
        desk.tell(handle, new OrderEvent.Modified(handle));
        next(handle);
    }

    private void next(Handle handle) {
        Price price = handle.queuedPrice;
        Quantity total = handle.queuedTotal;
        if (total == null) {
            return;
        }
        handle.queuedPrice = null;
        handle.queuedTotal = null;
        if (!handle.owner().retired && !handle.owner().suspended) {
            desk.modify(handle, price, total);
        }
    }
}
