package io.tradehost.api.event;

import io.tradehost.api.order.FundingPayment;
import java.util.Objects;

/**
 * A venue reported a funding payment on a perpetual position; not yet booked.
 *
 * @param payment the payment
 */
public record FundingPaid(FundingPayment payment) implements Event {
    public FundingPaid {
        Objects.requireNonNull(payment, "payment");
    }
}
