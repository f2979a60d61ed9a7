package io.tradehost.coordinator.execution;

import io.tradehost.api.event.IntentNotRecorded;
import io.tradehost.api.event.IntentRecorded;
import io.tradehost.api.event.MarkUpdated;
import io.tradehost.api.event.OrderCancelled;
import io.tradehost.api.event.OrderRejected;
import io.tradehost.api.event.OrderSubmitted;
import io.tradehost.api.event.StopMoved;
import io.tradehost.api.host.EventBus;
import io.tradehost.api.host.Throwables;
import io.tradehost.api.host.TradingStateView;
import io.tradehost.api.host.VenueAccess;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.Position;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.order.Trail;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.time.Clock;
import io.tradehost.api.value.Symbol;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Orders the guards allowed, on their way out: each waits for the journal to hold its intent, then
 * goes to the venue ({@link OrderPlacer}), or, a stop the venue does not take, is held by the host
 * ({@link EmulatedStops}, journaled as held so that a restart arms it again) and sent as its market or
 * limit order once a mark reaches the trigger. An order cancelled while its intent was on its way to
 * the journal is never sent. Kernel thread only.
 */
final class OutgoingOrders {
    private static final Logger LOG = LoggerFactory.getLogger(OutgoingOrders.class);

    private final VenueAccess venues;
    private final EmulatedStops stops;
    private final OrderPlacer placer;
    private final OrderCancels cancels;
    private final TradingStateView tradingState;
    private final Function<Symbol, Position> positions;
    private final EventBus bus;
    private final Clock clock;
    private final Map<ClientOrderId, OrderRequest> awaitingJournal = new LinkedHashMap<>();
    /** Orders on their way to the journal that the host is to hold once it holds them. */
    private final Set<ClientOrderId> toHold = new HashSet<>();
    /** Triggered stops kept armed while their symbol is HALTED (logged once). */
    private final Set<ClientOrderId> heldBack = new HashSet<>();
    /** The trails of the trailing stops on their way to the journal. */
    private final Map<ClientOrderId, Trail> trails = new HashMap<>();
    private boolean stopped;

    OutgoingOrders(VenueAccess venues, EmulatedStops stops, OrderPlacer placer, OrderCancels cancels,
                   TradingStateView tradingState, Function<Symbol, Position> positions, EventBus bus, Clock clock) {
        this.venues = venues;
        this.stops = stops;
        this.placer = placer;
        this.cancels = cancels;
        this.tradingState = tradingState;
        this.positions = positions;
        this.bus = bus;
        this.clock = clock;
    }

    /**
     * {@code request}'s intent is on its way to the journal; it goes once the journal holds it, or, if
     * {@code held} (see {@link #holds}), is armed then.
     */
    void awaitJournal(OrderRequest request, boolean held, Trail trail) {
        awaitingJournal.put(request.clientOrderId(), request);
        if (held) {
            toHold.add(request.clientOrderId());
        }
        if (trail != null) {
            trails.put(request.clientOrderId(), trail);
        }
    }

    /** Whether the host holds {@code request} itself until its trigger: a stop the venue does not take. */
    boolean holds(OrderRequest request) {
        return request.type().isStop() && !venueTakes(request);
    }

    /**
     * Arms again a stop the host held when it last stopped (or died): journaled as held, never
     * triggered. Start-up reconciliation, which runs next, disarms one the venue turns out to have.
     */
    void rearm(OrderRequest request, Trail trail) {
        stops.arm(request, 0, trail);
        LOG.info("stop {} {} {} {} @ {} held by the host again after the restart", request.clientOrderId(),
                request.side(), request.quantity(), request.symbol(), request.stopPrice());
    }

    /** An order reconciliation found at the venue is no longer held (it was sent before a restart). */
    void sent(ClientOrderId id) {
        if (stops.disarmOrder(id) != null) {
            LOG.info("stop {} was at the venue already: no longer held by the host", id);
        }
    }

    /** Whether order {@code id}'s intent is still on its way to the journal. */
    boolean awaitingJournal(ClientOrderId id) {
        return awaitingJournal.containsKey(id);
    }

    /** The journal holds the order: send it (or hold it, a stop the venue does not take), unless the host stopped. */
    void onIntentRecorded(IntentRecorded recorded) {
        OrderRequest request = awaitingJournal.remove(recorded.request().clientOrderId());
        if (request == null || stopped) {
            return;
        }
        Trail trail = trails.remove(request.clientOrderId());
        boolean held = toHold.remove(request.clientOrderId());
        if (cancels.cancelledBeforeSend(request.clientOrderId())) {
            bus.publish(new OrderCancelled(request.clientOrderId(), request.symbol(), "cancelled before it was sent",
                    clock.nanos()));
            return;
        }
        if (held) {
            stops.arm(request, recorded.intentSequence(), trail);
            LOG.info("stop {} {} {} {} @ {} held by the host ({}): sent once a mark reaches the trigger",
                    request.clientOrderId(), request.side(), request.quantity(), request.symbol(), request.stopPrice(),
                    trail != null ? "trailing " + trail.format() : "the venue takes no " + request.type() + " orders");
            return;
        }
        bus.publish(new OrderSubmitted(request, recorded.intentSequence(), clock.nanos()));
        placer.place(request);
    }

    private boolean venueTakes(OrderRequest request) {
        try {
            return venues.venue().supportsNatively(request.type());
        } catch (Throwable e) {
            Throwables.rethrowIfFatal(e);
            LOG.warn("the venue plugin failed saying whether it takes {} orders ({}); the host holds the stop",
                    request.type(), Throwables.describe(e));
            return false;
        }
    }

    /** The journal could not record the order: it is refused, never sent. */
    void onIntentNotRecorded(IntentNotRecorded notRecorded) {
        OrderRequest request = awaitingJournal.remove(notRecorded.request().clientOrderId());
        toHold.remove(notRecorded.request().clientOrderId());
        trails.remove(notRecorded.request().clientOrderId());
        if (request != null) {
            bus.publish(new OrderRejected(request.clientOrderId(), request.symbol(), RejectionCode.JOURNAL_FAILURE,
                    "not sent: the journal could not record the order: " + notRecorded.reason(), clock.nanos()));
        }
    }

    /**
     * A mark: moves the trailing stops of its symbol (each move published for the journal), then sends
     * the host-held stops it triggers as the market or limit order they become (same client order id).
     * While the symbol is HALTED a triggered stop stays armed (a halt must not consume a protection);
     * under REDUCE_ONLY one that would not shrink the position, or any while the host is stopping, is
     * cancelled. A reduce-only stop goes as it is (the venue keeps it from growing the position); any
     * other passes the guard chain like a new order, a refusal rejecting it with the guard's code, a
     * guard's failure leaving it armed for the next mark.
     */
    void onMark(MarkUpdated updated, Function<OrderRequest, PreTrade.Verdict> guards) {
        if (stops.size() == 0) {
            return; // the common case, on every mark: nothing held, nothing allocated
        }
        List<EmulatedStops.Armed> moved = new ArrayList<>(0);
        List<EmulatedStops.Armed> triggered = stops.triggeredBy(updated.mark(), venues.product(updated.mark().symbol()),
                moved);
        for (EmulatedStops.Armed armed : moved) {
            bus.publish(new StopMoved(armed.request().clientOrderId(), armed.request().symbol(),
                    armed.request().stopPrice(), armed.trail(), clock.nanos()));
        }
        for (EmulatedStops.Armed armed : triggered) {
            OrderRequest stop = armed.request();
            TradingState state = tradingState.state(stop.symbol());
            boolean reduces = positions.apply(stop.symbol()).isReducedBy(stop.side(), stop.quantity());
            if (!stopped && state == TradingState.HALTED) {
                if (heldBack.add(stop.clientOrderId())) { // once, not on every mark of the halt
                    LOG.warn("stop {} triggered at {} while {} is HALTED: it stays armed until the halt ends",
                            stop.clientOrderId(), updated.mark().price(), stop.symbol());
                }
                stops.arm(stop, armed.intentSequence(), armed.trail());
                continue;
            }
            heldBack.remove(stop.clientOrderId());
            if (stopped || (state == TradingState.REDUCE_ONLY && !reduces && !stop.reduceOnly())) {
                LOG.warn("stop {} triggered at {} but not sent: {} is {}", stop.clientOrderId(), updated.mark().price(),
                        stop.symbol(), stopped ? "stopping" : state);
                bus.publish(new OrderCancelled(stop.clientOrderId(), stop.symbol(), "host-held stop triggered while "
                        + (stopped ? "stopping" : state), clock.nanos()));
                continue;
            }
            OrderRequest order = stop.triggered();
            PreTrade.Verdict verdict = order.reduceOnly() ? null : guards.apply(order);
            if (verdict != null && RejectionCode.GUARD_FAILURE.equals(verdict.code())) {
                LOG.warn("stop {} triggered at {}, but guard {} failed judging it ({}); it stays armed",
                        stop.clientOrderId(), updated.mark().price(), verdict.stage(), verdict.message());
                stops.arm(stop, armed.intentSequence(), armed.trail());
                continue;
            }
            if (verdict != null && !verdict.admitted()) {
                LOG.warn("stop {} triggered at {} but refused by {}: {} {}", stop.clientOrderId(),
                        updated.mark().price(), verdict.stage(), verdict.code(), verdict.message());
                bus.publish(new OrderRejected(stop.clientOrderId(), stop.symbol(), verdict.code(), "triggered, refused "
                        + "by " + verdict.stage() + ": " + verdict.message(), clock.nanos()));
                continue;
            }
            LOG.info("stop {} triggered at {} (stop {}): sending it as a {} order", stop.clientOrderId(),
                    updated.mark().price(), stop.stopPrice(), order.type());
            bus.publish(new OrderSubmitted(order, armed.intentSequence(), clock.nanos()));
            placer.place(order);
        }
    }

    /**
     * Stops sending. Orders not yet sent (their intent still on its way to the disk, or waiting to be
     * sent again after a failure) are rejected as {@code NOT_SENT}, so the journal does not keep them as
     * submitted. Stops the host holds stay held in the journal: the next start arms them again. Returns
     * how many orders are not at the venue (rejected or held).
     */
    int stop() {
        stopped = true;
        List<OrderRequest> unsent = new ArrayList<>(awaitingJournal.values());
        unsent.addAll(placer.stop());
        List<EmulatedStops.Armed> held = stops.disarm(null);
        if (!held.isEmpty()) {
            LOG.info("{} stop(s) held by the host stay in the journal, armed again at the next start: {}", held.size(),
                    held.stream().map(a -> a.request().clientOrderId().value()).toList());
        }
        awaitingJournal.clear();
        toHold.clear();
        trails.clear();
        for (OrderRequest request : unsent) {
            bus.publish(new OrderRejected(request.clientOrderId(), request.symbol(), RejectionCode.NOT_SENT,
                    "the host stopped before the order was sent", clock.nanos()));
        }
        return unsent.size() + held.size();
    }
}
