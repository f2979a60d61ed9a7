package io.tradehost.api.event;

import io.tradehost.api.market.Quote;

/**
 * A venue's market data arrived; not yet validated.
 *
 * @param quote the top of book as reported
 */
public record QuoteReceived(Quote quote) implements Event {
}
