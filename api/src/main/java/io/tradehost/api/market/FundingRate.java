package io.tradehost.api.market;

import io.tradehost.api.value.Ratio;
import io.tradehost.api.value.Symbol;
import java.util.Objects;

/**
 * A perpetual's funding: the rate the venue currently shows for the next payment and when that
 * payment is due. Immutable. A positive rate means longs pay shorts.
 *
 * @param symbol the perpetual
 * @param rate the funding rate for one funding period (0.0001 = 1 bp of the position's notional)
 * @param nextFundingNanos when the next payment is due, nanoseconds since the epoch, or 0 when the
 *     venue does not say
 * @param timestampNanos venue time of the report, nanoseconds since the epoch
 */
public record FundingRate(Symbol symbol, Ratio rate, long nextFundingNanos, long timestampNanos) {
    public FundingRate {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(rate, "rate");
    }
}
