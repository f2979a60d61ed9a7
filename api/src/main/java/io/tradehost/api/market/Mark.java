package io.tradehost.api.market;

import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Symbol;
import java.util.Objects;

/**
 * The host's accepted mark for a product: the mid of a valid quote, with the quote's book. Immutable.
 *
 * @param symbol the product
 * @param price the mark, mid of bid and ask
 * @param bid best bid
 * @param ask best ask
 * @param bidSize size at the best bid
 * @param askSize size at the best ask
 * @param timestampNanos venue time of the quote, nanoseconds since the epoch
 */
public record Mark(Symbol symbol, Price price, Price bid, Price ask, Quantity bidSize, Quantity askSize,
                   long timestampNanos) {
    public Mark {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(bid, "bid");
        Objects.requireNonNull(ask, "ask");
        Objects.requireNonNull(bidSize, "bidSize");
        Objects.requireNonNull(askSize, "askSize");
    }

    /** The mark of a valid quote. */
    public static Mark of(Quote quote) {
        return new Mark(quote.symbol(), quote.mid(), quote.bid(), quote.ask(), quote.bidSize(), quote.askSize(),
                quote.timestampNanos());
    }

    /** Spread as basis points of the mark. */
    public double spreadBps() {
        return ask.minus(bid).toDouble() * 10_000.0 / price.toDouble();
    }
}
