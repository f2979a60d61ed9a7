package io.tradehost.api.event;

import io.tradehost.api.order.Fill;

/**
 * The venue executed (part of) an order.
 *
 * @param fill the execution
 */
public record OrderFilled(Fill fill) implements Event {
}
