package io.tradehost.api.state;

/** Who or what raised a {@link StateReason}. */
public enum ReasonSource {
    CONFIG,
    OPERATOR,
    DAILY_LOSS,
    VOLATILITY,
    STALENESS,
    GUARD_FAILURE,
    STRATEGY_FAILURE,
    RECONCILIATION,
    DRIFT,
    DRAWDOWN,
    VENUE_HEALTH,
    JOURNAL,
    /** A kernel handler that owns books or durability failed. */
    HANDLER_FAILURE
}
