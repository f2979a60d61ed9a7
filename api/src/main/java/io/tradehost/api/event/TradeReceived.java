package io.tradehost.api.event;

import io.tradehost.api.market.Trade;
import java.util.Objects;

/**
 * A trade on a venue's public tape arrived.
 *
 * @param trade the trade as reported
 */
public record TradeReceived(Trade trade) implements Event {
    public TradeReceived {
        Objects.requireNonNull(trade, "trade");
    }
}
