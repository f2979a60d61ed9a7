package io.tradehost.api.event;

import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.value.Symbol;
import java.util.Objects;

/**
 * A cancel did not go through: the venue refused it (the order already filled, say) or could not be
 * reached (rate limited, down). The order stands as it was; nothing is retried by the host, and the
 * next reconciliation sees the order's true state.
 *
 * @param clientOrderId the order
 * @param symbol its product
 * @param code the venue's or the host's code, e.g. {@code ORDER_IS_FULLY_FILLED}, {@code RATE_LIMITED}
 * @param message what the venue said
 * @param timestampNanos clock time of the failure
 */
public record OrderCancelRejected(ClientOrderId clientOrderId, Symbol symbol, RejectionCode code, String message,
                                  long timestampNanos) implements Event {
    public OrderCancelRejected {
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
