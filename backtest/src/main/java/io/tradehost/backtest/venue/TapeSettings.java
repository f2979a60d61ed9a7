package io.tradehost.backtest.venue;

import io.tradehost.api.value.Money;
import io.tradehost.api.value.Ratio;
import java.time.Duration;

/**
 * How the simulated venue turns a recorded tape into a market for its engine, and when orders
 * reach it. Fees and slippage are the engine's ({@link io.tradehost.simulator.EngineRules}).
 * Immutable.
 *
 * @param startingCash the account's cash at the start
 * @param halfSpreadBps for trades and bars, the touch is the recorded price minus (bid) and plus (ask)
 *     this, rounded away from it to the tick; quotes keep their recorded touch
 * @param latency time from {@code place} to the order reaching the book; zero: at once
 * @param depthNotional size shown at each side of a touch that has none recorded, as notional at
 *     the price
 * @param fundingRate every perpetual's funding rate per interval until a row's {@code funding_rate} says
 *     otherwise (positive: longs pay); zero for none
 * @param fundingInterval how often perpetual positions pay funding, at multiples of it since the epoch
 *     (00:00, 08:00, 16:00 UTC for 8 h); zero for never
 */
public record TapeSettings(Money startingCash, Ratio halfSpreadBps, Duration latency, Money depthNotional,
                           Ratio fundingRate, Duration fundingInterval) {
    /** Settings without funding. */
    public TapeSettings(Money startingCash, Ratio halfSpreadBps, Duration latency, Money depthNotional) {
        this(startingCash, halfSpreadBps, latency, depthNotional, Ratio.ZERO, Duration.ZERO);
    }
}
