package io.tradehost.journal;

import io.tradehost.api.command.RecordOrderList;
import io.tradehost.api.journal.JournaledList;
import io.tradehost.api.journal.OrderOwner;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.ListLink;
import io.tradehost.api.order.Order;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The contingent lists the journal holds open, kept current in memory as their orders move (fills,
 * cancels, reconciliation's repairs), so that what a restart or a reload rebuilds is what the journal
 * holds now, not what it read when it opened. Closed members stay (what a filled entry filled sizes
 * its exits). Kernel thread only.
 */
final class ListBook {
    private record Open(String strategy, String spec, long dropped, Map<ClientOrderId, JournaledList.Member> orders) {
    }

    private final Map<Long, Open> lists = new LinkedHashMap<>();
    /** Lists closed lately, with their orders: a late fill of an entry opens one again (bounded). */
    private final Map<Long, Open> closed = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Open> eldest) {
            return size() > 1_000;
        }
    };
    private final Map<ClientOrderId, Long> listOf = new HashMap<>();

    ListBook(List<JournaledList> loaded) {
        for (JournaledList list : loaded) {
            Map<ClientOrderId, JournaledList.Member> orders = new LinkedHashMap<>();
            for (JournaledList.Member member : list.orders()) {
                orders.put(member.order().clientOrderId(), member);
                listOf.put(member.order().clientOrderId(), list.id());
            }
            lists.put(list.id(), new Open(list.strategy(), list.spec(), list.droppedMembers(), orders));
        }
    }

    void recorded(RecordOrderList command) {
        Open before = lists.remove(command.listId());
        if (!command.open()) {
            if (before != null) {
                closed.put(command.listId(), before);
            }
            return;
        }
        if (before == null) {
            before = closed.remove(command.listId()); // opened again: its orders as they were
        }
        lists.put(command.listId(), new Open(command.strategy(), command.spec(), command.droppedMembers(),
                before == null ? new LinkedHashMap<>() : before.orders()));
    }

    /** An order journaled with its intent: a member of its list from now on, if the list is open. */
    void intent(Order order, OrderOwner owner) {
        ListLink link = owner.list();
        Open list = link == null ? null : lists.get(link.listId());
        if (list != null) {
            list.orders().put(order.clientOrderId(), new JournaledList.Member(link.member(), order));
            listOf.put(order.clientOrderId(), link.listId());
        }
    }

    /** An order's new state, whatever moved it. */
    void changed(Order order) {
        Open list = listOf(order.clientOrderId());
        if (list != null) {
            list.orders().computeIfPresent(order.clientOrderId(), (k, m) -> new JournaledList.Member(m.member(), order));
        }
    }

    /** A fill of an order no longer open (reported after its cancel): it counts in its list all the same. */
    void lateFill(ClientOrderId id, io.tradehost.api.value.Quantity quantity) {
        Open list = listOf(id);
        if (list != null) {
            list.orders().computeIfPresent(id, (k, m) -> new JournaledList.Member(m.member(), new Order(
                    m.order().request(), m.order().status(), m.order().filledQuantity().plus(quantity),
                    m.order().venueOrderId())));
        }
    }

    private Open listOf(ClientOrderId order) {
        Long id = listOf.get(order);
        if (id == null) {
            return null;
        }
        Open open = lists.get(id);
        return open != null ? open : closed.get(id);
    }

    List<JournaledList> open() {
        List<JournaledList> out = new ArrayList<>();
        lists.forEach((id, l) -> out.add(new JournaledList(id, l.strategy(), l.spec(), l.dropped(),
                List.copyOf(l.orders().values()))));
        return out;
    }
}
