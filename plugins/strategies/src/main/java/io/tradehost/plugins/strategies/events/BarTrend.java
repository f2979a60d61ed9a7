package io.tradehost.plugins.strategies.events;

import io.tradehost.api.market.Bar;
import io.tradehost.api.market.BarInterval;
import io.tradehost.api.order.Position;
import io.tradehost.api.strategy.event.EventStrategy;
import io.tradehost.api.strategy.event.OrderEvent;
import io.tradehost.api.strategy.event.OrderHandle;
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
 * is open, crosses are skipped.
 */
final class BarTrend implements EventStrategy {
    private final BarInterval interval;
    private final int length;
    private final Ratio fraction;
    private final boolean allowShorts;
    private final Map<Symbol, Closes> closes = new HashMap<>();
    private final Map<Symbol, OrderHandle> working = new HashMap<>();
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
        restored.openOrders().forEach(o -> working.put(o.symbol(), o));
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
        working.put(bar.symbol(), host.submit(exit ? spec.asReduceOnly() : spec));
    }

    @Override
    public void onOrderEvent(OrderEvent event) {
        if (!event.handle().isOpen()) {
            working.remove(event.handle().symbol(), event.handle());
        }
    }
}
