package io.tradehost.api.market;

import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import java.util.Objects;

/**
 * One price level of a venue's order book: the price and the size resting at it. Immutable.
 *
 * @param price the level's price, positive
 * @param size the base quantity resting at the price, positive
 */
public record BookLevel(Price price, Quantity size) {
    /** @throws IllegalArgumentException if the price or the size is not positive */
    public BookLevel {
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(size, "size");
        if (!price.isPositive() || !size.isPositive()) {
            throw new IllegalArgumentException("a book level needs a positive price and size: " + size + " @ "
                    + price);
        }
    }
}
