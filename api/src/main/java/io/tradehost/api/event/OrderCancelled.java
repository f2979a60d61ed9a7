package io.tradehost.api.event;

import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.value.Symbol;

/**
 * The order will not fill any further.
 *
 * @param clientOrderId the host's id
 * @param symbol the product
 * @param reason why, e.g. {@code IOC remainder}
 * @param timestampNanos time of the answer
 */
public record OrderCancelled(ClientOrderId clientOrderId, Symbol symbol, String reason, long timestampNanos)
        implements Event {
}
