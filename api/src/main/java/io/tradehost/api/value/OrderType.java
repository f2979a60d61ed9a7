package io.tradehost.api.value;

/** How an order prices: at the market, or no worse than a limit price. */
public enum OrderType {
    MARKET,
    LIMIT
}
