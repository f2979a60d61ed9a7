package io.tradehost.api.state;

/**
 * What the host may trade, in increasing severity. The host's state is the most severe state any
 * active {@link StateReason} asks for, {@link #ACTIVE} when there is none.
 */
public enum TradingState {
    /** Every order that passes the guards may go. */
    ACTIVE,
    /** Only orders that shrink an existing position go; closing always works. */
    REDUCE_ONLY,
    /** No new order goes; cancels still do. */
    HALTED;

    /** The more severe of two states. */
    public TradingState max(TradingState other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
