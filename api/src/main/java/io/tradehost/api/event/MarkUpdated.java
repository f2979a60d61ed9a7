package io.tradehost.api.event;

import io.tradehost.api.market.Mark;

/**
 * Telemetry accepted a quote and moved the mark of its product.
 *
 * @param mark the new mark
 */
public record MarkUpdated(Mark mark) implements Event {
}
