package io.tradehost.coordinator.execution;

import io.tradehost.api.command.AmendOrder;
import io.tradehost.api.command.OrderIntent;
import io.tradehost.api.event.OrderAmendRejected;
import io.tradehost.api.event.OrderAmended;
import io.tradehost.api.host.EventBus;
import io.tradehost.api.host.Throwables;
import io.tradehost.api.host.VenueAccess;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.OrderStatus;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.time.Clock;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.TimeInForce;
import io.tradehost.api.venue.VenueException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out amends: a resting limit order changed in place at a venue that amends. The change is
 * judged by {@link PreTrade} as the order it makes, the part still open at the new price (so the
 * trading state, the mark, sizing and every guard, the order-rate guard counting it, see it as they see
 * a cancel-replace's replacement). What is judged is what is sent: the new total is the filled part plus
 * the open part as sized. Every refusal, the host's or the venue's, is an {@link OrderAmendRejected};
 * the venue's confirmation is an {@link OrderAmended}, which {@link #onAmended} applies to the tracked
 * order. Kernel thread only.
 */
final class OrderAmends {
    private static final Logger LOG = LoggerFactory.getLogger(OrderAmends.class);
    static final RejectionCode NOT_AMENDABLE = RejectionCode.of("NOT_AMENDABLE");
    static final RejectionCode BELOW_FILLED = RejectionCode.of("CANNOT_EDIT_TO_BELOW_FILLED_SIZE");

    private final VenueAccess venues;
    private final OrderTracker tracker;
    private final PreTrade preTrade;
    private final EventBus bus;
    private final Clock clock;
    private long sent;
    private long refused;

    OrderAmends(VenueAccess venues, OrderTracker tracker, PreTrade preTrade, EventBus bus, Clock clock) {
        this.venues = venues;
        this.tracker = tracker;
        this.preTrade = preTrade;
        this.bus = bus;
        this.clock = clock;
    }

    /** Judges {@code command} against {@code guards} and, if it passes, asks the venue. */
    void amend(AmendOrder command, TimeInForce defaultTif, GuardChain guards) {
        ClientOrderId id = command.clientOrderId();
        OrderTracker.Tracked tracked = tracker.get(id);
        String why = notAmendable(tracked);
        if (why != null) {
            refuse(command, NOT_AMENDABLE, id + " " + why);
            return;
        }
        Quantity rest = command.quantity().minus(tracked.filled());
        if (!rest.isPositive()) {
            refuse(command, BELOW_FILLED, "the new total " + command.quantity() + " is not above the "
                    + tracked.filled() + " already filled");
            return;
        }
        OrderRequest order = tracked.request();
        OrderIntent asOrder = new OrderIntent(0, order.symbol(), order.side(), false, rest, null, order.type(),
                command.limitPrice(), order.timeInForce(), order.reduceOnly(), order.postOnly(), null,
                command.reason(), null, command.timestampNanos(), null, true);
        PreTrade.Verdict verdict = preTrade.check(asOrder, id, defaultTif, guards);
        if (!verdict.admitted()) {
            refuse(command, verdict.code(), verdict.stage() + ": " + verdict.message());
            return;
        }
        Quantity total = tracked.filled().plus(verdict.request().quantity());
        try {
            sent++;
            venues.venue().amend(id, command.limitPrice(), total);
            LOG.debug("amending {} to {} @ {}: {}", id, total, command.limitPrice(), command.reason());
        } catch (VenueException e) {
            if (e.isOutcomeUnknown()) {
                // it may have reached the venue: no refusal to publish; the strategy's wait for an answer
                // ends it, and reconciliation shows whether it took effect (an amend's terms are absolute,
                // so asking again is harmless)
                LOG.warn("amend of {} may or may not have reached the venue: {} [{}]", id, e.getMessage(), e.code());
                return;
            }
            LOG.warn("could not amend {}: {} [{}]", id, e.getMessage(), e.code());
            refuse(command, e.code(), e.getMessage());
        } catch (Throwable e) {
            Throwables.rethrowIfFatal(e);
            LOG.error("the venue plugin failed amending {}: {}", id, Throwables.describe(e), e);
            refuse(command, RejectionCode.VENUE_PLUGIN_FAILURE, Throwables.describe(e));
        }
    }

    /** Why the order cannot be amended now, or null if it can. */
    private String notAmendable(OrderTracker.Tracked tracked) {
        if (tracked == null) {
            return "is unknown";
        }
        if (tracked.status() != OrderStatus.ACCEPTED && tracked.status() != OrderStatus.PARTIALLY_FILLED) {
            return "is " + tracked.status() + ", not resting at the venue";
        }
        if (tracked.request().type() != OrderType.LIMIT) {
            return "is a " + tracked.request().type() + " order; only limit orders are amended";
        }
        boolean amends;
        try {
            amends = venues.venue().supportsAmend();
        } catch (Throwable e) {
            Throwables.rethrowIfFatal(e);
            return "cannot be amended: the venue plugin failed saying whether it amends: " + Throwables.describe(e);
        }
        return amends ? null : "cannot be amended: the venue does not amend orders";
    }

    /** The venue changed the order: the tracker holds its new terms. */
    void onAmended(OrderAmended amended) {
        OrderTracker.Tracked tracked = tracker.get(amended.clientOrderId());
        if (tracked == null || tracked.status().isTerminal()) {
            LOG.warn("the venue amended {}, an order the host does not hold open; the next reconciliation sees it",
                    amended.clientOrderId());
            return;
        }
        tracker.amend(amended.clientOrderId(), amended.limitPrice(), amended.quantity());
        LOG.debug("{} amended: {} @ {}", amended.clientOrderId(), amended.quantity(), amended.limitPrice());
        if (!tracked.filled().isLessThan(amended.quantity())) {
            // a fill reported before the amend it followed: the order is done
            tracker.transition(amended.clientOrderId(), OrderStatus.FILLED);
        }
    }

    /** An amend refused, by the host or the venue, now or later: counted, and logged for the operator. */
    void onRejected(OrderAmendRejected rejected) {
        refused++;
        LOG.info("amend of {} refused: {} {}", rejected.clientOrderId(), rejected.code(), rejected.message());
    }

    private void refuse(AmendOrder command, RejectionCode code, String message) {
        bus.publish(new OrderAmendRejected(command.clientOrderId(), command.symbol(), code, message, clock.nanos()));
    }

    /** Amends asked of the venue so far. */
    long sent() {
        return sent;
    }

    /** Amends refused so far, by the host or the venue. */
    long refused() {
        return refused;
    }
}
