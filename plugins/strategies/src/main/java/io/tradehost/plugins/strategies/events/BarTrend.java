package io.tradehost.plugins.strategies.events;

import io.tradehost.api.market.Bar;
import io.tradehost.api.market.BarInterval;
import io.tradehost.api.order.Position;
import io.tradehost.api.strategy.event.EventStrategy;
import io.tradehost.api.strategy.event.OrderEvent;
import io.tradehost.api.strategy.event.OrderHandle;
import io.tradehost.api.strategy.event.OrderList;
import io.tradehost.api.strategy.event.OrderSpec;
import io.tradehost.api.strategy.event.Restored;
import io.tradehost.api.strategy.event.StrategyHost;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Ratio;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;

/**
 * On the close of each bar: when the close crosses above the average of the last {@code length}
 * closes (this one included) it buys {@code fraction} of equity, when it crosses below it closes the
 * long (and, with shorts allowed, sells as much short). One order at a time per symbol: while one
 * is open, crosses are skipped. With {@link EntryExits} each entry carries a take-profit, a
 * stop-loss and/or a trailing stop, held by the host as a contingent list; a cross against the
 * position cancels them and exits at the market (a "signal" exit).
 */
final class BarTrend implements EventStrategy {
    private final BarInterval interval;
    private final int length;
    private final Ratio fraction;
    private final boolean allowShorts;
    private final Map<Symbol, Closes> closes = new HashMap<>();
    private final Map<Symbol, OrderHandle> working = new HashMap<>();
    private final EntryExits exits;
    /** Per symbol, the exits of the position open now (as the list that holds them). */
    private final Map<Symbol, OrderList> protections = new HashMap<>();
    private StrategyHost host;

    /** The last {@code length} closes of one symbol, and whether the close was above their average last bar. */
    private static final class Closes {
        final double[] ring;
        int count;
        double sum;
        Boolean above;

        Closes(int length) {
            ring = new double[length];
        }

        /** Adds a close; returns its average once the window is full, else NaN. */
        double add(double close) {
            int slot = count % ring.length;
            sum += close - (count >= ring.length ? ring[slot] : 0);
            ring[slot] = close;
            count++;
            return count >= ring.length ? sum / ring.length : Double.NaN;
        }
    }

    BarTrend(BarInterval interval, int length, Ratio fraction, boolean allowShorts) {
        this(interval, length, fraction, allowShorts, EntryExits.NONE);
    }

    BarTrend(BarInterval interval, int length, Ratio fraction, boolean allowShorts, EntryExits exits) {
        this.exits = exits;
        this.interval = interval;
        this.length = length;
        this.fraction = fraction;
        this.allowShorts = allowShorts;
    }

    @Override
    public void onStart(StrategyHost strategyHost, Restored restored) {
        this.host = strategyHost;
        for (Symbol symbol : host.symbols()) {
            host.subscribeBars(symbol, interval);
            closes.put(symbol, new Closes(length));
        }
        java.util.Set<OrderHandle> protective = new java.util.HashSet<>();
        for (OrderList list : restored.orderLists()) {
            protections.put(list.entry().symbol(), list);
            protective.addAll(list.exits());
        }
        restored.openOrders().stream().filter(o -> !protective.contains(o)).forEach(o -> working.put(o.symbol(), o));
    }

    @Override
    public void onBar(Bar bar) {
        Closes c = closes.get(bar.symbol());
        double close = bar.close().toDouble();
        double average = c.add(close);
        if (Double.isNaN(average)) {
            return;
        }
        boolean above = close > average;
        Boolean before = c.above;
        c.above = above;
        if (before == null || before == above || working.containsKey(bar.symbol())) {
            return;
        }
        Position position = host.position(bar.symbol());
        Quantity held = position.quantity();
        Money notional = host.equity().times(fraction);
        Quantity entry = host.product(bar.symbol()).roundSize(notional.divide(bar.close(), RoundingMode.DOWN));
        Quantity size;
        Side side;
        String tag;
        if (above) {
            side = Side.BUY;
            size = held.isLessThan(Quantity.ZERO) ? held.abs() : held.isZero() ? entry : Quantity.ZERO;
            tag = held.isLessThan(Quantity.ZERO) ? "exit-short: close above average" : "entry-long: close above average";
        } else {
            side = Side.SELL;
            size = held.isGreaterThan(Quantity.ZERO) ? held : held.isZero() && allowShorts ? entry : Quantity.ZERO;
            tag = held.isGreaterThan(Quantity.ZERO) ? "exit-long: close below average"
                    : "entry-short: close below average";
        }
        if (!size.isPositive()) {
            return;
        }
        OrderSpec spec = OrderSpec.market(bar.symbol(), side, size).withTag(tag);
        boolean exit = tag.startsWith("exit");
        OrderList protection = protections.remove(bar.symbol());
        if (protection != null) {
            // the signal exits: the protective exits go (a fill of theirs meanwhile leaves the reduce-only exit less to do)
            protection.exits().stream().filter(OrderHandle::isOpen).forEach(host::cancel);
        }
        if (exit || !exits.any()) {
            working.put(bar.symbol(), host.submit(exit ? spec.asReduceOnly() : spec));
            return;
        }
        OrderList list = host.submit(exits.around(spec, bar.close(), host.product(bar.symbol())));
        protections.put(bar.symbol(), list);
        working.put(bar.symbol(), list.entry());
    }

    @Override
    public void onOrderEvent(OrderEvent event) {
        if (!event.handle().isOpen()) {
            working.remove(event.handle().symbol(), event.handle());
        }
    }
}
