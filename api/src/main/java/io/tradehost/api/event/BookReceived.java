package io.tradehost.api.event;

import io.tradehost.api.market.BookDepth;
import java.util.Objects;

/**
 * A venue's order-book depth for a product changed.
 *
 * @param book the levels as reported
 */
public record BookReceived(BookDepth book) implements Event {
    public BookReceived {
        Objects.requireNonNull(book, "book");
    }
}
