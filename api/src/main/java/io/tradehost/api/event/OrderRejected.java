package io.tradehost.api.event;

import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.value.Symbol;
/**
 * The venue refused the order, or placing it failed.
 *
 * @param clientOrderId the host's id
 * @param symbol the product
 * @param code stable reason code, e.g. {@code INSUFFICIENT_FUNDS} or {@code VENUE_ERROR}
 * @param message the venue's words
 * @param timestampNanos time of the answer
 */
public record OrderRejected(ClientOrderId clientOrderId, Symbol symbol, RejectionCode code, String message,
                            long timestampNanos) implements Event {
}
