package io.tradehost.api.order;

import io.tradehost.api.value.Money;
import java.util.Objects;

/**
 * Cash held in one currency. Immutable.
 *
 * @param currency e.g. {@code USD}
 * @param amount signed amount
 */
public record Balance(String currency, Money amount) {
    public Balance {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(amount, "amount");
    }
}
