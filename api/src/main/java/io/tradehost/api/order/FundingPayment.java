package io.tradehost.api.order;

import io.tradehost.api.value.Money;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Ratio;
import io.tradehost.api.value.Symbol;
import java.util.Objects;

/**
 * One funding payment on a perpetual position: a cash movement of its symbol, booked once by its
 * id. Immutable.
 *
 * @param id the venue's unique id of the payment; payments are de-duplicated by it
 * @param symbol the perpetual
 * @param amount signed cash moved in quote currency: negative when the account paid
 * @param rate the funding rate applied for the interval (positive: longs pay shorts)
 * @param positionSize the signed position it applied to
 * @param mark the price the payment was computed at
 * @param timestampNanos venue time of the payment, nanoseconds since the epoch
 */
public record FundingPayment(String id, Symbol symbol, Money amount, Ratio rate, Quantity positionSize, Price mark,
                             long timestampNanos) {
    public FundingPayment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(rate, "rate");
        Objects.requireNonNull(positionSize, "positionSize");
        Objects.requireNonNull(mark, "mark");
        if (id.isBlank()) {
            throw new IllegalArgumentException("a funding payment needs an id");
        }
    }

    /**
     * The payment a position of {@code size} owes at {@code mark} for {@code rate}: longs pay
     * {@code size x mark x rate} when the rate is positive, shorts receive it; rounded half-even to
     * the money scale. The one rule every simulated venue books funding with.
     */
    public static Money owed(Quantity size, Price mark, Ratio rate) {
        return mark.times(size).times(rate).negate();
    }
}
