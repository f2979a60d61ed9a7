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
 * @param stopPrice the trigger of a stop order; {@code null} for the others
 */
public record OrderRequest(ClientOrderId clientOrderId, Symbol symbol, Side side, OrderType type,
                           Quantity quantity, Price limitPrice, TimeInForce timeInForce,
                           boolean reduceOnly, boolean postOnly, Price stopPrice) {

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
        if (type.hasLimit() && limitPrice == null) {
            throw new IllegalArgumentException(type + " order without a limit price");
        }
        if (type.isStop() && (stopPrice == null || !stopPrice.isPositive())) {
            throw new IllegalArgumentException(type + " order without a positive stop price");
        }
    }

    /** An order that is not a stop. */
    public OrderRequest(ClientOrderId clientOrderId, Symbol symbol, Side side, OrderType type, Quantity quantity,
                        Price limitPrice, TimeInForce timeInForce, boolean reduceOnly, boolean postOnly) {
        this(clientOrderId, symbol, side, type, quantity, limitPrice, timeInForce, reduceOnly, postOnly, null);
    }

    /** This stop as the order it becomes once triggered (same id, same limit); this order if not a stop. */
    public OrderRequest triggered() {
        return type.isStop() ? new OrderRequest(clientOrderId, symbol, side, type.triggered(), quantity, limitPrice,
                timeInForce, reduceOnly, postOnly, stopPrice) : this;
    }

    /** This order changed in place to rest at {@code price} for a total of {@code total} (same id, same terms else). */
    public OrderRequest amended(Price price, Quantity total) {
        return new OrderRequest(clientOrderId, symbol, side, type, total, price, timeInForce, reduceOnly, postOnly,
                stopPrice);
    }

    /**
     * Whether a stop of this request triggers at {@code mark}: a buy stop when the mark is at or above
     * its stop price, a sell stop at or below; false for orders that are not stops.
     */
    public boolean triggersAt(Price mark) {
        if (!type.isStop()) {
            return false;
        }
        return side == Side.BUY ? !mark.isLessThan(stopPrice) : !mark.isGreaterThan(stopPrice);
    }

    /** A market order, good till cancelled, neither reduce-only nor post-only. */
    public static OrderRequest market(ClientOrderId id, Symbol symbol, Side side, Quantity quantity) {
        return new OrderRequest(id, symbol, side, OrderType.MARKET, quantity, null, TimeInForce.GTC, false, false);
    }
}
