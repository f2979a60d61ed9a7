package io.tradehost.api.event;

import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Trail;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Symbol;
import java.util.Objects;

/**
 * A trailing stop the host holds moved its trigger with the market (or became active): the journal
 * keeps the new trigger and trail, so that a restart arms it where it was.
 *
 * @param clientOrderId the stop
 * @param symbol its product
 * @param stopPrice its trigger now
 * @param trail its trail now (without an activation price once active)
 * @param timestampNanos clock time of the mark that moved it
 */
public record StopMoved(ClientOrderId clientOrderId, Symbol symbol, Price stopPrice, Trail trail, long timestampNanos)
        implements Event {
    public StopMoved {
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(stopPrice, "stopPrice");
        Objects.requireNonNull(trail, "trail");
    }
}
