package io.tradehost.api.strategy;

import io.tradehost.api.value.Money;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.TimeInForce;
import java.util.Objects;

/**
 * A strategy's answer for one symbol in one cycle. Immutable; build it with the static factories
 * and refine it with the {@code with...} methods.
 *
 * @param action what to do
 * @param quantity the base quantity, or {@code null} to size from {@code notional}
 * @param notional the target notional in quote currency, or {@code null}
 * @param type market (default) or limit
 * @param limitPrice the limit for a limit order, else {@code null}
 * @param timeInForce how long the order may rest, or {@code null} for the host's default
 * @param reduceOnly whether the order may only shrink the position
 * @param postOnly whether the order must not take liquidity
 * @param reason why, in words an operator can read
 * @param stopPrice the trigger of a stop-market or stop-limit order, else {@code null}
 */
public record Decision(Action action, Quantity quantity, Money notional, OrderType type, Price limitPrice,
                       TimeInForce timeInForce, boolean reduceOnly, boolean postOnly, String reason,
                       Price stopPrice) {

    /** @throws IllegalArgumentException if a buy or sell names neither a positive quantity nor a positive notional */
    public Decision {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(type, "type");
        reason = reason == null ? "" : reason;
        if (action == Action.BUY || action == Action.SELL) {
            boolean sized = (quantity != null && quantity.isPositive()) || (notional != null && notional.isPositive());
            if (!sized) {
                throw new IllegalArgumentException(action + " needs a positive quantity or notional");
            }
        }
        if (type.hasLimit() && limitPrice == null) {
            throw new IllegalArgumentException("a limit order needs a limit price");
        }
        if (type.isStop() && (stopPrice == null || !stopPrice.isPositive())) {
            throw new IllegalArgumentException("a stop order needs a positive stop price");
        }
    }

    /** A decision without a stop. */
    public Decision(Action action, Quantity quantity, Money notional, OrderType type, Price limitPrice,
                    TimeInForce timeInForce, boolean reduceOnly, boolean postOnly, String reason) {
        this(action, quantity, notional, type, limitPrice, timeInForce, reduceOnly, postOnly, reason, null);
    }

    public static Decision hold(String reason) {
        return new Decision(Action.HOLD, null, null, OrderType.MARKET, null, null, false, false, reason);
    }

    public static Decision close(String reason) {
        return new Decision(Action.CLOSE, null, null, OrderType.MARKET, null, null, true, false, reason);
    }

    /** Buy {@code notional} worth at the market. */
    public static Decision buy(Money notional, String reason) {
        return new Decision(Action.BUY, null, notional, OrderType.MARKET, null, null, false, false, reason);
    }

    /** Sell {@code notional} worth at the market. */
    public static Decision sell(Money notional, String reason) {
        return new Decision(Action.SELL, null, notional, OrderType.MARKET, null, null, false, false, reason);
    }

    /** Buy {@code quantity} at the market. */
    public static Decision buy(Quantity quantity, String reason) {
        return new Decision(Action.BUY, quantity, null, OrderType.MARKET, null, null, false, false, reason);
    }

    /** Sell {@code quantity} at the market. */
    public static Decision sell(Quantity quantity, String reason) {
        return new Decision(Action.SELL, quantity, null, OrderType.MARKET, null, null, false, false, reason);
    }

    /** This decision as a limit order at {@code price} (a stop-limit if it already had a stop). */
    public Decision withLimit(Price price) {
        return new Decision(action, quantity, notional, type.isStop() ? OrderType.STOP_LIMIT : OrderType.LIMIT, price,
                timeInForce, reduceOnly, postOnly, reason, stopPrice);
    }

    /**
     * This decision as a stop order triggered at {@code trigger}: a stop-market, or a stop-limit if it
     * has a limit. A buy stop triggers when the mark rises to the trigger, a sell stop when it falls
     * to it. A venue without native stops gets it from the host once the trigger is reached (the host
     * then sends the market or limit order).
     */
    public Decision withStop(Price trigger) {
        return new Decision(action, quantity, notional, type.hasLimit() ? OrderType.STOP_LIMIT : OrderType.STOP_MARKET,
                limitPrice, timeInForce, reduceOnly, postOnly, reason, trigger);
    }

    public Decision withTimeInForce(TimeInForce tif) {
        return new Decision(action, quantity, notional, type, limitPrice, tif, reduceOnly, postOnly, reason, stopPrice);
    }

    public Decision asReduceOnly() {
        return new Decision(action, quantity, notional, type, limitPrice, timeInForce, true, postOnly, reason,
                stopPrice);
    }

    public Decision asPostOnly() {
        return new Decision(action, quantity, notional, type, limitPrice, timeInForce, reduceOnly, true, reason,
                stopPrice);
    }

    /** Whether this decision asks for an order at all. */
    public boolean isActionable() {
        return action != Action.HOLD;
    }
}
