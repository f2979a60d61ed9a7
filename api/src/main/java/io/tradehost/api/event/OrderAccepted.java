package io.tradehost.api.event;

import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.value.Symbol;

/**
 * The venue holds the order.
 *
 * @param clientOrderId the host's id
 * @param symbol the product
 * @param venueOrderId the venue's id
 * @param timestampNanos venue time
 */
public record OrderAccepted(ClientOrderId clientOrderId, Symbol symbol, String venueOrderId, long timestampNanos)
        implements Event {
}
