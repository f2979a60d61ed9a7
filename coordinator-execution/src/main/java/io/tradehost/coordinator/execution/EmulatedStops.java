package io.tradehost.coordinator.execution;

import io.tradehost.api.market.Mark;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.Trail;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Product;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stop orders the host holds (for a venue that does not take them, and every trailing stop):
 * journaled like every order, as held, armed here, and handed back once a mark reaches their trigger
 * (a buy stop at or above, a sell stop at or below), oldest first. A trailing stop's trigger follows
 * the marks first ({@link Trail}): it moves only in the position's favour, and not before its
 * activation price was reached. They never reach the venue before their trigger, so a host that dies
 * with one armed finds it in the journal as held, and arms it again. Kernel thread only.
 */
final class EmulatedStops {
    /**
     * An armed stop, the intent sequence it was journaled under, and its trail (null for a plain stop).
     */
    record Armed(OrderRequest request, long intentSequence, Trail trail) {
        Armed(OrderRequest request, long intentSequence) {
            this(request, intentSequence, null);
        }

        /** Whether it may trigger: a plain stop always, a trailing one once active. */
        boolean live() {
            return trail == null || trail.isActive();
        }
    }

    private final Map<ClientOrderId, Armed> armed = new LinkedHashMap<>();

    void arm(OrderRequest request, long intentSequence, Trail trail) {
        armed.put(request.clientOrderId(), new Armed(request, intentSequence, trail));
    }

    /**
     * Moves the trailing stops of {@code mark}'s symbol with it ({@code product}'s tick grid), adding
     * each that moved (or became active) to {@code moved}, then returns the stops its price triggers,
     * removed.
     */
    List<Armed> triggeredBy(Mark mark, Product product, List<Armed> moved) {
        if (armed.isEmpty()) {
            // the common case, on every mark: nothing to look at, nothing allocated
            return List.of();
        }
        List<Armed> out = new ArrayList<>();
        for (Map.Entry<ClientOrderId, Armed> entry : armed.entrySet()) {
            Armed a = entry.getValue();
            if (a.trail() == null || !a.request().symbol().equals(mark.symbol())) {
                continue;
            }
            Armed next = trailed(a, mark.price(), product);
            if (next != a) {
                entry.setValue(next);
                moved.add(next);
            }
        }
        Iterator<Armed> it = armed.values().iterator();
        while (it.hasNext()) {
            Armed a = it.next();
            if (a.request().symbol().equals(mark.symbol()) && a.live() && a.request().triggersAt(mark.price())) {
                it.remove();
                out.add(a);
            }
        }
        return out;
    }

    /** {@code a} after {@code mark}: activated, or its trigger moved in the position's favour; else {@code a}. */
    private static Armed trailed(Armed a, Price mark, Product product) {
        Side side = a.request().side();
        Trail trail = a.trail();
        if (!trail.isActive()) {
            if (!trail.activatesAt(side, mark)) {
                return a;
            }
            return new Armed(withStop(a.request(), trail.triggerFor(side, mark, product)), a.intentSequence(),
                    trail.activated());
        }
        Price candidate = trail.triggerFor(side, mark, product);
        if (!Trail.improves(side, candidate, a.request().stopPrice())) {
            return a;
        }
        return new Armed(withStop(a.request(), candidate), a.intentSequence(), trail);
    }

    private static OrderRequest withStop(OrderRequest r, Price stop) {
        return new OrderRequest(r.clientOrderId(), r.symbol(), r.side(), r.type(), r.quantity(), r.limitPrice(),
                r.timeInForce(), r.reduceOnly(), r.postOnly(), stop);
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
