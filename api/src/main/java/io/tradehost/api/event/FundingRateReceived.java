package io.tradehost.api.event;

import io.tradehost.api.market.FundingRate;
import java.util.Objects;

/**
 * A venue reported a perpetual's current funding rate and next funding time.
 *
 * @param funding the rate as reported
 */
public record FundingRateReceived(FundingRate funding) implements Event {
    public FundingRateReceived {
        Objects.requireNonNull(funding, "funding");
    }
}
