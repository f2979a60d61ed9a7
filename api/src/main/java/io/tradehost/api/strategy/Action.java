package io.tradehost.api.strategy;

/** What a strategy wants done with a symbol. */
public enum Action {
    /** Buy the decision's quantity or notional. */
    BUY,
    /** Sell the decision's quantity or notional. */
    SELL,
    /** Do nothing. */
    HOLD,
    /** Close the whole position. */
    CLOSE
}
