package io.tradehost.plugins.strategies.events;

import io.tradehost.api.order.Trail;
import io.tradehost.api.strategy.event.OrderListSpec;
import io.tradehost.api.strategy.event.OrderSpec;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Product;
import io.tradehost.api.value.Ratio;
import io.tradehost.api.value.Side;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The exits an entry carries, in basis points of the price it entered at: a take-profit limit, a
 * stop-loss, and a trailing stop that starts once the market moved {@code trailingBps} in the
 * position's favour and then trails that far behind the best mark. Zero for none. They cancel each
 * other (the host holds them as a contingent list). Immutable.
 *
 * @param takeProfitBps the take-profit's distance, or zero
 * @param stopLossBps the stop-loss's distance, or zero
 * @param trailingBps the trailing stop's activation distance and trail, or zero
 * @param stopLimitBps zero for a stop-loss that goes at the market once triggered; else a stop-limit
 *     whose limit is that far beyond its trigger (a venue that takes only stop-limits holds it itself)
 */
record EntryExits(Ratio takeProfitBps, Ratio stopLossBps, Ratio trailingBps, Ratio stopLimitBps) {
    /** The tags of the exits, which reports read as the exit's kind. */
    static final String TAKE_PROFIT = "take-profit";
    static final String STOP_LOSS = "stop-loss";
    static final String TRAILING = "trailing-stop";
    private static final BigDecimal BPS = BigDecimal.valueOf(10_000);

    static final EntryExits NONE = new EntryExits(Ratio.ZERO, Ratio.ZERO, Ratio.ZERO, Ratio.ZERO);

    boolean any() {
        return takeProfitBps.isPositive() || stopLossBps.isPositive() || trailingBps.isPositive();
    }

    /** {@code entry}, expected near {@code price}, with these exits on {@code product}'s tick grid. */
    OrderListSpec around(OrderSpec entry, Price price, Product product) {
        Side exit = entry.side().opposite();
        boolean longEntry = entry.side() == Side.BUY;
        List<OrderSpec> exits = new ArrayList<>();
        if (takeProfitBps.isPositive()) {
            Price target = away(price, takeProfitBps, longEntry, product, longEntry ? RoundingMode.CEILING
                    : RoundingMode.FLOOR);
            exits.add(OrderSpec.limit(entry.symbol(), exit, entry.quantity(), target).withTag(TAKE_PROFIT));
        }
        if (stopLossBps.isPositive()) {
            Price stop = away(price, stopLossBps, !longEntry, product, longEntry ? RoundingMode.FLOOR
                    : RoundingMode.CEILING);
            exits.add((stopLimitBps.isPositive() ? OrderSpec.stopLimit(entry.symbol(), exit, entry.quantity(), stop,
                    away(stop, stopLimitBps, !longEntry, product, longEntry ? RoundingMode.FLOOR : RoundingMode.CEILING))
                    : OrderSpec.stop(entry.symbol(), exit, entry.quantity(), stop)).withTag(STOP_LOSS));
        }
        if (trailingBps.isPositive()) {
            Price activation = away(price, trailingBps, longEntry, product, longEntry ? RoundingMode.CEILING
                    : RoundingMode.FLOOR);
            exits.add(OrderSpec.trailingStop(entry.symbol(), exit, entry.quantity(),
                    Trail.byBps(trailingBps).activatingAt(activation)).withTag(TRAILING));
        }
        return exits.size() == 1 ? OrderListSpec.oto(entry, exits.getFirst())
                : new OrderListSpec(entry, exits, true);
    }

    /** {@code price} moved {@code bps} up (or down), rounded to the tick as {@code mode} says. */
    private static Price away(Price price, Ratio bps, boolean up, Product product, RoundingMode mode) {
        BigDecimal factor = BigDecimal.ONE.add((up ? bps.toBigDecimal() : bps.toBigDecimal().negate())
                .divide(BPS, 12, RoundingMode.HALF_EVEN));
        return product.roundPrice(Price.of(price.toBigDecimal().multiply(factor)), mode);
    }
}
