package io.tradehost.api.command;

import io.tradehost.api.value.Symbol;
import java.util.Objects;
/**
 * Cancel open orders at the venue: every open order, or those of one symbol. Owned by execution;
 * a cancel that fails is logged there and the next reconciliation sees the order.
 *
 * @param symbol the one symbol whose orders to cancel, or {@code null} for all
 * @param reason why, for the log
 * @param timestampNanos clock time of the request
 */
public record CancelOrders(Symbol symbol, String reason, long timestampNanos) implements Command {
    public CancelOrders {
        Objects.requireNonNull(reason, "reason");
    }
}
