package io.tradehost.simulator;

import io.tradehost.api.value.Ratio;
import java.util.Objects;

/**
 * How a {@link MatchingEngine} prices and names what it does. Immutable.
 *
 * @param takerFeeBps fee of a fill that takes liquidity, in basis points of its notional
 * @param makerFeeBps fee of a resting limit's fill, in basis points (negative: a rebate)
 * @param slippageBps a taker fill's price is the touch moved this many basis points against the
 *     order, rounded outwards to the tick; zero takes the touch itself
 * @param nativeStops whether the engine takes stop orders itself; if not it refuses them
 *     ({@code UNSUPPORTED_ORDER_TYPE}) and the host holds them
 * @param orderIdPrefix the venue order id of the n-th accepted order is this followed by n
 * @param tradeIdPrefix the trade id of the n-th fill is this followed by n
 * @param fillModel queues and depth, where the market shows its size ({@link FillModel})
 */
public record EngineRules(Ratio takerFeeBps, Ratio makerFeeBps, Ratio slippageBps, boolean nativeStops,
                          String orderIdPrefix, String tradeIdPrefix, FillModel fillModel) {
    /** Rules with the touch's fill model ({@link FillModel#TOUCH}). */
    public EngineRules(Ratio takerFeeBps, Ratio makerFeeBps, Ratio slippageBps, boolean nativeStops,
                       String orderIdPrefix, String tradeIdPrefix) {
        this(takerFeeBps, makerFeeBps, slippageBps, nativeStops, orderIdPrefix, tradeIdPrefix, FillModel.TOUCH);
    }

    /** @throws NullPointerException for a missing value */
    public EngineRules {
        Objects.requireNonNull(fillModel, "fillModel");
        Objects.requireNonNull(takerFeeBps, "takerFeeBps");
        Objects.requireNonNull(makerFeeBps, "makerFeeBps");
        Objects.requireNonNull(slippageBps, "slippageBps");
        Objects.requireNonNull(orderIdPrefix, "orderIdPrefix");
        Objects.requireNonNull(tradeIdPrefix, "tradeIdPrefix");
    }
}
