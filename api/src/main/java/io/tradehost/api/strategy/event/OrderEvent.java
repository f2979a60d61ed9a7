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
     * A cancel (or the cancel of a cancel-replace modification) did not go through: the order works on
     * as it was, and neither a cancel nor a modification is pending any more.
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

    /**
     * A modification did not take effect: the host refused it (judged like the order it makes: the
     * trading state, a guard, {@link RejectionCode#STRATEGY_FAILED} for one beyond reason), the venue
     * refused its amend, or the venue did not answer the amend in time (code {@code AMEND_UNANSWERED}:
     * it may yet have taken effect, and if so reconciliation reports it {@link Modified}). The order
     * works on at its last known terms; no modification of it is on its way any more.
     *
     * @param code the host's or the venue's code, e.g. {@code REDUCE_ONLY}, {@code ORDER_RATE},
     *     {@code CANNOT_EDIT_TO_BELOW_FILLED_SIZE}
     * @param message what refused it
     */
    record ModifyRejected(OrderHandle handle, RejectionCode code, String message) implements OrderEvent {
        public ModifyRejected {
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
