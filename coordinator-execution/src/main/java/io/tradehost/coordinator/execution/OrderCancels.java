package io.tradehost.coordinator.execution;

import io.tradehost.api.command.CancelOrder;
import io.tradehost.api.command.CancelOrders;
import io.tradehost.api.event.OrderCancelRejected;
import io.tradehost.api.event.OrderCancelled;
import io.tradehost.api.host.EventBus;
import io.tradehost.api.host.Throwables;
import io.tradehost.api.host.VenueAccess;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.time.Clock;
import io.tradehost.api.venue.VenueException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out cancels, which go through whatever the trading state: a stop the host holds is
 * disarmed (and reported cancelled at once), an order whose intent is still on its way to the
 * journal is remembered and never sent, an order waiting to be sent again after a failure (a rate
 * limit) is withdrawn and reported cancelled at once (sent later, it would outlive its cancel), an
 * order at the venue is cancelled there (the venue's answer reports it). Every cancel asked of the venue is then told to the guards (they count it, never
 * refuse it). A cancel the venue refuses is published and the venue asked how the order stands; one
 * the venue plugin fails is logged and published; the next reconciliation sees the order. Kernel
 * thread only.
 */
final class OrderCancels {
    private static final Logger LOG = LoggerFactory.getLogger(OrderCancels.class);

    private final VenueAccess venues;
    private final EmulatedStops stops;
    private final OrderTracker tracker;
    private final EventBus bus;
    private final Clock clock;
    private final OrderPlacer.Outcome findings;
    private final OrderPlacer placer;
    private final Consumer<OrderRequest> sentToVenue;
    private final Set<ClientOrderId> beforeSend = new HashSet<>();
    private long cancelsSent;

    /**
     * @param findings where an order found ended after a refused cancel is reported (placement's own
     *     path for what asking the venue finds)
     * @param sentToVenue told of every cancel asked of the venue, after it was asked (the guards)
     */
    OrderCancels(VenueAccess venues, EmulatedStops stops, OrderTracker tracker, EventBus bus, Clock clock,
                 OrderPlacer.Outcome findings, OrderPlacer placer, Consumer<OrderRequest> sentToVenue) {
        this.placer = placer;
        this.venues = venues;
        this.stops = stops;
        this.tracker = tracker;
        this.bus = bus;
        this.clock = clock;
        this.findings = findings;
        this.sentToVenue = sentToVenue;
    }

    /** Cancels every open order (of one symbol): the host-held stops at once, the venue's by asking it. */
    void cancelAll(CancelOrders command) {
        for (EmulatedStops.Armed armed : stops.disarm(command.symbol())) {
            bus.publish(new OrderCancelled(armed.request().clientOrderId(), armed.request().symbol(),
                    "host-held stop cancelled before its trigger: " + command.reason(), clock.nanos()));
        }
        for (OrderRequest unsent : placer.withdraw(r -> command.symbol() == null
                || command.symbol().equals(r.symbol()))) {
            withdrawn(unsent.clientOrderId(), unsent.symbol(), command.reason());
        }
        placer.cancelWhenResolved(r -> command.symbol() == null || command.symbol().equals(r.symbol()),
                command.reason());
        try {
            List<Order> open = venues.venue().openOrders().stream()
                    .filter(o -> command.symbol() == null || command.symbol().equals(o.request().symbol())).toList();
            LOG.warn("cancelling {} open order(s){}: {}", open.size(), command.symbol() == null ? ""
                    : " of " + command.symbol(), command.reason());
            open.forEach(order -> atVenue(order.request()));
        } catch (VenueException e) {
            LOG.error("could not list open orders to cancel them ({}): {} [{}]", command.reason(), e.getMessage(),
                    e.code());
        } catch (Throwable e) {
            Throwables.rethrowIfFatal(e);
            LOG.error("the venue plugin failed listing open orders to cancel them ({}): {}", command.reason(),
                    Throwables.describe(e), e);
        }
    }

    /**
     * Cancels one order. {@code awaitingJournal} says whether its intent is still on its way to the
     * journal: then it is remembered and {@link #cancelledBeforeSend} says so when the journal answers.
     */
    void cancel(CancelOrder command, Predicate<ClientOrderId> awaitingJournal) {
        ClientOrderId id = command.clientOrderId();
        OrderTracker.Tracked tracked = tracker.get(id);
        if (tracked == null || tracked.status().isTerminal()) {
            LOG.debug("cancel of {} ignored: {}", id, tracked == null ? "unknown order" : tracked.status());
            return;
        }
        EmulatedStops.Armed armed = stops.disarmOrder(id);
        if (armed != null) {
            bus.publish(new OrderCancelled(id, command.symbol(), "host-held stop cancelled before its trigger: "
                    + command.reason(), clock.nanos()));
            return;
        }
        if (awaitingJournal.test(id)) {
            beforeSend.add(id);
            return;
        }
        if (!placer.withdraw(r -> r.clientOrderId().equals(id)).isEmpty()) {
            withdrawn(id, command.symbol(), command.reason());
            return;
        }
        if (!placer.cancelWhenResolved(r -> r.clientOrderId().equals(id), command.reason()).isEmpty()) {
            LOG.debug("cancel of {} waits for the venue's answer about its placement: {}", id, command.reason());
            return;
        }
        LOG.debug("cancelling {}: {}", id, command.reason());
        atVenue(tracked.request());
    }

    private void withdrawn(ClientOrderId id, io.tradehost.api.value.Symbol symbol, String reason) {
        LOG.debug("cancelled {} before it reached the venue (it was waiting to be sent again): {}", id, reason);
        bus.publish(new OrderCancelled(id, symbol, "cancelled before it reached the venue: " + reason, clock.nanos()));
    }

    /** Whether order {@code id} was cancelled before it was sent (true once: the mark is consumed). */
    boolean cancelledBeforeSend(ClientOrderId id) {
        return beforeSend.remove(id);
    }

    /**
     * Asks the venue to cancel {@code order}, then tells the guards; a failure is logged and published
     * ({@link OrderCancelRejected}), so the asker knows.
     */
    void atVenue(OrderRequest order) {
        ClientOrderId id = order.clientOrderId();
        try {
            cancelsSent++;
            venues.venue().cancel(id);
        } catch (VenueException e) {
            LOG.warn("could not cancel {}: {} [{}]; asking the venue how it stands", id, e.getMessage(), e.code());
            bus.publish(new OrderCancelRejected(id, order.symbol(), e.code(), e.getMessage(), clock.nanos()));
            resolve(id, e);
        } catch (Throwable e) {
            Throwables.rethrowIfFatal(e);
            LOG.error("the venue plugin failed cancelling {}: {}; the next reconciliation sees it", id,
                    Throwables.describe(e), e);
            bus.publish(new OrderCancelRejected(id, order.symbol(), RejectionCode.VENUE_PLUGIN_FAILURE,
                    Throwables.describe(e), clock.nanos()));
        }
        sentToVenue.accept(order);
    }

    /**
     * After a refused cancel, asks the venue for the order: one it holds as ended (filled while the
     * host did not hear of it, say after a restart) is reported as placement reports an order it found
     * after an unknown outcome ({@link OrderPlacer.Outcome#found}: its fills first, execution books each
     * trade id once), so that the order does not stay open at the host until the next reconciliation.
     * A query that fails leaves it to that reconciliation.
     */
    private void resolve(ClientOrderId id, VenueException refusal) {
        if (refusal.isTransient()) {
            return;
        }
        try {
            Optional<Order> order = venues.venue().order(id);
            if (order.isPresent() && order.get().status().isTerminal()) {
                findings.found(order.get(), venues.venue().fills(id), "cancel refused (" + refusal.code()
                        + "): the venue holds it " + order.get().status());
            }
        } catch (VenueException e) {
            LOG.warn("could not ask the venue about {} after its cancel was refused: {} [{}]", id, e.getMessage(),
                    e.code());
        } catch (Throwable e) {
            Throwables.rethrowIfFatal(e);
            LOG.error("the venue plugin failed answering about {}: {}", id, Throwables.describe(e), e);
        }
    }

    /** Cancels asked of the venue so far. */
    long sent() {
        return cancelsSent;
    }
}
