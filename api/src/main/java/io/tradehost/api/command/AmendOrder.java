package io.tradehost.api.command;

import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Symbol;
import java.util.Objects;

/**
 * Change a resting limit order in place at a venue that amends ({@link
 * io.tradehost.api.venue.Venue#supportsAmend()}): owned by execution. The change is judged like the
 * order it makes (the trading state, the guard chain, with the part still open at the new price), and
 * a refusal is an {@link io.tradehost.api.event.OrderAmendRejected}, as is the venue's. Once the venue
 * confirms, an {@link io.tradehost.api.event.OrderAmended} carries the order's new terms.
 *
 * @param clientOrderId the order
 * @param symbol its product
 * @param limitPrice its new limit price, never null
 * @param quantity its new total quantity, the filled part included; more than what filled
 * @param reason why, for the log
 * @param timestampNanos clock time of the request
 */
public record AmendOrder(ClientOrderId clientOrderId, Symbol symbol, Price limitPrice,
                         Quantity quantity, String reason, long timestampNanos) implements Command {
    public AmendOrder {
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(limitPrice, "limitPrice");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(reason, "reason");
        if (!quantity.isPositive()) {
            throw new IllegalArgumentException("amended quantity must be positive: " + quantity);
        }
    }
}
