package io.tradehost.api.order;

import io.tradehost.api.value.Quantity;
import java.util.Objects;

/**
 * A venue's view of one order. Immutable.
 *
 * @param request the order as placed
 * @param status where it stands
 * @param filledQuantity how much has executed
 * @param venueOrderId the venue's own id, or {@code null} if it never accepted the order
 */
public record Order(OrderRequest request, OrderStatus status, Quantity filledQuantity, String venueOrderId) {
    public Order {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(filledQuantity, "filledQuantity");
    }

    public ClientOrderId clientOrderId() {
        return request.clientOrderId();
    }

    /** Quantity still to fill. */
    public Quantity remaining() {
        return request.quantity().minus(filledQuantity);
    }
}
