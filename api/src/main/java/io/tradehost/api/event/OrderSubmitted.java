package io.tradehost.api.event;

import io.tradehost.api.order.OrderRequest;

/**
 * Execution handed an order to the venue.
 *
 * @param request the order
 * @param intentSequence the intent it came from
 * @param timestampNanos clock time of submission
 */
public record OrderSubmitted(OrderRequest request, long intentSequence, long timestampNanos) implements Event {
}
