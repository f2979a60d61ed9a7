package io.tradehost.api.event;

import io.tradehost.api.order.Position;

/**
 * A fill changed a position.
 *
 * @param position the position after the fill
 */
public record PositionChanged(Position position) implements Event {
}
