package io.tradehost.api.journal;

import io.tradehost.api.order.Order;
import java.util.List;
import java.util.Objects;

/**
 * A contingent order list the journal holds open, with every order journaled under it (open or
 * closed: what filled of a closed entry still sizes its exits). Immutable.
 *
 * @param id the list's number
 * @param strategy the strategy that asked for it
 * @param spec its members as {@code OrderListSpec.format()} wrote them
 * @param droppedMembers a bit per member cancelled before it was armed
 * @param orders the orders of its members, oldest first (a member replaced by a modification has several)
 */
public record JournaledList(long id, String strategy, String spec, long droppedMembers, List<Member> orders) {
    public JournaledList {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(spec, "spec");
        orders = List.copyOf(orders);
    }

    /**
     * One order of a list's member, as the journal holds it now.
     *
     * @param member the member's place in the list
     * @param order the order
     */
    public record Member(int member, Order order) {
        public Member {
            Objects.requireNonNull(order, "order");
        }
    }
}
