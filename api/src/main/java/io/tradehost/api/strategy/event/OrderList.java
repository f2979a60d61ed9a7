package io.tradehost.api.strategy.event;

import java.util.List;

/**
 * A contingent order list a strategy submitted ({@link StrategyHost#submit(OrderListSpec)}), live:
 * its orders as handles, updated by the host before it tells the strategy, as any handle. Read it on
 * the thread the strategy's callbacks run on. After a restart it comes back in {@link Restored}.
 */
public interface OrderList {
    /** The list's number, unique in the host's journal and stable across restarts. */
    long id();

    /** What the strategy asked for. */
    OrderListSpec spec();

    default OrderListSpec.Kind kind() {
        return spec().kind();
    }

    /** The entry's handle, or {@code null} for an OCO pair. */
    OrderHandle entry();

    /** The exits' handles, in the spec's order: {@link HandleStatus#WAITING} until armed. */
    List<OrderHandle> exits();

    /** Whether any of its orders may still be sent or fill. */
    boolean isOpen();
}
