package io.tradehost.api.command;

import io.tradehost.api.order.ListLink;
import io.tradehost.api.order.Trail;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.value.TimeInForce;
/**
 * A strategy wants an order: a command to execution, its one owner, which still has to size,
 * guard and place it.
 *
 * @param sequence the host's running number of intents; with the run id it gives the client order id
 * @param symbol the product
 * @param side buy or sell; {@code null} when {@code close} is set (execution picks the side)
 * @param close whether to close the whole position
 * @param quantity the quantity asked for, or {@code null} to size from {@code notional}
 * @param notional the target notional, or {@code null} when a quantity is given or for a close
 * @param type market or limit
 * @param limitPrice the limit, or {@code null} for market orders
 * @param timeInForce how long it may rest
 * @param reduceOnly whether it may only shrink the position
 * @param postOnly whether it must not take liquidity
 * @param strategy the name of the strategy that asked
 * @param reason the strategy's reason, for operators
 * @param markPrice the mark the decision saw
 * @param timestampNanos clock time of the decision
 * @param stopPrice the trigger of a stop order, or {@code null}
 * @param managed whether the strategy manages the order by handle (the event api): such an intent is
 *     not held back by the per-symbol in-flight lock, since its strategy tracks its own orders and may
 *     rest any number of them
 * @param expireAtNanos a good-till time the host keeps (it cancels the order then), nanoseconds since
 *     the epoch, or 0 for none; journaled with the order so that a restart keeps it
 * @param trail how a trailing stop-market's trigger follows the market, or {@code null}: execution sets
 *     its stop price from the mark (ignoring {@code stopPrice}) and holds it itself on every venue
 * @param list the contingent order list the order belongs to, or {@code null}: journaled with the intent
 */
public record OrderIntent(long sequence, Symbol symbol, Side side, boolean close, Quantity quantity, Money notional,
                          OrderType type, Price limitPrice, TimeInForce timeInForce, boolean reduceOnly,
                          boolean postOnly, String strategy, String reason, Price markPrice,
                          long timestampNanos, Price stopPrice, boolean managed, long expireAtNanos, Trail trail,
                          ListLink list)
        implements Command {
    /** An intent in no contingent list. */
    public OrderIntent(long sequence, Symbol symbol, Side side, boolean close, Quantity quantity, Money notional,
                       OrderType type, Price limitPrice, TimeInForce timeInForce, boolean reduceOnly, boolean postOnly,
                       String strategy, String reason, Price markPrice, long timestampNanos, Price stopPrice,
                       boolean managed, long expireAtNanos, Trail trail) {
        this(sequence, symbol, side, close, quantity, notional, type, limitPrice, timeInForce, reduceOnly, postOnly,
                strategy, reason, markPrice, timestampNanos, stopPrice, managed, expireAtNanos, trail, null);
    }

    /** An intent that does not trail. */
    public OrderIntent(long sequence, Symbol symbol, Side side, boolean close, Quantity quantity, Money notional,
                       OrderType type, Price limitPrice, TimeInForce timeInForce, boolean reduceOnly, boolean postOnly,
                       String strategy, String reason, Price markPrice, long timestampNanos, Price stopPrice,
                       boolean managed, long expireAtNanos) {
        this(sequence, symbol, side, close, quantity, notional, type, limitPrice, timeInForce, reduceOnly, postOnly,
                strategy, reason, markPrice, timestampNanos, stopPrice, managed, expireAtNanos, null);
    }

    /** An intent without a good-till time kept by the host. */
    public OrderIntent(long sequence, Symbol symbol, Side side, boolean close, Quantity quantity, Money notional,
                       OrderType type, Price limitPrice, TimeInForce timeInForce, boolean reduceOnly, boolean postOnly,
                       String strategy, String reason, Price markPrice, long timestampNanos, Price stopPrice,
                       boolean managed) {
        this(sequence, symbol, side, close, quantity, notional, type, limitPrice, timeInForce, reduceOnly, postOnly,
                strategy, reason, markPrice, timestampNanos, stopPrice, managed, 0);
    }

    /** An intent of the simple form (not managed by handle). */
    public OrderIntent(long sequence, Symbol symbol, Side side, boolean close, Quantity quantity, Money notional,
                       OrderType type, Price limitPrice, TimeInForce timeInForce, boolean reduceOnly, boolean postOnly,
                       String strategy, String reason, Price markPrice, long timestampNanos, Price stopPrice) {
        this(sequence, symbol, side, close, quantity, notional, type, limitPrice, timeInForce, reduceOnly, postOnly,
                strategy, reason, markPrice, timestampNanos, stopPrice, false);
    }

    /** An intent that is not a stop. */
    public OrderIntent(long sequence, Symbol symbol, Side side, boolean close, Quantity quantity, Money notional,
                       OrderType type, Price limitPrice, TimeInForce timeInForce, boolean reduceOnly, boolean postOnly,
                       String strategy, String reason, Price markPrice, long timestampNanos) {
        this(sequence, symbol, side, close, quantity, notional, type, limitPrice, timeInForce, reduceOnly, postOnly,
                strategy, reason, markPrice, timestampNanos, null, false);
    }
}
