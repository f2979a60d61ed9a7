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

    /**
     * Whether this view's terms can be taken as the order's (an amend the host did not hear of): a
     * limit order whose limit price is positive and whose total is no less than what filled. A venue's
     * answer that fails this (a missing field read as zero) is not trusted with the terms.
     */
    public boolean hasLimitTerms() {
        return request.type().hasLimit() && request.limitPrice() != null && request.limitPrice().isPositive()
                && !request.quantity().isLessThan(filledQuantity);
    }

    /** Quantity still to fill. */
    public Quantity remaining() {
        return request.quantity().minus(filledQuantity);
    }
}
