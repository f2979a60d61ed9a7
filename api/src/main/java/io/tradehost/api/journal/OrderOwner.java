package io.tradehost.api.journal;

import java.util.Objects;

/**
 * Who asked for an order, as the journal keeps it with the order. Immutable.
 *
 * @param strategy the strategy's name; empty for an order no strategy asked for (an operator's close)
 * @param tag the strategy's words for the order (its reason or tag); never null
 * @param managed whether the strategy holds the order by handle (the event api): a restart hands it
 *     back to that strategy
 * @param expireAtNanos the good-till time the host keeps for the order, nanoseconds since the epoch, or 0
 */
public record OrderOwner(String strategy, String tag, boolean managed, long expireAtNanos) {
    /** An order no strategy holds. */
    public static final OrderOwner NONE = new OrderOwner("", "", false);

    public OrderOwner {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(tag, "tag");
    }

    /** An owner without a good-till time. */
    public OrderOwner(String strategy, String tag, boolean managed) {
        this(strategy, tag, managed, 0);
    }
}
