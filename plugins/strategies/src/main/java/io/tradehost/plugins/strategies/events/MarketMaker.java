package io.tradehost.plugins.strategies.events;

import io.tradehost.api.market.Quote;
import io.tradehost.api.order.Position;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.strategy.event.EventStrategy;
import io.tradehost.api.strategy.event.OrderEvent;
import io.tradehost.api.strategy.event.OrderHandle;
import io.tradehost.api.strategy.event.OrderSpec;
import io.tradehost.api.strategy.event.Restored;
import io.tradehost.api.strategy.event.StrategyHost;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Product;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import java.math.RoundingMode;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Quotes one post-only bid and one ask per symbol around the mid, {@code spread} bps apart. Both
 * shift against the inventory (a long position lowers them, so the ask fills sooner), by up to
 * {@code skew} bps at {@code maxInventory}; at that inventory the side that would grow it is pulled.
 * An order is replaced (modified) when its wanted price moved more than {@code refresh} bps. Under
 * REDUCE_ONLY only the side that shrinks the position is quoted, reduce-only; under HALTED nothing.
 * A spot symbol is only offered what the position holds.
 *
 * <p>Hanging orders ({@code hangingCancelBps} above zero): when one side's quote fills wholly, the other
 * side's quote is left hanging at its price, to capture the spread of the fill, and a new quote is made
 * on that side; a hanging order is cancelled once the mid is more than {@code hangingCancelBps} from
 * it, or when it would grow the position past {@code maxInventory}, or under REDUCE_ONLY if it would grow
 * the position, or HALTED.
 */
final class MarketMaker implements EventStrategy {
    private final double spreadBps;
    private final double refreshBps;
    private final Money orderNotional;
    private final Money maxInventory;
    private final double skewBps;
    private final Map<Symbol, Map<Side, OrderHandle>> quoting = new HashMap<>();
    private final double hangingCancelBps;
    private final Map<Symbol, List<OrderHandle>> hanging = new HashMap<>();
    private StrategyHost host;

    MarketMaker(double spreadBps, double refreshBps, Money orderNotional, Money maxInventory, double skewBps) {
        this(spreadBps, refreshBps, orderNotional, maxInventory, skewBps, 0);
    }

    MarketMaker(double spreadBps, double refreshBps, Money orderNotional, Money maxInventory, double skewBps,
                double hangingCancelBps) {
        this.hangingCancelBps = hangingCancelBps;
        this.spreadBps = spreadBps;
        this.refreshBps = refreshBps;
        this.orderNotional = orderNotional;
        this.maxInventory = maxInventory;
        this.skewBps = skewBps;
    }

    @Override
    public void onStart(StrategyHost strategyHost, Restored restored) {
        this.host = strategyHost;
        for (Symbol symbol : host.symbols()) {
            host.subscribeQuotes(symbol);
            quoting.put(symbol, new EnumMap<>(Side.class));
            hanging.put(symbol, new java.util.ArrayList<>());
        }
        for (OrderHandle order : restored.openOrders()) {
            if (hangingCancelBps > 0) {
                // oldest first: the newest of a side is its quote, those before it were left hanging
                OrderHandle before = quoting.get(order.symbol()).put(order.side(), order);
                if (before != null) {
                    hanging.get(order.symbol()).add(before);
                }
            } else if (quoting.get(order.symbol()).putIfAbsent(order.side(), order) != null) {
                host.cancel(order); // more than one per side came back: keep the oldest
            }
        }
    }

    @Override
    public void onQuote(Quote quote) {
        requote(quote.symbol(), Price.mid(quote.bid(), quote.ask()));
    }

    @Override
    public void onOrderEvent(OrderEvent event) {
        OrderHandle order = event.handle();
        if (!order.isOpen()) {
            boolean quoted = quoting.get(order.symbol()).remove(order.side(), order);
            hanging.get(order.symbol()).remove(order);
            if (quoted && hangingCancelBps > 0 && event instanceof OrderEvent.Filled filled && filled.complete()) {
                // the other side's quote hangs at its price; the next quote makes a new one on that side
                OrderHandle other = quoting.get(order.symbol()).remove(order.side().opposite());
                if (other != null && other.isOpen()) {
                    hanging.get(order.symbol()).add(other);
                }
            }
        } else if (event instanceof OrderEvent.ModifyRejected) {
            host.cancel(order); // a quote that could not move is stale: pulled, and quoted afresh next time
        }
    }

    @Override
    public void onTradingStateChanged(Symbol symbol, TradingState state) {
        if (host.mark(symbol) != null) {
            requote(symbol, host.mark(symbol).price());
        }
    }

    private void requote(Symbol symbol, Price mid) {
        Position position = host.position(symbol);
        Money inventory = position.quantity().times(mid);
        if (hangingCancelBps > 0) {
            pullHanging(symbol, mid, position);
        }
        double fill = Math.max(-1, Math.min(1, inventory.toDouble() / maxInventory.toDouble()));
        double center = mid.toDouble() * (1 - fill * skewBps / 10_000);
        double half = mid.toDouble() * spreadBps / 20_000;
        Product product = host.product(symbol);
        TradingState state = host.tradingState(symbol);
        quote(symbol, Side.BUY, product.roundPrice(Price.fromDouble(center - half), RoundingMode.FLOOR),
                wanted(Side.BUY, position, inventory, mid, product, state));
        quote(symbol, Side.SELL, product.roundPrice(Price.fromDouble(center + half), RoundingMode.CEILING),
                wanted(Side.SELL, position, inventory, mid, product, state));
    }

    /**
     * Cancels the hanging orders too far from {@code mid}, and those that, filled with the orders of their
     * side nearer the mid (its quote first), would take the position beyond {@code maxInventory} either
     * way (an ask that shrinks a long grows a short once past flat), or that the trading state forbids.
     */
    private void pullHanging(Symbol symbol, Price mid, Position position) {
        TradingState state = host.tradingState(symbol);
        Map<Side, Quantity> projected = new EnumMap<>(Side.class);
        for (Side side : Side.values()) {
            OrderHandle quote = quoting.get(symbol).get(side);
            // a side without a quote gets one right after: its size counts too
            Quantity size = quote != null ? quote.remaining() : host.product(symbol).roundSize(
                    orderNotional.divide(mid, RoundingMode.DOWN));
            projected.put(side, position.quantity().plus(size.signed(side)));
        }
        List<OrderHandle> nearestFirst = hanging.get(symbol).stream().sorted(java.util.Comparator.comparingDouble(
                o -> Math.abs(mid.bpsFrom(o.price())))).toList();
        for (OrderHandle order : nearestFirst) {
            Quantity before = projected.get(order.side());
            Quantity after = before.plus(order.remaining().signed(order.side()));
            boolean away = after.abs().isGreaterThan(before.abs());
            boolean beyond = away && after.abs().times(mid).isGreaterThan(maxInventory);
            if (!order.isCancelPending() && order.clientOrderId() != null
                    && (Math.abs(mid.bpsFrom(order.price())) > hangingCancelBps || state == TradingState.HALTED
                    || beyond || away && state == TradingState.REDUCE_ONLY)) {
                host.cancel(order);
            } else {
                projected.put(order.side(), after); // it may fill: it counts until it is gone
            }
        }
    }

    /** A side's wanted size; {@code capped} when the position limits it (it must not shrink past flat). */
    private record Want(Quantity size, boolean capped) {
    }

    /** The size to quote on {@code side}, or null to pull that side. */
    private Want wanted(Side side, Position position, Money inventory, Price mid, Product product,
                            TradingState state) {
        boolean grows = side == Side.BUY ? !position.quantity().isLessThan(Quantity.ZERO)
                : !position.quantity().isGreaterThan(Quantity.ZERO);
        if (state == TradingState.HALTED || (state == TradingState.REDUCE_ONLY && grows)) {
            return null;
        }
        boolean full = side == Side.BUY ? !inventory.isLessThan(maxInventory)
                : !inventory.negate().isLessThan(maxInventory);
        if (full) {
            return null;
        }
        Quantity size = product.roundSize(orderNotional.divide(mid, RoundingMode.DOWN));
        boolean capped = !grows || (side == Side.SELL && !product.isPerpetual());
        if (capped) {
            size = size.min(position.quantity().abs()); // shrink no further than flat; spot sells what it holds
        }
        size = product.roundSize(size);
        return size.isPositive() && !size.isLessThan(product.minSize()) ? new Want(size, capped) : null;
    }

    private void quote(Symbol symbol, Side side, Price price, Want want) {
        Map<Side, OrderHandle> sides = quoting.get(symbol);
        OrderHandle working = sides.get(side);
        if (want == null) {
            if (working != null) {
                host.cancel(working);
            }
            return;
        }
        if (working == null) {
            OrderSpec spec = OrderSpec.limit(symbol, side, want.size(), price).asPostOnly()
                    .withTag(side == Side.BUY ? "mm-bid" : "mm-ask");
            sides.put(side, host.submit(host.tradingState(symbol) == TradingState.REDUCE_ONLY ? spec.asReduceOnly()
                    : spec));
            return;
        }
        if (working.isCancelPending() || working.clientOrderId() == null) {
            return; // a replacement or cancel is on its way: wait for it
        }
        double moved = Math.abs(price.bpsFrom(working.price()));
        // the size follows the mid only when the order is replaced anyway, or must shrink with the position
        if (moved > refreshBps || want.capped() && want.size().isLessThan(working.remaining())) {
            host.modify(working, price, want.size().plus(working.filled()));
        }
    }

    /** The orders this instance keeps working (quotes, then hanging orders), for tests. */
    List<OrderHandle> working() {
        List<OrderHandle> out = new java.util.ArrayList<>(quoting.values().stream().flatMap(m -> m.values().stream())
                .toList());
        hanging.values().forEach(out::addAll);
        return out;
    }
}
