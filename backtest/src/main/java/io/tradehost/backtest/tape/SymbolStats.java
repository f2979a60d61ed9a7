package io.tradehost.backtest.tape;

import io.tradehost.api.value.Price;
import io.tradehost.api.value.Symbol;

/**
 * What the tape held of one symbol: rows, the price range (trade prices, bar lows and highs, quote
 * mids) and the first and last price. Immutable.
 */
public record SymbolStats(Symbol symbol, long events, Price priceMin, Price priceMax, Price firstPrice,
                          Price lastPrice, long firstNanos, long lastNanos) {
    /** The stats with {@code event} added; {@code previous} may be null for the first. */
    static SymbolStats add(SymbolStats previous, MarketEvent event) {
        Price low = event.format() == TapeFormat.BARS ? event.low() : event.price();
        Price high = event.format() == TapeFormat.BARS ? event.high() : event.price();
        if (previous == null) {
            return new SymbolStats(event.symbol(), 1, low, high, event.price(), event.price(), event.timestampNanos(),
                    event.timestampNanos());
        }
        return new SymbolStats(previous.symbol, previous.events + 1,
                low.isLessThan(previous.priceMin) ? low : previous.priceMin,
                high.isGreaterThan(previous.priceMax) ? high : previous.priceMax, previous.firstPrice, event.price(),
                previous.firstNanos, event.timestampNanos());
    }
}
