package io.tradehost.simulator;

import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Product;
import io.tradehost.api.value.Quantity;
import java.math.RoundingMode;

/**
 * Why the engine will not take an order or new terms: a stable code and words for people. Its
 * {@link #text} ({@code CODE: words}) is what rejections, cancellations and amend refusals carry.
 * Immutable.
 */
record Refusal(String code, String words) {
    RejectionCode rejectionCode() {
        return RejectionCode.of(code);
    }

    String text() {
        return code + ": " + words;
    }

    /** Why {@code quantity} is not a size of {@code product}, or null if it is. */
    static Refusal size(Product product, Quantity quantity) {
        return !product.roundSize(quantity).equals(quantity) || quantity.isLessThan(product.minSize())
                ? new Refusal("INVALID_SIZE", "quantity " + quantity + " is not a multiple of "
                        + product.sizeIncrement() + " at least " + product.minSize()) : null;
    }

    /** Why {@code price} is not a limit price of {@code product}, or null if it is. */
    static Refusal price(Product product, Price price) {
        return !price.isPositive() || !product.roundPrice(price, RoundingMode.DOWN).equals(price)
                ? new Refusal("INVALID_PRICE", "limit price " + price + " is not a positive multiple of "
                        + product.priceIncrement()) : null;
    }

    static Refusal postOnly(Price touch) {
        return new Refusal("POST_ONLY_WOULD_TAKE", "post-only order would cross the book at " + touch);
    }
}
