package io.tradehost.coordinator.strategy;

import io.tradehost.api.journal.JournaledList;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.OrderStatus;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.strategy.event.HandleStatus;
import io.tradehost.api.strategy.event.OrderListSpec;
import io.tradehost.api.strategy.event.OrderSpec;
import io.tradehost.api.value.Quantity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the contingent lists the journal holds open at an instance's start, around the handles
 * the restart gave its open orders, and hands each to {@link Contingencies} to govern. Kernel thread only.
 */
final class ListRestorer {
    private static final Logger LOG = LoggerFactory.getLogger(ListRestorer.class);

    private final HandleDesk desk;
    private final Contingencies lists;

    ListRestorer(HandleDesk desk, Contingencies lists) {
        this.desk = desk;
        this.lists = lists;
    }

    /**
     * Rebuilds {@code journaled}, a list of {@code instance}'s the journal holds open, around the handles
     * the restart gave its open orders ({@code restored}, by client order id), and balances it: what
     * its entry filled meanwhile is armed now.
     *
     * @return the list, or null if it cannot be rebuilt (logged)
     */
    ListState restore(EventInstance instance, JournaledList journaled, Map<ClientOrderId, Handle> restored) {
        OrderListSpec spec;
        try {
            spec = OrderListSpec.parse(journaled.spec());
        } catch (IllegalArgumentException e) {
            LOG.error("list L{} of strategy '{}' in the journal cannot be read ({}); its orders are left as they are",
                    journaled.id(), instance.name, e.getMessage());
            return null;
        }
        if (!instance.symbols().contains(spec.members().getFirst().symbol())) {
            LOG.warn("list L{} of strategy '{}' is on {}, not one of its symbols now; its orders are left as they are",
                    journaled.id(), instance.name, spec.members().getFirst().symbol());
            return null;
        }
        List<OrderSpec> specs = spec.members();
        List<Handle> handles = new ArrayList<>();
        for (int m = 0; m < specs.size(); m++) {
            handles.add(member(instance, journaled, m, spec.entry() != null && m == 0, specs.get(m), restored));
        }
        Handle entry = spec.entry() != null ? handles.getFirst() : null;
        List<Handle> exits = handles.subList(spec.entry() != null ? 1 : 0, handles.size());
        ListState list = new ListState(journaled.id(), instance, spec, entry, exits);
        list.dropped = journaled.droppedMembers();
        for (int i = 0; i < exits.size(); i++) {
            Handle exit = exits.get(i);
            if (exit.status() == HandleStatus.WAITING) {
                instance.open.put(exit.id(), exit);
            } else {
                list.asked[i] = exit.quantity();
            }
        }
        lists.restored(list);
        return list;
    }

    private Handle member(EventInstance instance, JournaledList journaled, int m, boolean isEntry, OrderSpec spec,
                          Map<ClientOrderId, Handle> restored) {
        Quantity earlier = Quantity.ZERO;
        Handle live = null;
        Order last = null;
        Quantity filled = Quantity.ZERO;
        for (JournaledList.Member member : journaled.orders()) {
            if (member.member() != m) {
                continue;
            }
            Order order = member.order();
            last = order;
            filled = filled.plus(order.filledQuantity());
            Handle h = order.status().isTerminal() ? null : restored.get(order.clientOrderId());
            if (h != null) {
                live = h;
            } else {
                earlier = earlier.plus(order.filledQuantity());
            }
        }
        if (live != null) {
            if (earlier.isPositive()) {
                live.restorePrior(earlier);
            }
            return live;
        }
        if (last != null && !isEntry && last.status() == OrderStatus.REJECTED
                && (journaled.droppedMembers() >>> m & 1) == 0) {
            // an exit refused (by the venue, or found not at the venue after a crash): armed again
            Handle again = new Handle(desk.nextHandleId(), instance, spec, HandleStatus.WAITING);
            again.restore(null, HandleStatus.WAITING, filled);
            return again;
        }
        if (last != null) {
            Handle closed = new Handle(desk.nextHandleId(), instance, spec, switch (last.status()) {
                case FILLED -> HandleStatus.FILLED;
                case REJECTED -> HandleStatus.REJECTED;
                case EXPIRED -> HandleStatus.EXPIRED;
                default -> HandleStatus.CANCELLED; // also an open order the restart did not give back
            });
            closed.restore(last.clientOrderId(), closed.status(), filled);
            return closed;
        }
        if ((journaled.droppedMembers() >>> m & 1) == 1) {
            return new Handle(desk.nextHandleId(), instance, spec, HandleStatus.CANCELLED);
        }
        if (isEntry) {
            // journaled as a list, the host stopped before the entry's own intent: it never reached the venue
            Handle never = new Handle(desk.nextHandleId(), instance, spec);
            never.reject(RejectionCode.NOT_AT_VENUE);
            return never;
        }
        return new Handle(desk.nextHandleId(), instance, spec, HandleStatus.WAITING);
    }

}
