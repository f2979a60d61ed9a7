package com.example.meanreversion;

import io.tradehost.api.market.Quote;
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
import java.util.HashMap;
import java.util.Map;

/**
 * Per symbol, one resting post-only bid {@code depthBps} below the mid, moved (modified) when the mid
 * has gone more than {@code refreshBps}; each fill of it rests a reduce-only ask for the filled size
 * {@code takeBps} above the fill's price. A refused bid (a rate limit, say) waits a second before the
 * next. Orders come back as handles after a restart, so nothing is
 * doubled: a bid and the asks it restores keep working.
 */
final class DipLadder implements EventStrategy {
    private final double depthBps;
    private final double takeBps;
    private final double refreshBps;
    private final Money notional;
    private final Map<Symbol, OrderHandle> bids = new HashMap<>();
    /** After a refused bid (a rate limit, the trading state) the symbol waits a second before bidding again. */
    private final Map<Symbol, Long> pausedUntil = new HashMap<>();
    private StrategyHost host;

    DipLadder(double depthBps, double takeBps, double refreshBps, Money notional) {
        this.depthBps = depthBps;
        this.takeBps = takeBps;
        this.refreshBps = refreshBps;
        this.notional = notional;
    }

    @Override
    public void onStart(StrategyHost h, Restored restored) {
        host = h;
        h.symbols().forEach(h::subscribeQuotes);
        restored.openOrders().stream().filter(o -> o.side() == Side.BUY).forEach(o -> bids.put(o.symbol(), o));
    }

    @Override
    public void onQuote(Quote quote) {
        Symbol symbol = quote.symbol();
        Product product = host.product(symbol);
        Price mid = Price.mid(quote.bid(), quote.ask());
        Price wanted = product.roundPrice(Price.fromDouble(mid.toDouble() * (1 - depthBps / 10_000)),
                RoundingMode.FLOOR);
        OrderHandle bid = bids.get(symbol);
        if (bid == null && host.nowNanos() < pausedUntil.getOrDefault(symbol, Long.MIN_VALUE)) {
            return;
        }
        if (bid == null) {
            Quantity size = product.roundSize(notional.divide(wanted, RoundingMode.DOWN));
            if (size.isPositive() && !size.isLessThan(product.minSize())) {
                bids.put(symbol, host.submit(OrderSpec.limit(symbol, Side.BUY, size, wanted).asPostOnly()
                        .withTag("dip-bid")));
            }
        } else if (bid.isOpen() && !bid.isCancelPending() && bid.clientOrderId() != null
                && Math.abs(wanted.bpsFrom(bid.price())) > refreshBps) {
            host.modify(bid, wanted, null);
        }
    }

    @Override
    public void onOrderEvent(OrderEvent event) {
        OrderHandle order = event.handle();
        if (event instanceof OrderEvent.Filled filled && order.side() == Side.BUY) {
            Price take = host.product(order.symbol()).roundPrice(Price.fromDouble(filled.fill().price().toDouble()
                    * (1 + takeBps / 10_000)), RoundingMode.CEILING);
            host.submit(OrderSpec.limit(order.symbol(), Side.SELL, filled.fill().quantity(), take).asReduceOnly()
                    .withTag("dip-take"));
        }
        if (event instanceof OrderEvent.Rejected && order.side() == Side.BUY) {
            pausedUntil.put(order.symbol(), host.nowNanos() + 1_000_000_000L);
        }
        if (!order.isOpen() && order.side() == Side.BUY) {
            bids.remove(order.symbol(), order);
        }
    }
}
