package io.tradehost.simulator;

import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.Liquidity;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.OrderStatus;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Ratio;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.value.TimeInForce;
import java.util.ArrayList;
import java.util.List;

/**
 * How orders fill ({@link FillModel}): a taker at the touch or walking the levels, a resting limit
 * queued behind the size ahead of it and filled by the market's trades. The engine's one place that
 * books a fill. Not thread-safe.
 */
final class Fills {
    private final EngineRules rules;
    private final Markets markets;
    private final Account account;
    private final OrderBook book;

    Fills(EngineRules rules, Markets markets, Account account, OrderBook book) {
        this.rules = rules;
        this.markets = markets;
        this.account = account;
        this.book = book;
    }

    /**
     * The rests of takers that walked to their limit (left beyond the touch then): on a later market of
     * their symbol ({@code null}: every symbol), those it still crosses take again, as takers, against the
     * size it shows; the others rest from now on as any limit.
     */
    List<EngineEvent> retake(Symbol symbol, long nowNanos) {
        List<EngineEvent> out = new ArrayList<>();
        if (book.leftovers.isEmpty()) {
            return out; // every row of a replay asks: no copy of an empty set
        }
        for (ClientOrderId id : List.copyOf(book.leftovers.keySet())) {
            Order order = book.get(id);
            if (symbol != null && !order.request().symbol().equals(symbol) || book.leftovers.get(id) == nowNanos) {
                continue; // another symbol's, or left at this instant: the market shown has not changed since
            }
            book.leftovers.remove(id);
            if (!book.resting.contains(id)) {
                continue;
            }
            Markets.Entry entry = markets.entry(order.request().type().isStop() ? order.request().triggered()
                    : order.request(), order.remaining(), account);
            if (!entry.marketable()) {
                continue;
            }
            book.resting.remove(id);
            if (entry.refusal() != null) {
                book.cancel(order, entry.refusal().text() + " when it took again", out);
            } else {
                take(order, entry, nowNanos, out);
            }
        }
        return out;
    }

    /** The fills of a trade of the market ({@link MatchingEngine#trade}), stops aside. */
    List<EngineEvent> trade(Symbol symbol, Price price, Quantity size, long nowNanos) {
        List<EngineEvent> out = new ArrayList<>();
        Quantity left = size;
        for (ClientOrderId id : List.copyOf(book.resting)) {
            Order order = book.get(id);
            OrderRequest r = order.request();
            if (!r.symbol().equals(symbol) || r.type().isStop() && !book.triggered.contains(id)) {
                continue;
            }
            boolean through = r.side() == Side.BUY ? price.isLessThan(r.limitPrice())
                    : price.isGreaterThan(r.limitPrice());
            Quantity fills;
            if (through) {
                fills = order.remaining();
            } else if (price.equals(r.limitPrice()) && rules.fillModel().queuePosition() && left.isPositive()) {
                Quantity queue = book.ahead.getOrDefault(id, Quantity.ZERO);
                Quantity counted = queue.min(left);
                book.ahead.put(id, queue.minus(counted));
                fills = order.remaining().min(left.minus(counted));
            } else {
                continue;
            }
            if (!fills.isPositive()) {
                continue;
            }
            Refusal refusal = account.refusal(r, fills, r.limitPrice(), rules.makerFeeBps());
            if (refusal != null) {
                book.resting.remove(id);
                book.cancel(order, refusal.text() + " when the market traded through it", out);
                continue;
            }
            if (!through) {
                left = left.minus(fills); // taken by this order: not there for the ones after it
            }
            if (fill(order, r.limitPrice(), fills, rules.makerFeeBps(), Liquidity.MAKER, nowNanos, out).status()
                    == OrderStatus.FILLED) {
                book.resting.remove(id);
            }
        }
        return out;
    }

    /** A limit coming to rest: it stands behind the size shown at its price ({@link FillModel}). */
    void queue(Order order) {
        OrderRequest r = order.request();
        if (rules.fillModel().queuePosition()) {
            book.ahead.put(r.clientOrderId(), markets.get(r.symbol()).queueAhead(r.side(), r.limitPrice()));
        }
    }

    /**
     * A marketable order takes: at one price (the touch moved by the slippage), or walking the levels
     * of {@code entry}; what a limit cannot take within its limit rests (first at its price: it took
     * what was there) or, IOC, ends; a FOK that cannot fill wholly fills nothing.
     */
    void take(Order order, Markets.Entry entry, long nowNanos, List<EngineEvent> out) {
        List<Markets.Level> levels = entry.levels();
        if (levels == null) {
            fill(order, entry.price(), order.remaining(), rules.takerFeeBps(), Liquidity.TAKER, nowNanos, out);
            return;
        }
        OrderRequest r = order.request();
        Quantity within = levels.stream().map(Markets.Level::quantity).reduce(Quantity.ZERO, Quantity::plus);
        if (r.timeInForce() == TimeInForce.FOK && within.isLessThan(order.remaining())) {
            book.cancel(order, "FOK limit cannot fill wholly within its limit", out);
            return;
        }
        Order now = order;
        for (Markets.Level level : levels) {
            now = fill(now, level.price(), level.quantity(), rules.takerFeeBps(), Liquidity.TAKER, nowNanos, out);
        }
        if (now.remaining().isPositive()) {
            if (r.timeInForce() == TimeInForce.GTC) {
                book.resting.add(r.clientOrderId());
                book.ahead.put(r.clientOrderId(), Quantity.ZERO);
                book.leftovers.put(r.clientOrderId(), nowNanos); // beyond the next market's touch: it takes again
                if (r.type().isStop()) {
                    book.triggered.add(r.clientOrderId()); // a stop-limit that fired rests as the limit it became
                }
            } else {
                book.cancel(now, r.timeInForce() + " limit: the rest is beyond its limit", out);
            }
        }
    }

    /** Fills {@code quantity} of {@code order} at {@code price}; returns the order after it. */
    Order fill(Order order, Price price, Quantity quantity, Ratio feeBps, Liquidity liquidity, long nowNanos,
                       List<EngineEvent> out) {
        OrderRequest r = order.request();
        Fill fill = new Fill(book.nextTradeId(rules.tradeIdPrefix()), r.clientOrderId(), r.symbol(), r.side(),
                quantity, price, price.times(quantity).bps(feeBps), liquidity, nowNanos);
        account.book(fill);
        return book.filled(order, fill, out);
    }

    /**
     * A stop whose trigger the mark reached: a stop-market fills at the touch as taker; a stop-limit
     * takes if marketable, else rests as the limit it became.
     */
    void trigger(Order order, long nowNanos, List<EngineEvent> out) {
        OrderRequest r = order.request();
        out.add(new EngineEvent.Triggered(order));
        Price touch = markets.get(r.symbol()).touch(r.side());
        if (r.type() != OrderType.STOP_MARKET && !Markets.crosses(r.side(), r.limitPrice(), touch)) {
            book.triggered.add(r.clientOrderId());
            book.resting.add(r.clientOrderId());
            queue(order);
            return;
        }
        List<Markets.Level> levels = markets.walk(r, order.remaining());
        Price at = levels != null ? levels.getLast().price() : markets.slipped(r, touch);
        Refusal refusal = account.refusal(r, order.remaining(), at, rules.takerFeeBps());
        if (refusal != null) {
            book.cancel(order, refusal.text() + " when the stop triggered", out);
        } else {
            take(order, new Markets.Entry(false, true, touch, at, null, levels), nowNanos, out);
        }
    }

}
