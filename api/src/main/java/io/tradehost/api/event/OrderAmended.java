package io.tradehost.api.event;

import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Symbol;
import java.util.Objects;

/**
 * The venue changed a resting order in place: from now on it rests at {@code limitPrice} for a total
 * of {@code quantity} (the filled part included), under the same client order id. Fills reported
 * before this event were fills of the order before the change.
 *
 * @param clientOrderId the order
 * @param symbol its product
 * @param limitPrice its limit price now
 * @param quantity its total quantity now, filled part included
 * @param timestampNanos clock time the host heard it
 */
public record OrderAmended(ClientOrderId clientOrderId, Symbol symbol, Price limitPrice, Quantity quantity,
                           long timestampNanos) implements Event {
    public OrderAmended {
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(limitPrice, "limitPrice");
        Objects.requireNonNull(quantity, "quantity");
    }
}
