package io.tradehost.api.state;

/** How a {@link StateReason} goes away. */
public enum ClearingRule {
    /** Only an operator clears it. */
    OPERATOR,
    /** The host clears it at the next midnight UTC (an operator may clear it earlier). */
    NEXT_UTC_DAY,
    /** The guard that raised it clears it when the marks are fresh again. */
    MARKS_FRESH,
    /** The guard that raised it clears it once its measure is back below the threshold after a cooldown. */
    COOLDOWN,
    /** Cleared when a reconciliation with the venue succeeds. */
    RECONCILIATION,
    /** Cleared when the open exposure is back within the configured limits (an operator may clear it earlier). */
    LIMITS_MET
}
