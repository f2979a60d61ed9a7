package io.tradehost.api.event;

import io.tradehost.api.order.FundingPayment;
import io.tradehost.api.value.Money;
import java.util.Objects;

/**
 * Execution booked a funding payment: the cash after it. The journal records both in one
 * transaction.
 *
 * @param payment the payment
 * @param cash cash after the payment
 */
public record FundingBooked(FundingPayment payment, Money cash) implements Event {
    public FundingBooked {
        Objects.requireNonNull(payment, "payment");
        Objects.requireNonNull(cash, "cash");
    }
}
