package io.tradehost.api.order;

import io.tradehost.api.value.Money;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import java.util.Objects;

/**
 * One execution of (part of) an order. Immutable.
 *
 * @param tradeId the venue's unique id of this execution; fills are de-duplicated by it
 * @param clientOrderId the order it belongs to
 * @param symbol the product
 * @param side the order's side
 * @param quantity positive executed quantity
 * @param price execution price
 * @param fee fee charged in quote currency, positive when paid
 * @param liquidity maker or taker
 * @param timestampNanos venue time of the execution, nanoseconds since the epoch
 */
public record Fill(String tradeId, ClientOrderId clientOrderId, Symbol symbol, Side side, Quantity quantity,
                   Price price, Money fee, Liquidity liquidity, long timestampNanos) {

    /** @throws IllegalArgumentException if the quantity is not positive */
    public Fill {
        Objects.requireNonNull(tradeId, "tradeId");
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(fee, "fee");
        Objects.requireNonNull(liquidity, "liquidity");
        if (!quantity.isPositive()) {
            throw new IllegalArgumentException("fill quantity must be positive: " + quantity);
        }
    }

    /** Price times quantity, always positive. */
    public Money notional() {
        return price.times(quantity);
    }
}
