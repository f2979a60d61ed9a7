package io.tradehost.api.guard;

import io.tradehost.api.market.Mark;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.Position;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Product;
import java.util.Objects;

/**
 * An order about to be placed and what a guard needs to judge it. Immutable.
 *
 * @param order the sized order
 * @param product its product
 * @param mark the latest mark of the product; never null (execution refuses intents without one)
 * @param position the position before the order
 * @param equity account equity
 * @param grossExposure sum of |position value at the mark| over all products before the order
 * @param tradingState the host's trading state
 * @param nowNanos clock time, nanoseconds since the epoch
 * @param liquidationPrice the venue's liquidation price of the current position, or {@code null}
 *     when the venue reports none (or the position is flat)
 */
public record OrderCheck(OrderRequest order, Product product, Mark mark, Position position, Money equity,
                         Money grossExposure, TradingState tradingState, long nowNanos, Price liquidationPrice) {
    /** A check without a venue liquidation price. */
    public OrderCheck(OrderRequest order, Product product, Mark mark, Position position, Money equity,
                      Money grossExposure, TradingState tradingState, long nowNanos) {
        this(order, product, mark, position, equity, grossExposure, tradingState, nowNanos, null);
    }

    public OrderCheck {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(mark, "mark");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(equity, "equity");
        Objects.requireNonNull(grossExposure, "grossExposure");
        Objects.requireNonNull(tradingState, "tradingState");
    }

    /** The order's notional at the mark, positive. */
    public Money orderNotional() {
        return mark.price().times(order.quantity());
    }

    /** Whether the order shrinks the position without flipping it. */
    public boolean reducesPosition() {
        return position.isReducedBy(order.side(), order.quantity());
    }

    /** Signed value of this product's position after the order, at the mark. */
    public Money positionValueAfter() {
        return mark.price().times(position.quantity().plus(order.quantity().signed(order.side())));
    }

    /** Gross exposure after the order, at the marks. */
    public Money grossExposureAfter() {
        return grossExposure.minus(mark.price().times(position.quantity()).abs()).plus(positionValueAfter().abs());
    }
}
