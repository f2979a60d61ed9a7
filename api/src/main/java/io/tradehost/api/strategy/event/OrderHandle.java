package io.tradehost.api.strategy.event;

import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;

/**
 * One order of a strategy, live: the host updates it as the order moves, before it tells the
 * strategy. A strategy keeps handles as long as it likes; read them on the thread its callbacks run
 * on. A modified order keeps its handle (its price or quantity changes; the host may have replaced
 * it at the venue under a new client order id).
 */
public interface OrderHandle {
    /** The handle's number, unique within the host's run and stable for the handle's life. */
    long id();

    /** What the strategy asked for, with the price and quantity of its last accepted modification. */
    OrderSpec spec();

    default Symbol symbol() {
        return spec().symbol();
    }

    default Side side() {
        return spec().side();
    }

    default OrderType type() {
        return spec().type();
    }

    /** The limit price, or {@code null} for market and stop-market orders. */
    default Price price() {
        return spec().limitPrice();
    }

    /** The quantity, as sized by the host once it checked the order (rounded down to the lot). */
    Quantity quantity();

    /** How much has filled. */
    Quantity filled();

    /** Quantity still to fill. */
    default Quantity remaining() {
        return quantity().minus(filled());
    }

    HandleStatus status();

    /** Whether the order may still fill. */
    default boolean isOpen() {
        return !status().isTerminal();
    }

    /** Whether a cancel (or the cancel of a modification) is on its way. */
    boolean isCancelPending();

    /** The client order id the venue knows it by, or {@code null} before the host assigned one. */
    ClientOrderId clientOrderId();

    /** Why the order was refused, or {@code null} unless {@link #status()} is REJECTED. */
    RejectionCode rejection();

    /** The strategy's tag, from the spec. */
    default String tag() {
        return spec().tag();
    }
}
