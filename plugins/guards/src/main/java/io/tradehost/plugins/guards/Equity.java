package io.tradehost.plugins.guards;

import io.tradehost.api.guard.DataUnavailableException;
import io.tradehost.api.guard.RuntimeGuardContext;
import io.tradehost.api.value.Money;

/** Equity as equity-based runtime guards need it. */
final class Equity {
    private Equity() {
    }

    /**
     * The account's equity.
     *
     * @throws DataUnavailableException while there is no positive equity yet (the host asks again later)
     */
    static Money required(RuntimeGuardContext context) {
        Money equity = context.portfolio().equity();
        if (!equity.isPositive()) {
            throw new DataUnavailableException("no equity yet");
        }
        return equity;
    }
}
