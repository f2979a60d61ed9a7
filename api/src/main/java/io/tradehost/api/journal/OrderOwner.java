package io.tradehost.api.journal;

import io.tradehost.api.order.ListLink;
import io.tradehost.api.order.Trail;
import java.util.Objects;

/**
 * Who asked for an order, as the journal keeps it with the order. Immutable.
 *
 * @param strategy the strategy's name; empty for an order no strategy asked for (an operator's close)
 * @param tag the strategy's words for the order (its reason or tag); never null
 * @param managed whether the strategy holds the order by handle (the event api): a restart hands it
 *     back to that strategy
 * @param expireAtNanos the good-till time the host keeps for the order, nanoseconds since the epoch, or 0
 * @param heldByHost whether the host holds the order itself until its trigger (a stop the venue does not
 *     take, a trailing stop): at a start it is armed again unless the venue knows it (then it was sent
 *     before the stop)
 * @param trail how a trailing stop's trigger follows the market (as last journaled: an activated trail
 *     has no activation price left), or {@code null}
 * @param list the contingent order list the order belongs to, and its place there, or {@code null}
 */
public record OrderOwner(String strategy, String tag, boolean managed, long expireAtNanos, boolean heldByHost,
                         Trail trail, ListLink list) {
    /** An order no strategy holds. */
    public static final OrderOwner NONE = new OrderOwner("", "", false);

    public OrderOwner {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(tag, "tag");
    }

    /** An owner of an order in no contingent list. */
    public OrderOwner(String strategy, String tag, boolean managed, long expireAtNanos, boolean heldByHost,
                      Trail trail) {
        this(strategy, tag, managed, expireAtNanos, heldByHost, trail, null);
    }

    /** An owner of an order that does not trail. */
    public OrderOwner(String strategy, String tag, boolean managed, long expireAtNanos, boolean heldByHost) {
        this(strategy, tag, managed, expireAtNanos, heldByHost, null);
    }

    /** An owner of an order the venue holds. */
    public OrderOwner(String strategy, String tag, boolean managed, long expireAtNanos) {
        this(strategy, tag, managed, expireAtNanos, false);
    }

    /** An owner without a good-till time, of an order the venue holds. */
    public OrderOwner(String strategy, String tag, boolean managed) {
        this(strategy, tag, managed, 0);
    }

    /** This owner, of an order the host holds until its trigger. */
    public OrderOwner asHeldByHost() {
        return new OrderOwner(strategy, tag, managed, expireAtNanos, true, trail, list);
    }

    /** This owner, of a trailing stop following {@code value}. */
    public OrderOwner withTrail(Trail value) {
        return new OrderOwner(strategy, tag, managed, expireAtNanos, heldByHost, value, list);
    }
}
