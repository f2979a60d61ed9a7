package io.tradehost.simulator;

import io.tradehost.api.order.Fill;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.venue.VenueListener;
import java.util.Objects;

/**
 * What one engine operation did to one order, in the order it happened. Each event carries the
 * order as it stood right after it; {@link #tell} passes it on to the host in the listener's terms.
 * Immutable.
 */
public sealed interface EngineEvent {
    /** The order as it stood right after this event. */
    Order order();

    /** Reports this event to {@code listener} as a venue does; events the host has no callback for are not told. */
    void tell(VenueListener listener);

    /** The order was taken: it has its venue order id, and rests, fills or ends next. */
    record Accepted(Order order) implements EngineEvent {
        public Accepted {
            Objects.requireNonNull(order, "order");
        }

        @Override
        public void tell(VenueListener listener) {
            listener.onOrderAccepted(order.clientOrderId(), order.request().symbol(), order.venueOrderId());
        }
    }

    /**
     * The order was refused before it was taken ({@code REJECTED}, no venue order id).
     *
     * @param message {@code CODE: words}
     */
    record Rejected(Order order, RejectionCode code, String message) implements EngineEvent {
        public Rejected {
            Objects.requireNonNull(order, "order");
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public void tell(VenueListener listener) {
            listener.onOrderRejected(order.clientOrderId(), order.request().symbol(), code, message);
        }
    }

    /** {@code fill} executed part or all of what remained of the order: {@code FILLED} once nothing remains. */
    record Filled(Order order, Fill fill) implements EngineEvent {
        public Filled {
            Objects.requireNonNull(order, "order");
            Objects.requireNonNull(fill, "fill");
        }

        @Override
        public void tell(VenueListener listener) {
            listener.onFill(fill);
        }
    }

    /**
     * The order ended unfilled ({@code CANCELLED}): on request, by its time in force, or refused after
     * it was taken (then the reason starts {@code CODE: }).
     */
    record Cancelled(Order order, String reason) implements EngineEvent {
        public Cancelled {
            Objects.requireNonNull(order, "order");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public void tell(VenueListener listener) {
            listener.onOrderCancelled(order.clientOrderId(), order.request().symbol(), reason);
        }
    }

    /** The resting order was changed in place: its request holds the new limit price and total. */
    record Amended(Order order) implements EngineEvent {
        public Amended {
            Objects.requireNonNull(order, "order");
        }

        @Override
        public void tell(VenueListener listener) {
            listener.onOrderAmended(order.clientOrderId(), order.request().symbol(), order.request().limitPrice(),
                    order.request().quantity());
        }
    }

    /**
     * New terms for the resting order were refused; it stands as it was.
     *
     * @param message {@code CODE: words; the order stands as it was}
     */
    record AmendRejected(Order order, RejectionCode code, String message) implements EngineEvent {
        public AmendRejected {
            Objects.requireNonNull(order, "order");
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public void tell(VenueListener listener) {
            listener.onAmendRejected(order.clientOrderId(), order.request().symbol(), code, message);
        }
    }

    /**
     * A resting stop's trigger was reached: it now works as the order it becomes, and the next event
     * fills or cancels it, or none does and it rests as its limit. The host has no callback for it.
     */
    record Triggered(Order order) implements EngineEvent {
        public Triggered {
            Objects.requireNonNull(order, "order");
        }

        @Override
        public void tell(VenueListener listener) {
            // a venue tells the host what became of the stop, not that it fired
        }
    }
}
