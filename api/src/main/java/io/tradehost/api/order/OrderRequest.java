package io.tradehost.api.order;

import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.value.TimeInForce;
import java.util.Objects;

/**
 * An order as the host sends it to a venue: sized, quantised and past every guard. Immutable.
 *
 * @param clientOrderId the host's id for it
 * @param symbol the product
 * @param side buy or sell
 * @param type market or limit
 * @param quantity positive, a multiple of the product's lot size
 * @param limitPrice the limit for {@link OrderType#LIMIT}; {@code null} for market orders
 * @param timeInForce how long it rests
 * @param reduceOnly whether the venue must refuse it if it would grow the position
 * @param postOnly whether the venue must refuse it if it would take liquidity
 */
public record OrderRequest(ClientOrderId clientOrderId, Symbol symbol, Side side, OrderType type,
                           Quantity quantity, Price limitPrice, TimeInForce timeInForce,
                           boolean reduceOnly, boolean postOnly) {

    /** @throws IllegalArgumentException if the quantity is not positive or a limit order lacks its price */
    public OrderRequest {
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(timeInForce, "timeInForce");
        if (!quantity.isPositive()) {
            throw new IllegalArgumentException("order quantity must be positive: " + quantity);
        }
        if (type == OrderType.LIMIT && limitPrice == null) {
            throw new IllegalArgumentException("limit order without a limit price");
        }
    }

    /** A market order, good till cancelled, neither reduce-only nor post-only. */
    public static OrderRequest market(ClientOrderId id, Symbol symbol, Side side, Quantity quantity) {
        return new OrderRequest(id, symbol, side, OrderType.MARKET, quantity, null, TimeInForce.GTC, false, false);
    }
}
