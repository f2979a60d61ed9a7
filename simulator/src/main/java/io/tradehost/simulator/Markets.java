package io.tradehost.simulator;

import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Product;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Ratio;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's listed products with each one's market, and how an order meets that market: whether
 * it takes, at what price and fee, and why the engine would refuse it there. Not thread-safe.
 */
final class Markets {
    /**
     * An order meeting the market: armed (a stop not yet triggered), marketable (it takes at
     * {@code price}, the touch it takes being {@code touch}), or neither (it would rest at
     * {@code price}); {@code refusal} is why the engine will not take it, or null.
     */
    record Entry(boolean armed, boolean marketable, Price touch, Price price, Refusal refusal, List<Level> levels) {
        Entry(boolean armed, boolean marketable, Price touch, Price price, Refusal refusal) {
            this(armed, marketable, touch, price, refusal, null);
        }
    }

    /** One level of the book a taker walks: its price and the size it takes there. */
    record Level(Price price, Quantity quantity) {
    }

    /** The most levels a taker walks; what remains of a market order past them fills at the last. */
    static final int MAX_LEVELS = 1_000;

    private final EngineRules rules;
    private final Map<Symbol, Product> products;
    private final Map<Symbol, Touch> touches = new HashMap<>();

    Markets(EngineRules rules, Map<Symbol, Product> products) {
        this.rules = rules;
        this.products = Map.copyOf(products);
    }

    Product product(Symbol symbol) {
        return products.get(symbol);
    }

    /** @throws IllegalArgumentException for a symbol not listed */
    void set(Symbol symbol, Touch touch) {
        if (!products.containsKey(symbol)) {
            throw new IllegalArgumentException("the engine does not list " + symbol);
        }
        touches.put(symbol, touch);
    }

    /** {@code symbol}'s market, or null before the first. */
    Touch get(Symbol symbol) {
        return touches.get(symbol);
    }

    /** {@code symbol}'s mark, or null before its first market. */
    Price mark(Symbol symbol) {
        Touch touch = touches.get(symbol);
        return touch == null ? null : touch.mark();
    }

    /** Whether the engine takes orders of {@code type}: every type, stops only with native stops. */
    boolean takes(OrderType type) {
        return !type.isStop() || rules.nativeStops();
    }

    /** Why {@code request} is refused before its market is looked at (symbol, order type, size), or null. */
    Refusal admission(OrderRequest request) {
        Product product = products.get(request.symbol());
        if (product == null) {
            return new Refusal("UNKNOWN_SYMBOL", request.symbol() + " is not listed");
        }
        if (!takes(request.type())) {
            return new Refusal("UNSUPPORTED_ORDER_TYPE", "this venue leaves stops to the host");
        }
        return Refusal.size(product, request.quantity());
    }

    /** Whether a {@code side} limit at {@code limit} would take liquidity against {@code touch}, the opposite side's best price. */
    static boolean crosses(Side side, Price limit, Price touch) {
        return side == Side.BUY ? !touch.isGreaterThan(limit) : !touch.isLessThan(limit);
    }

    /** The reach of a market that is its own touch ({@link MatchingEngine#touchCrossing}). */
    boolean crossedByTouch(Symbol symbol, Side side, Price limit) {
        return crosses(side, limit, touches.get(symbol).touch(side));
    }

    Ratio fee(boolean taker) {
        return taker ? rules.takerFeeBps() : rules.makerFeeBps();
    }

    /** The price a taker fill of {@code r} gets against {@code touch}: moved by the slippage, on the tick grid. */
    Price slipped(OrderRequest r, Price touch) {
        Price price = Touch.slipped(touch, r.side(), rules.slippageBps(), products.get(r.symbol()).priceIncrement());
        Price limit = r.type().hasLimit() ? r.limitPrice() : null;
        if (limit == null) {
            return price;
        }
        // slippage never takes a limit order beyond its limit: a buy pays at most it, a sell gets at least it
        return r.side() == Side.BUY ? (price.isGreaterThan(limit) ? limit : price)
                : (price.isLessThan(limit) ? limit : price);
    }

    /**
     * How {@code quantity} of {@code r} (a listed symbol) meets its market now, and why it would be
     * refused there: no market yet, a post-only order that would take, or what {@code account} cannot
     * take at the price.
     */
    Entry entry(OrderRequest r, Quantity quantity, Account account) {
        Touch market = touches.get(r.symbol());
        if (market == null) {
            return new Entry(false, false, null, null, new Refusal("NO_MARKET", "no price for " + r.symbol()
                    + " yet"));
        }
        Price touch = market.touch(r.side());
        boolean armed = r.type().isStop() && !r.triggersAt(market.mark());
        boolean marketable = !armed && (r.type().triggered() == OrderType.MARKET || crosses(r.side(),
                r.limitPrice(), touch));
        List<Level> levels = marketable ? walk(r, quantity) : null;
        // a walk is judged at its worst price, for all of the order: what it may cost at most
        Price price = levels != null ? levels.getLast().price() : marketable ? slipped(r, touch)
                : r.limitPrice() != null ? r.limitPrice() : r.stopPrice();
        Refusal refusal = marketable && r.postOnly() ? Refusal.postOnly(touch)
                : account.refusal(r, quantity, price, fee(marketable));
        return new Entry(armed, marketable, touch, price, refusal, levels);
    }

    /**
     * The levels {@code quantity} of {@code r} takes walking {@code r}'s market ({@link FillModel}), or
     * null when the engine does not walk or the market shows no size: then it takes at the touch.
     */
    List<Level> walk(OrderRequest r, Quantity quantity) {
        Touch market = touches.get(r.symbol());
        Quantity size = market.size(r.side());
        if (!rules.fillModel().walks() || size == null || !size.isPositive()) {
            return null;
        }
        Price tick = products.get(r.symbol()).priceIncrement();
        List<Level> out = new ArrayList<>();
        Quantity left = quantity;
        Price price = market.touch(r.side());
        for (int k = 0; left.isPositive() && k < MAX_LEVELS; k++) {
            if (k > 0) {
                price = further(price, r.side(), tick);
            }
            if (r.type().hasLimit() && !crosses(r.side(), r.limitPrice(), price)) {
                break;
            }
            Quantity taken = left.min(size);
            out.add(new Level(price, taken));
            left = left.minus(taken);
        }
        if (left.isPositive() && !r.type().hasLimit()) {
            out.add(new Level(price, left)); // past the last level: at its price
        }
        return out.isEmpty() ? null : out;
    }

    /** The next level beyond {@code price} for a taker on {@code side}: the step further, at least a tick. */
    private Price further(Price price, Side side, Price tick) {
        Price step = price.bps(rules.fillModel().levelStepBps(), RoundingMode.CEILING);
        if (step.isLessThan(tick)) {
            step = tick;
        }
        if (side == Side.BUY) {
            return price.plus(step).roundTo(tick, RoundingMode.CEILING);
        }
        Price down = price.isGreaterThan(step) ? price.minus(step).roundTo(tick, RoundingMode.FLOOR) : tick;
        return down.isZero() ? tick : down;
    }
}
