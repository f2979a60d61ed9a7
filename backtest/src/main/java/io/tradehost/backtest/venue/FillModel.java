package io.tradehost.backtest.venue;

import io.tradehost.api.value.Money;
import io.tradehost.api.value.Ratio;
import java.time.Duration;

/**
 * How the simulated venue fills. Immutable.
 *
 * @param startingCash the account's cash at the start
 * @param takerFeeBps fee of a fill that takes liquidity, basis points of its notional
 * @param makerFeeBps fee of a resting limit's fill (negative: a rebate)
 * @param halfSpreadBps for trades and bars, the touch is the recorded price minus (bid) and plus (ask)
 *     this, rounded away from it to the tick; quotes keep their recorded touch
 * @param slippageBps a taker fill's price is the touch moved this far against the order
 * @param latency time from {@code place} to the order reaching the book; zero: at once
 * @param depthNotional size shown at each side of a touch that has none recorded, as notional at
 *     the price; liquidity at the touch is unlimited either way
 */
public record FillModel(Money startingCash, Ratio takerFeeBps, Ratio makerFeeBps, Ratio halfSpreadBps,
                        Ratio slippageBps, Duration latency, Money depthNotional) {
}
