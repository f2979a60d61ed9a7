package io.tradehost.simulator;

import io.tradehost.api.order.Order;
import java.util.Objects;

/**
 * One order as the engine keeps it, for a venue that saves its book and restores it
 * ({@link MatchingEngine#booked}, {@link MatchingEngine#restore}). Immutable.
 *
 * @param order the order's terms, status and filled quantity
 * @param resting whether it rests in the book (a limit, an armed stop, a triggered stop-limit)
 * @param triggered whether it is a stop whose trigger was reached (it then rests as its limit)
 */
public record BookedOrder(Order order, boolean resting, boolean triggered) {
    /** @throws NullPointerException without an order */
    public BookedOrder {
        Objects.requireNonNull(order, "order");
    }
}
