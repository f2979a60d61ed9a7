package io.tradehost.api.event;

import io.tradehost.api.order.Fill;
import io.tradehost.api.order.Position;
import io.tradehost.api.value.Money;
import java.util.Objects;

/**
 * A fill was booked: the fill, the position it produced and the cash after it, together, so that a
 * journal can record all three at once.
 *
 * @param position the position after the fill
 * @param fill the fill booked (never a duplicate)
 * @param cash the account's cash after the fill, in quote currency
 */
public record PositionChanged(Position position, Fill fill, Money cash) implements Event {
    public PositionChanged {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(fill, "fill");
        Objects.requireNonNull(cash, "cash");
    }
}
