package io.tradehost.api.strategy.event;

import java.util.List;
import java.util.Objects;

/**
 * What a strategy instance had before a restart: its orders the venue still holds (as live handles,
 * after reconciliation) and the bytes it saved last. Empty on a first start. Immutable.
 *
 * @param openOrders the instance's open orders, oldest first
 * @param savedState the last bytes {@link EventStrategy#saveState()} returned, or an empty array
 * @param orderLists the instance's contingent lists the journal holds open, oldest first, rebuilt around those
 *     handles and balanced once (one may have ended in that)
 *     (their members not at the venue, an exit WAITING or an entry that closed, are reached through the list)
 */
public record Restored(List<OrderHandle> openOrders, byte[] savedState, List<OrderList> orderLists) {
    /** The most state an instance may save. */
    public static final int MAX_STATE_BYTES = 64 * 1024;

    public Restored {
        openOrders = List.copyOf(openOrders);
        orderLists = List.copyOf(orderLists);
        savedState = Objects.requireNonNull(savedState, "savedState").clone();
    }

    /** Open orders and state, no contingent list. */
    public Restored(List<OrderHandle> openOrders, byte[] savedState) {
        this(openOrders, savedState, List.of());
    }

    /** A first start: no orders, no state. */
    public static Restored nothing() {
        return new Restored(List.of(), new byte[0]);
    }

    @Override
    public byte[] savedState() {
        return savedState.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Restored r && openOrders.equals(r.openOrders) && orderLists.equals(r.orderLists)
                && java.util.Arrays.equals(savedState, r.savedState);
    }

    @Override
    public int hashCode() {
        return (openOrders.hashCode() * 31 + orderLists.hashCode()) * 31 + java.util.Arrays.hashCode(savedState);
    }

    @Override
    public String toString() {
        return "Restored[" + openOrders.size() + " open order(s), " + orderLists.size() + " list(s), "
                + savedState.length + " byte(s) of state]";
    }
}
