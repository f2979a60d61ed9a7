package com.example.ta4jrsi;

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
import io.tradehost.api.value.Product;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.Num;

/**
 * Per symbol, the RSI of ta4j over the closes of the host's bars: when it crosses below
 * {@code oversold} while the symbol is flat, a market buy (a fixed notional at the bar's close, or a
 * fixed quantity); when it crosses above {@code overbought} while long, a reduce-only market sell of
 * the whole position. The first {@code length} bars only seed the averages (ta4j's RSI starts its
 * smoothing at the first bar, so earlier values say little). One order at a time per symbol: while one
 * is open, crossings are skipped. Nothing is saved: after a restart the RSI seeds again.
 */
final class RsiCross implements EventStrategy {
    private static final System.Logger LOG = System.getLogger(RsiCross.class.getName());

    private final BarInterval interval;
    private final int length;
    private final BigDecimal oversold;
    private final BigDecimal overbought;
    private final Money notional;
    private final Quantity quantity;
    private final Map<Symbol, Closes> closes = new HashMap<>();
    private final Map<Symbol, OrderHandle> working = new HashMap<>();
    private StrategyHost host;

    /** One symbol's bars in ta4j, its RSI, and the RSI of the bar before once it counts. */
    private static final class Closes {
        final BarSeries series;
        final RSIIndicator rsi;
        final Num oversold;
        final Num overbought;
        Num previous;

        Closes(String name, int length, BigDecimal oversold, BigDecimal overbought) {
            // a bounded window: ta4j drops the oldest bars, and the RSI (cached bar by bar) runs on
            series = new BaseBarSeriesBuilder().withName(name).withMaxBarCount(Math.max(50, 10 * length)).build();
            rsi = new RSIIndicator(new ClosePriceIndicator(series), length);
            this.oversold = series.numFactory().numOf(oversold);
            this.overbought = series.numFactory().numOf(overbought);
        }

        /** Adds the bar; returns its RSI, or null while the first {@code length} bars seed it. */
        Num add(Bar bar, int length) {
            series.barBuilder().timePeriod(bar.interval().length()).endTime(Instant.ofEpochSecond(0, bar.endNanos()))
                    .openPrice(bar.open().toString()).highPrice(bar.high().toString())
                    .lowPrice(bar.low().toString()).closePrice(bar.close().toString())
                    .volume(bar.volume().toString()).trades(bar.count()).add();
            int index = series.getEndIndex();
            return index < length ? null : rsi.getValue(index);
        }
    }

    RsiCross(BarInterval interval, int length, BigDecimal oversold, BigDecimal overbought, Money notional,
             Quantity quantity) {
        this.interval = interval;
        this.length = length;
        this.oversold = oversold;
        this.overbought = overbought;
        this.notional = notional;
        this.quantity = quantity;
        warmUp();
    }

    /**
     * Loads and links ta4j's classes now, inside the factory's call (30 s for a drop-in), so that the
     * first bar's call does not spend its decision budget (5 ms) on class loading.
     */
    private void warmUp() {
        Closes c = new Closes("warm-up", length, oversold, overbought);
        for (int i = 0; i <= length; i++) {
            String price = Integer.toString(100 + i % 2);
            c.series.barBuilder().timePeriod(interval.length())
                    .endTime(Instant.EPOCH.plus(interval.length().multipliedBy(i + 1L))).openPrice(price)
                    .highPrice(price).lowPrice(price).closePrice(price).volume("1").trades(1).add();
        }
        c.rsi.getValue(c.series.getEndIndex()).isLessThan(c.oversold);
    }

    @Override
    public void onStart(StrategyHost strategyHost, Restored restored) {
        host = strategyHost;
        for (Symbol symbol : host.symbols()) {
            host.subscribeBars(symbol, interval);
            closes.put(symbol, new Closes(symbol.value(), length, oversold, overbought));
        }
        restored.openOrders().forEach(o -> working.put(o.symbol(), o));
    }

    @Override
    public void onBar(Bar bar) {
        Symbol symbol = bar.symbol();
        Closes c = closes.get(symbol);
        Num rsi = c.add(bar, length);
        Num before = c.previous;
        c.previous = rsi;
        if (rsi == null || before == null || working.containsKey(symbol)) {
            return;
        }
        Position position = host.position(symbol);
        if (before.isGreaterThanOrEqual(c.oversold) && rsi.isLessThan(c.oversold) && position.isFlat()) {
            Product product = host.product(symbol);
            Quantity size = product.roundSize(quantity != null ? quantity
                    : notional.divide(bar.close(), RoundingMode.DOWN));
            if (!size.isPositive() || size.isLessThan(product.minSize())) {
                LOG.log(System.Logger.Level.INFO, "{0}: RSI crossed below {1}, but {2} is below the minimum size {3}",
                        symbol, oversold.toPlainString(), size, product.minSize());
                return;
            }
            working.put(symbol, host.submit(OrderSpec.market(symbol, Side.BUY, size)
                    .withTag("rsi-entry: crossed below " + oversold.toPlainString())));
        } else if (before.isLessThanOrEqual(c.overbought) && rsi.isGreaterThan(c.overbought)
                && position.quantity().isPositive()) {
            working.put(symbol, host.submit(OrderSpec.market(symbol, Side.SELL,
                    position.quantity()).asReduceOnly().withTag("rsi-exit: crossed above "
                    + overbought.toPlainString())));
        }
    }

    @Override
    public void onOrderEvent(OrderEvent event) {
        if (!event.handle().isOpen()) {
            working.remove(event.handle().symbol(), event.handle());
        }
    }
}
