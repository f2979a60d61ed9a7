package io.tradehost.coordinator.execution;

import io.tradehost.api.event.OrderCancelled;
import io.tradehost.api.event.OrderFilled;
import io.tradehost.api.event.OrderReconciled;
import io.tradehost.api.event.OrderRejected;
import io.tradehost.api.host.EventBus;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.time.Clock;
import java.util.List;

/**
 * What execution concluded about an order, or learned by asking the venue for it (after an unknown
 * placement outcome, after a refused cancel), turned into the same events the venue's own answers
 * produce: the one path from such findings to the books. Kernel thread only.
 */
final class VenueFindings implements OrderPlacer.Outcome {
    private final EventBus bus;
    private final Clock clock;

    VenueFindings(EventBus bus, Clock clock) {
        this.bus = bus;
        this.clock = clock;
    }

    @Override
    public void cancelledUnsent(OrderRequest request, String reason) {
        bus.publish(new OrderCancelled(request.clientOrderId(), request.symbol(), reason, clock.nanos()));
    }

    @Override
    public void refused(OrderRequest request, RejectionCode code, String message) {
        bus.publish(new OrderRejected(request.clientOrderId(), request.symbol(), code, message, clock.nanos()));
    }

    /**
     * The venue holds {@code venueView}: its {@code fills} first (execution books each trade id once),
     * then the order as the venue has it ({@link OrderReconciled}, not adopted), with {@code note}.
     */
    @Override
    public void found(Order venueView, List<Fill> fills, String note) {
        fills.forEach(f -> bus.publish(new OrderFilled(f)));
        bus.publish(new OrderReconciled(venueView, false, note, clock.nanos()));
    }
}
