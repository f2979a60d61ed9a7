package io.tradehost.coordinator.execution;

import io.tradehost.api.market.Mark;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.value.Symbol;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stop orders the host holds for a venue that does not take them: journaled like every order, armed
 * here, and handed back once a mark reaches their trigger (a buy stop at or above, a sell stop at or
 * below), oldest first. They never reach the venue before that, so a host that dies with one armed
 * finds it in the journal as never sent (reconciliation closes it as {@code NOT_AT_VENUE}). Kernel
 * thread only.
 */
final class EmulatedStops {
    /** An armed stop and the intent sequence it was journaled under. */
    record Armed(OrderRequest request, long intentSequence) {
    }

    private final Map<ClientOrderId, Armed> armed = new LinkedHashMap<>();

    void arm(OrderRequest request, long intentSequence) {
        armed.put(request.clientOrderId(), new Armed(request, intentSequence));
    }

    /** The stops of {@code mark}'s symbol that its price triggers, removed. */
    List<Armed> triggeredBy(Mark mark) {
        if (armed.isEmpty()) {
            // the common case, on every mark: nothing to look at, nothing allocated
            return List.of();
        }
        List<Armed> out = new ArrayList<>();
        Iterator<Armed> it = armed.values().iterator();
        while (it.hasNext()) {
            Armed a = it.next();
            if (a.request().symbol().equals(mark.symbol()) && a.request().triggersAt(mark.price())) {
                it.remove();
                out.add(a);
            }
        }
        return out;
    }

    /** The stops of {@code symbol} (every symbol when null), removed. */
    List<Armed> disarm(Symbol symbol) {
        List<Armed> out = new ArrayList<>();
        Iterator<Armed> it = armed.values().iterator();
        while (it.hasNext()) {
            Armed a = it.next();
            if (symbol == null || a.request().symbol().equals(symbol)) {
                it.remove();
                out.add(a);
            }
        }
        return out;
    }

    /** The stop {@code id}, removed, or null if the host holds no such stop. */
    Armed disarmOrder(ClientOrderId id) {
        return armed.remove(id);
    }

    int size() {
        return armed.size();
    }
}
