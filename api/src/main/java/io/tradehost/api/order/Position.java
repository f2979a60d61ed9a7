package io.tradehost.api.order;

import io.tradehost.api.value.Money;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * A position in one product and its exact average-cost accounting. Immutable; {@link #apply}
 * returns the next position.
 *
 * <p>The cost basis is the signed money paid for the open quantity (negative for a short). Closing
 * part of a position releases the prorated cost and books the difference as realised PnL; the
 * part of a fill that flips the position opens the new side with the remainder of the fill's
 * notional, so that realised plus unrealised PnL always equals the cash the fills moved plus the
 * position's value at the mark, to the last unit.
 *
 * @param symbol the product
 * @param quantity signed size: positive long, negative short
 * @param costBasis signed cost of the open quantity
 * @param realizedPnl PnL booked by closing fills, before fees
 * @param fees fees paid by all fills so far
 */
public record Position(Symbol symbol, Quantity quantity, Money costBasis, Money realizedPnl, Money fees) {

    public Position {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(costBasis, "costBasis");
        Objects.requireNonNull(realizedPnl, "realizedPnl");
        Objects.requireNonNull(fees, "fees");
    }

    /** No position and no history. */
    public static Position flat(Symbol symbol) {
        return new Position(symbol, Quantity.ZERO, Money.ZERO, Money.ZERO, Money.ZERO);
    }

    /** The position after a fill of {@code quantity} at {@code price} on {@code side} that cost {@code fee}. */
    public Position apply(Side side, Quantity quantity, Price price, Money fee) {
        Quantity signedFill = quantity.signed(side);
        Money fillNotional = price.times(quantity);
        Money signedNotional = side == Side.BUY ? fillNotional : fillNotional.negate();
        Money fees = this.fees.plus(fee);
        if (this.quantity.isZero() || this.quantity.signum() == signedFill.signum()) {
            return new Position(symbol, this.quantity.plus(signedFill), costBasis.plus(signedNotional),
                    realizedPnl, fees);
        }
        Quantity held = this.quantity.abs();
        Quantity closing = held.min(quantity.abs());
        Money closeNotional = closing.equals(quantity.abs()) ? fillNotional : price.times(closing);
        Money signedClose = side == Side.BUY ? closeNotional : closeNotional.negate();
        Money releasedCost = costBasis.prorate(closing, held);
        Money realized = signedClose.negate().minus(releasedCost);
        Money openedCost = signedNotional.minus(signedClose);
        return new Position(symbol, this.quantity.plus(signedFill),
                costBasis.minus(releasedCost).plus(openedCost), realizedPnl.plus(realized), fees);
    }

    /** The position after {@code fill}. */
    public Position apply(Fill fill) {
        return apply(fill.side(), fill.quantity(), fill.price(), fill.fee());
    }

    /**
     * The cash {@code fill} moves in an account: a spot fill pays or receives its notional, a
     * perpetual fill settles the realised PnL it books ({@code after} minus {@code before}); the
     * fee always leaves. Host ledgers and simulated venues book cash with this one rule.
     *
     * @param before the position before the fill
     * @param after {@code before.apply(fill)}
     * @param perpetual whether the product is a perpetual
     */
    public static Money cashMovement(Position before, Position after, Fill fill, boolean perpetual) {
        Money moved;
        if (perpetual) {
            moved = after.realizedPnl().minus(before.realizedPnl());
        } else {
            moved = fill.side() == Side.BUY ? fill.notional().negate() : fill.notional();
        }
        return moved.minus(fill.fee());
    }

    /** Signed value of the open quantity at {@code mark}. */
    public Money valueAt(Price mark) {
        return mark.times(quantity);
    }

    /** Unrealised PnL at {@code mark}: value at the mark minus cost basis. */
    public Money unrealizedPnl(Price mark) {
        return valueAt(mark).minus(costBasis);
    }

    /** Average entry price of the open quantity, rounded half-even; zero when flat. */
    public Price averageEntry() {
        if (quantity.isZero()) {
            return Price.ZERO;
        }
        return costBasis.abs().per(quantity.abs(), RoundingMode.HALF_EVEN);
    }

    public boolean isFlat() {
        return quantity.isZero();
    }

    /** Whether a fill on {@code side} of {@code size} would shrink this position without flipping it. */
    public boolean isReducedBy(Side side, Quantity size) {
        return !quantity.isZero() && quantity.signum() != size.signed(side).signum()
                && !size.abs().isGreaterThan(quantity.abs());
    }
}
