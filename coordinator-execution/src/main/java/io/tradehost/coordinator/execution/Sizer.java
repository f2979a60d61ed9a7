package io.tradehost.coordinator.execution;

import io.tradehost.api.command.OrderIntent;
import io.tradehost.api.order.Position;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Product;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import java.math.RoundingMode;
/**
 * Turns an intent into a side and a quantity on the product's lot grid: a close takes the whole
 * position on the opposite side, a notional is divided by the mark, a quantity is taken as given;
 * each is rounded down to the lot size and checked against the minimum. Stateless.
 */
public final class Sizer {
    /** A sized order, or why there is none ({@code code} and {@code message} set, side and quantity null). */
    public record Sized(Side side, Quantity quantity, RejectionCode code, String message) {
        static Sized refuse(RejectionCode code, String message) {
            return new Sized(null, null, code, message);
        }

        public boolean ok() {
            return code == null;
        }
    }

    private Sizer() {
    }

    /** Sizes {@code intent} for {@code product} given the current {@code position} and {@code mark}. */
    public static Sized size(OrderIntent intent, Product product, Position position, Price mark) {
        Side side;
        Quantity raw;
        if (intent.close()) {
            if (position.isFlat()) {
                return Sized.refuse(RejectionCode.NOTHING_TO_CLOSE, "no open position in " + intent.symbol());
            }
            side = position.quantity().isPositive() ? Side.SELL : Side.BUY;
            raw = position.quantity().abs();
        } else if (intent.quantity() != null) {
            side = intent.side();
            raw = intent.quantity();
        } else if (intent.notional() != null) {
            side = intent.side();
            raw = intent.notional().divide(mark, RoundingMode.DOWN);
        } else {
            return Sized.refuse(RejectionCode.NO_SIZE, "intent names neither quantity nor notional");
        }
        Quantity quantity = product.roundSize(raw);
        if (!quantity.isPositive() || quantity.isLessThan(product.minSize())) {
            return Sized.refuse(RejectionCode.SIZE_BELOW_MINIMUM, intent.symbol() + ": size " + raw + " rounds to " + quantity
                    + ", below the minimum " + product.minSize() + " (lot " + product.sizeIncrement() + ")");
        }
        return new Sized(side, quantity, null, null);
    }
}
