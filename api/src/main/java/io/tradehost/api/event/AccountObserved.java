package io.tradehost.api.event;

import io.tradehost.api.order.AccountSnapshot;
import java.util.Objects;

/**
 * Reconciliation read the venue's account (at start-up, on its interval, after a reconnect): cash,
 * positions and the liquidation prices the venue reports.
 *
 * @param account the venue's account
 */
public record AccountObserved(AccountSnapshot account) implements Event {
    public AccountObserved {
        Objects.requireNonNull(account, "account");
    }
}
