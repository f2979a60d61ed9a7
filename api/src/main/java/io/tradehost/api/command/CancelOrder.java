package io.tradehost.api.command;

import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.value.Symbol;
import java.util.Objects;

/**
 * Cancel one order, whatever the trading state: owned by execution. An order not yet sent (its intent
 * still on its way to the journal) is not sent; a stop the host holds is disarmed; an order at the
 * venue is cancelled there. Either way an {@link io.tradehost.api.event.OrderCancelled} follows once
 * the order will not fill further (or a fill that won the race). Unknown or terminal orders are
 * logged and ignored.
 *
 * @param clientOrderId the order
 * @param symbol its product
 * @param reason why, for the log and the journal
 * @param timestampNanos clock time of the request
 */
public record CancelOrder(ClientOrderId clientOrderId, Symbol symbol, String reason, long timestampNanos)
        implements Command {
    public CancelOrder {
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(reason, "reason");
    }
}
