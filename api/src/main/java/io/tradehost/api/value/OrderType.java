package io.tradehost.api.value;

/**
 * How an order prices: at the market, no worse than a limit price, or either of those once the
 * market reaches a stop (trigger) price: a buy stop triggers when the mark rises to it, a sell stop
 * when the mark falls to it.
 */
public enum OrderType {
    MARKET,
    LIMIT,
    /** A market order once the stop price is reached. */
    STOP_MARKET,
    /** A limit order once the stop price is reached. */
    STOP_LIMIT;

    /** Whether the order waits for a stop price. */
    public boolean isStop() {
        return this == STOP_MARKET || this == STOP_LIMIT;
    }

    /** Whether the order carries a limit price. */
    public boolean hasLimit() {
        return this == LIMIT || this == STOP_LIMIT;
    }

    /** The order type a stop of this type becomes when it triggers; the type itself otherwise. */
    public OrderType triggered() {
        return switch (this) {
            case STOP_MARKET -> MARKET;
            case STOP_LIMIT -> LIMIT;
            default -> this;
        };
    }
}
