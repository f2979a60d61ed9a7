package io.tradehost.api.market;

import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import java.util.Objects;

/**
 * One trade on a venue's public tape (anyone's, not only ours). Immutable.
 *
 * @param symbol the product
 * @param price the execution price, positive
 * @param size the executed base quantity, positive
 * @param aggressor the side that took liquidity, or {@code null} when the venue does not say
 * @param tradeId the venue's id of the trade, never null (empty when the venue gives none)
 * @param timestampNanos venue time, nanoseconds since the epoch
 */
public record Trade(Symbol symbol, Price price, Quantity size, Side aggressor, String tradeId, long timestampNanos) {
    /** @throws IllegalArgumentException if the price or the size is not positive */
    public Trade {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(tradeId, "tradeId");
        if (!price.isPositive() || !size.isPositive()) {
            throw new IllegalArgumentException("a trade needs a positive price and size: " + size + " @ " + price);
        }
    }
}
