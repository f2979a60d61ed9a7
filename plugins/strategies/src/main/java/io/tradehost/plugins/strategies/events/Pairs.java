package io.tradehost.plugins.strategies.events;

import io.tradehost.api.market.Bar;
import io.tradehost.api.market.BarInterval;
import io.tradehost.api.strategy.event.EventStrategy;
import io.tradehost.api.strategy.event.OrderEvent;
import io.tradehost.api.strategy.event.OrderHandle;
import io.tradehost.api.strategy.event.OrderSpec;
import io.tradehost.api.strategy.event.Restored;
import io.tradehost.api.strategy.event.StrategyHost;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Ratio;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Two legs A and B (the instance's first two symbols). When the bars of both for the same interval
 * have closed, the spread {@code ln A - hedge x ln B} joins a window of {@code length}; its z-score
 * against the window decides: above {@code entryZ} sell A and buy B (the spread should fall), below
 * {@code -entryZ} the opposite, and back within {@code exitZ} both legs are closed. While an order of
 * either leg is open nothing new is sent. Needs two symbols: with another count it trades nothing and
 * says why on start.
 */
final class Pairs implements EventStrategy {
    private final BarInterval interval;
    private final double[] spreads;
    private final double entryZ;
    private final double exitZ;
    private final double hedge;
    private final Ratio fraction;
    private final List<OrderHandle> working = new ArrayList<>();
    private StrategyHost host;
    private Symbol a;
    private Symbol b;
    private Bar lastA;
    private Bar lastB;
    private int count;

    Pairs(BarInterval interval, int length, double entryZ, double exitZ, double hedge, Ratio fraction) {
        this.interval = interval;
        this.spreads = new double[length];
        this.entryZ = entryZ;
        this.exitZ = exitZ;
        this.hedge = hedge;
        this.fraction = fraction;
    }

    @Override
    public void onStart(StrategyHost strategyHost, Restored restored) {
        this.host = strategyHost;
        if (host.symbols().size() != 2) {
            throw new IllegalStateException("pairs trades exactly two symbols, assigned with strategy.symbols; it "
                    + "was given " + host.symbols());
        }
        a = host.symbols().get(0);
        b = host.symbols().get(1);
        host.subscribeBars(a, interval);
        host.subscribeBars(b, interval);
        working.addAll(restored.openOrders());
    }

    @Override
    public void onBar(Bar bar) {
        if (bar.symbol().equals(a)) {
            lastA = bar;
        } else {
            lastB = bar;
        }
        if (lastA == null || lastB == null || lastA.startNanos() != lastB.startNanos()) {
            return;
        }
        double spread = Math.log(lastA.close().toDouble()) - hedge * Math.log(lastB.close().toDouble());
        spreads[count % spreads.length] = spread;
        count++;
        if (count < spreads.length || !working.isEmpty()) {
            return;
        }
        double z = zScore(spread);
        boolean flat = host.position(a).isFlat() && host.position(b).isFlat();
        if (flat && Math.abs(z) > entryZ) {
            enter(z > 0 ? -1 : 1, lastA.close(), lastB.close(), "pairs-entry z=" + String.format(Locale.ROOT, "%.2f", z));
        } else if (!flat && Math.abs(z) < exitZ) {
            flatten(a, "pairs-exit z=" + String.format(Locale.ROOT, "%.2f", z));
            flatten(b, "pairs-exit z=" + String.format(Locale.ROOT, "%.2f", z));
        }
    }

    private double zScore(double spread) {
        double mean = 0;
        for (double s : spreads) {
            mean += s;
        }
        mean /= spreads.length;
        double variance = 0;
        for (double s : spreads) {
            variance += (s - mean) * (s - mean);
        }
        double sd = Math.sqrt(variance / (spreads.length - 1));
        return sd == 0 ? 0 : (spread - mean) / sd;
    }

    /** Enters long the spread ({@code direction} +1: buy A, sell B) or short it (-1). */
    private void enter(int direction, Price priceA, Price priceB, String tag) {
        Money leg = host.equity().times(fraction);
        send(a, direction > 0 ? Side.BUY : Side.SELL, leg, priceA, tag);
        send(b, direction > 0 ? Side.SELL : Side.BUY, leg, priceB, tag);
    }

    private void send(Symbol symbol, Side side, Money notional, Price price, String tag) {
        Quantity size = host.product(symbol).roundSize(notional.divide(price, RoundingMode.DOWN));
        if (size.isPositive()) {
            working.add(host.submit(OrderSpec.market(symbol, side, size).withTag(tag)));
        }
    }

    private void flatten(Symbol symbol, String tag) {
        Quantity q = host.position(symbol).quantity();
        if (!q.isZero()) {
            working.add(host.submit(OrderSpec.market(symbol, q.isPositive() ? Side.SELL : Side.BUY, q.abs())
                    .withTag(tag).asReduceOnly()));
        }
    }

    @Override
    public void onOrderEvent(OrderEvent event) {
        if (!event.handle().isOpen()) {
            working.remove(event.handle());
        }
    }
}
