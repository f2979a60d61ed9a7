package io.tradehost.coordinator.strategy;

import io.tradehost.api.journal.JournaledList;
import io.tradehost.api.journal.OrderJournal;
import io.tradehost.api.journal.OrderOwner;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.strategy.event.HandleStatus;
import io.tradehost.api.strategy.event.OrderHandle;
import io.tradehost.api.strategy.event.OrderList;
import io.tradehost.api.strategy.event.OrderSpec;
import io.tradehost.api.strategy.event.Restored;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an event-driven instance gets back at its start: the open orders the journal holds as asked
 * for by handle by its strategy (on its symbols), as live handles, and the state it saved last.
 * Its contingent lists the journal holds open are rebuilt around those handles ({@link Contingencies}).
 * Reconciliation's repairs reach those handles as order events like any. Kernel thread only.
 */
final class Restorer {
    private static final Logger LOG = LoggerFactory.getLogger(Restorer.class);

    private final OrderJournal journal;
    private final HandleDesk desk;
    private final ListRestorer listRestorer;

    /** @param journal where orders and states are read, or null for a host that keeps none (nothing restored) */
    Restorer(OrderJournal journal, HandleDesk desk) {
        this.journal = journal;
        this.desk = desk;
        this.listRestorer = new ListRestorer(desk, desk.lists());
    }

    Restored restore(EventInstance instance) {
        if (journal == null) {
            return Restored.nothing();
        }
        Map<ClientOrderId, OrderOwner> owners = journal.owners();
        List<OrderHandle> handles = new ArrayList<>();
        Map<ClientOrderId, Handle> byId = new HashMap<>();
        for (Order order : journal.snapshot().openOrders()) {
            OrderOwner owner = owners.get(order.clientOrderId());
            if (owner == null || !owner.managed() || !owner.strategy().equals(instance.name)
                    || !instance.symbols().contains(order.request().symbol())) {
                continue;
            }
            OrderRequest r = order.request();
            String tag = owner.tag().length() > OrderSpec.MAX_TAG ? owner.tag().substring(0, OrderSpec.MAX_TAG)
                    : owner.tag();
            Handle handle = new Handle(desk.nextHandleId(), instance, new OrderSpec(r.symbol(), r.side(), r.type(),
                    r.quantity(), r.limitPrice(), r.stopPrice(), r.timeInForce(), owner.expireAtNanos(), r.postOnly(),
                    r.reduceOnly(), tag, owner.trail()));
            handle.restore(order.clientOrderId(), switch (order.status()) {
                case ACCEPTED -> HandleStatus.WORKING;
                case PARTIALLY_FILLED -> HandleStatus.PARTIALLY_FILLED;
                // a stop the host holds works from the moment it is armed, as when it was placed
                default -> owner.heldByHost() ? HandleStatus.WORKING : HandleStatus.PENDING;
            }, order.filledQuantity());
            desk.adopt(handle);
            handles.add(handle);
            byId.put(order.clientOrderId(), handle);
        }
        List<OrderList> lists = new ArrayList<>();
        for (JournaledList journaled : journal.openOrderLists()) {
            if (journaled.strategy().equals(instance.name)) {
                ListState list = listRestorer.restore(instance, journaled, byId);
                if (list != null) {
                    lists.add(list);
                }
            }
        }
        byte[] state = journal.strategyStates().get(instance.name);
        Restored restored = new Restored(handles, state == null ? new byte[0] : state, lists);
        if (!handles.isEmpty() || state != null || !lists.isEmpty()) {
            LOG.info("strategy '{}' restored: {} open order(s) {}, {} contingent list(s) {}, {} byte(s) of saved state",
                    instance.name, handles.size(), handles.stream().map(h -> h.clientOrderId().value()).toList(),
                    lists.size(), lists.stream().map(l -> "L" + l.id()).toList(), state == null ? 0 : state.length);
        }
        return restored;
    }
}
