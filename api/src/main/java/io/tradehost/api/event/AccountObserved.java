package io.tradehost.api.event;

import io.tradehost.api.order.AccountSnapshot;
import java.util.Objects;

/**
 * Telemetry read the venue's account (every {@code telemetry.account_interval}): cash, positions and
 * the liquidation prices the venue reports.
 *
 * @param account the venue's account
 */
public record AccountObserved(AccountSnapshot account) implements Event {
    public AccountObserved {
        Objects.requireNonNull(account, "account");
    }
}
