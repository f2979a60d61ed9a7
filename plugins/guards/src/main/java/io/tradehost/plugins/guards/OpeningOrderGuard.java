package io.tradehost.plugins.guards;

import io.tradehost.api.guard.Guard;
import io.tradehost.api.guard.GuardVerdict;
import io.tradehost.api.guard.OrderCheck;

/**
 * The shape shared by exposure limits: an order that shrinks a position always passes (closing must
 * never be blocked by a limit it helps), an opening order without positive equity is rejected with
 * {@code NO_EQUITY}, and what is left is the guard's own limit.
 */
abstract class OpeningOrderGuard implements Guard {
    @Override
    public final GuardVerdict check(OrderCheck check) {
        if (check.reducesPosition()) {
            return GuardVerdict.ALLOW;
        }
        if (!check.equity().isPositive()) {
            return GuardVerdict.reject("NO_EQUITY", "equity " + check.equity() + " is not positive");
        }
        return checkOpening(check);
    }

    /** Judges an order that opens or grows a position, with positive equity. */
    abstract GuardVerdict checkOpening(OrderCheck check);
}
