package io.tradehost.coordinator.strategy;

import io.tradehost.api.command.AmendOrder;
import io.tradehost.api.event.OrderAmendRejected;
import io.tradehost.api.event.OrderAmended;
import io.tradehost.api.host.Throwables;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.strategy.event.HandleStatus;
import io.tradehost.api.strategy.event.OrderEvent;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A strategy's modifications of its orders, for {@link HandleDesk}, judged first like the order they
 * make ({@link OrderSanity}). A resting limit order of a venue that amends is amended in place: it
 * keeps its client order id (and, where the venue keeps it, its place in the queue). Any other order
 * is cancelled and, once the venue confirms, the replacement (the new total less what filled) goes out
 * under the same handle, which reports {@link OrderEvent.Modified} when the venue accepts it; a
 * new total no more than what filled cancels the order either way. One amend per order is on its way at a time; a
 * modification asked meanwhile waits and is sent, the latest one only, when the venue has answered.
 * The strategy hears {@link OrderEvent.Modified} once the venue confirms, {@link
 * OrderEvent.ModifyRejected} when the host or the venue refuses, or when no answer came within {@link
 * #ANSWER_WAIT} (the amend may yet have taken effect: reconciliation then reports it). A handle's
 * total counts the fills of the orders a cancel-replace put before its current one ({@code
 * Handle.priorFilled}); the venue's order does not, so totals are turned from one to the other here.
 * Kernel thread only.
 */
final class Modifications {
    /** How long an amend may wait for the venue's answer before the strategy is told it got none. */
    static final Duration ANSWER_WAIT = Duration.ofSeconds(10);
    static final RejectionCode UNANSWERED = RejectionCode.of("AMEND_UNANSWERED");
    private static final Logger LOG = LoggerFactory.getLogger(Modifications.class);

    private final HandleDesk desk;
    private final EventStrategies owner;
    private final OrderSanity sanity;
    private final GoodTillTimes goodTill;

    Modifications(HandleDesk desk, EventStrategies owner, OrderSanity sanity, GoodTillTimes goodTill) {
        this.desk = desk;
        this.owner = owner;
        this.sanity = sanity;
        this.goodTill = goodTill;
    }

    /** Modifies {@code handle} to {@code price} and a total of {@code quantity} (null: unchanged), as the class says. */
    void modify(Handle handle, Price price, Quantity quantity) {
        if (handle.isOpen() && handle.replacing) {
            // a cancel-replace is on its way: its replacement takes this too (what is not given stays as asked)
            handle.modifyPrice = price != null ? price : handle.modifyPrice;
            handle.modifyQuantity = quantity != null ? quantity : handle.modifyQuantity;
            return;
        }
        if (!handle.isOpen() || handle.isCancelPending()) {
            LOG.debug("modify of {} ignored: it is {}", handle, handle.isOpen() ? "being cancelled" : handle.status());
            return;
        }
        if (price != null && !handle.type().hasLimit()) {
            LOG.warn("strategy '{}' asked to reprice {}, which has no limit; ignored", handle.owner().name, handle);
            return;
        }
        desk.modifies++;
        Quantity total = quantity != null ? quantity : handle.quantity();
        Price limit = price != null ? price : handle.price();
        String absurd = sanity.absurdity(handle.spec().modified(limit, total));
        if (absurd != null) {
            owner.supervision().fail(handle.owner().watched, "modify of " + handle + " " + absurd);
            desk.tell(handle, new OrderEvent.ModifyRejected(handle, RejectionCode.STRATEGY_FAILED, absurd));
            return;
        }
        if (applies(handle)) {
            if (handle.amending) {
                // queued as given: what it leaves unchanged is read when it is sent, after the amend on its way
                handle.queuedPrice = price != null ? price : handle.queuedPrice;
                handle.queuedTotal = quantity != null ? quantity : handle.queuedTotal;
                handle.queued = true;
            } else if (total.isGreaterThan(handle.filled())) {
                amend(handle, limit, total);
            } else {
                desk.cancel(handle, "modified to " + total + ", no more than the " + handle.filled() + " filled");
            }
        } else {
            desk.cancel(handle, "modify");
            handle.replacing = true;
            handle.modifyPrice = price;
            handle.modifyQuantity = quantity;
        }
    }

    /** The order a cancel-replace modifies is cancelled: places the rest of the new total at the new price, same handle. */
    void replace(Handle handle) {
        Quantity total = handle.modifyQuantity != null ? handle.modifyQuantity : handle.quantity();
        Price price = handle.modifyPrice != null ? handle.modifyPrice : handle.price();
        Quantity rest = total.minus(handle.filled());
        handle.cancelPending(false);
        if (!rest.isPositive()) {
            // a fill between the modification and the cancel's confirmation took it to the new total
            handle.replacing = false;
            handle.status(HandleStatus.CANCELLED);
            desk.tell(handle, new OrderEvent.Cancelled(handle, "modified to " + total + ", no more than the "
                    + handle.filled() + " filled"));
            desk.finish(handle);
            return;
        }
        handle.spec(handle.spec().modified(price, total));
        handle.bind(null);
        handle.status(HandleStatus.PENDING);
        desk.send(handle, rest);
        goodTill.watch(handle); // its good-till time holds for the replacement too
    }

    /** Whether {@code handle}'s modification goes by amend: a limit order resting at a venue that amends. */
    private boolean applies(Handle handle) {
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

    /**
     * Asks the venue to move {@code handle} to {@code price} for a handle total of {@code total}, or
     * queues it behind the amend on its way.
     */
    private void amend(Handle handle, Price price, Quantity total) {
        handle.amending = true;
        long serial = ++handle.amendSerial;
        owner.commands().send(new AmendOrder(handle.clientOrderId(), handle.symbol(), price,
                total.minus(handle.priorFilled), "modify", owner.clock().nanos()));
        owner.scheduler().schedule(ANSWER_WAIT, () -> unanswered(handle, serial));
    }

    private void unanswered(Handle handle, long serial) {
        if (!handle.amending || handle.amendSerial != serial || !handle.isOpen()) {
            return;
        }
        LOG.warn("no answer to the amend of {} within {}: the strategy is told; whether it took effect, the next "
                + "reconciliation shows", handle, ANSWER_WAIT);
        handle.amending = false;
        desk.tell(handle, new OrderEvent.ModifyRejected(handle, UNANSWERED, "the venue did not answer the amend within "
                + ANSWER_WAIT.toSeconds() + " s; it may yet have taken effect"));
        desk.lists().refused(handle);
        next(handle);
    }

    void onAmended(OrderAmended amended) {
        Handle handle = desk.bound(amended.clientOrderId());
        if (handle == null || !handle.isOpen()) {
            return;
        }
        handle.amending = false;
        take(handle, amended.limitPrice(), amended.quantity());
        next(handle);
    }

    void onAmendRejected(OrderAmendRejected rejected) {
        Handle handle = desk.bound(rejected.clientOrderId());
        if (handle == null || !handle.isOpen() || !handle.amending) {
            return;
        }
        handle.amending = false;
        desk.tell(handle, new OrderEvent.ModifyRejected(handle, rejected.code(), rejected.message()));
        desk.lists().refused(handle);
        next(handle);
    }

    /**
     * The venue holds {@code handle}'s current order at {@code price} for {@code venueTotal}, other terms
     * than the host thought (reconciliation found an amend whose answer was lost): the handle takes them
     * and the strategy hears it modified.
     */
    void reconciled(Handle handle, Price price, Quantity venueTotal) {
        Quantity total = venueTotal.plus(handle.priorFilled);
        if (price.equals(handle.price()) && total.equals(handle.quantity())) {
            return;
        }
        handle.amending = false;
        take(handle, price, venueTotal);
        next(handle);
    }

    /**
     * The handle takes the venue's terms (its current order at {@code price} for {@code venueTotal}) and
     * the strategy hears {@link OrderEvent.Modified}; an order now no larger than what filled (a fill
     * reported before the amend it followed) is filled, and closed.
     */
    private void take(Handle handle, Price price, Quantity venueTotal) {
        handle.spec(handle.spec().modified(price, venueTotal.plus(handle.priorFilled)));
        boolean complete = !handle.filled().isLessThan(handle.quantity());
        if (complete) {
            handle.status(HandleStatus.FILLED);
        }
        desk.lists().confirmed(handle);
        desk.tell(handle, new OrderEvent.Modified(handle));
        if (complete) {
            desk.complete(handle);
        }
    }

    private void next(Handle handle) {
        Price price = handle.queuedPrice;
        Quantity total = handle.queuedTotal;
        if (!handle.queued) {
            return;
        }
        handle.queued = false;
        handle.queuedPrice = null;
        handle.queuedTotal = null;
        EventInstance instance = handle.owner();
        if (instance.started && !instance.retired && !instance.suspended && handle.isOpen()) {
            desk.modify(handle, price, total);
        }
    }
}
