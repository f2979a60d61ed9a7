package io.tradehost.api.strategy.event;

import io.tradehost.api.order.Fill;
import io.tradehost.api.order.RejectionCode;
import java.util.Objects;

/**
 * What happened to one order of a strategy. The handle already shows the change when the strategy
 * hears it. Immutable.
 */
public sealed interface OrderEvent {
    /** The order the event is about. */
    OrderHandle handle();

    /** The venue holds the order (or, for a stop the venue lacks, the host holds it). */
    record Accepted(OrderHandle handle) implements OrderEvent {
        public Accepted {
            Objects.requireNonNull(handle, "handle");
        }
    }

    /**
     * Part or all of the order executed.
     *
     * @param fill the execution
     * @param complete whether the order is now wholly filled
     */
    record Filled(OrderHandle handle, Fill fill, boolean complete) implements OrderEvent {
        public Filled {
            Objects.requireNonNull(handle, "handle");
            Objects.requireNonNull(fill, "fill");
        }
    }

    /** The order will not fill further: cancelled by the strategy, an operator, or the venue. */
    record Cancelled(OrderHandle handle, String reason) implements OrderEvent {
        public Cancelled {
            Objects.requireNonNull(handle, "handle");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The order was refused before it could work: by the trading state or a guard, by sizing, or by
     * the venue.
     *
     * @param code the stable code, e.g. {@code KILL_SWITCH}, {@code POST_ONLY_WOULD_TAKE}
     * @param message what refused it, with the numbers
     */
    record Rejected(OrderHandle handle, RejectionCode code, String message) implements OrderEvent {
        public Rejected {
            Objects.requireNonNull(handle, "handle");
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }

    /** Its good-till time passed; the host cancelled it. */
    record Expired(OrderHandle handle) implements OrderEvent {
        public Expired {
            Objects.requireNonNull(handle, "handle");
        }
    }

    /**
     * A cancel (or the cancel of a modification) did not go through, or the host refused a modification
     * ({@link RejectionCode#STRATEGY_FAILED}: judged like a new order, it was beyond reason): the order
     * works on as it was, and neither a cancel nor a modification is pending any more.
     *
     * @param code the venue's code, e.g. {@code ORDER_IS_FULLY_FILLED} (its fill comes on its own) or
     *     {@code RATE_LIMITED}
     * @param message what the venue said
     */
    record CancelRejected(OrderHandle handle, RejectionCode code, String message) implements OrderEvent {
        public CancelRejected {
            Objects.requireNonNull(handle, "handle");
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }

    /** A modification took effect: the handle shows the new price and quantity. */
    record Modified(OrderHandle handle) implements OrderEvent {
        public Modified {
            Objects.requireNonNull(handle, "handle");
        }
    }
}
