package io.tradehost.api.event;

import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.value.Symbol;
import java.util.Objects;

/**
 * An amend did not go through: the host refused it (the trading state, a guard) or the venue did (the
 * order already filled, a size below what filled) or could not be reached. The order stands as it
 * was; nothing is retried.
 *
 * @param clientOrderId the order
 * @param symbol its product
 * @param code the host's or the venue's code, e.g. {@code KILL_SWITCH}, {@code CANNOT_EDIT_TO_BELOW_FILLED_SIZE}
 * @param message what was wrong
 * @param timestampNanos clock time of the refusal
 */
public record OrderAmendRejected(ClientOrderId clientOrderId, Symbol symbol, RejectionCode code, String message,
                                 long timestampNanos) implements Event {
    public OrderAmendRejected {
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
