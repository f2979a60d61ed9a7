package io.tradehost.backtest.report;

import io.tradehost.api.journal.OrderOwner;
import io.tradehost.api.order.OrderRequest;

/** What closed a round trip, by the order that closed it. */
public enum ExitKind {
    /** A limit order of a contingent list (a bracket's take-profit). */
    TAKE_PROFIT,
    /** A stop order that does not trail. */
    STOP,
    /** A trailing stop. */
    TRAILING,
    /** Any other order of a strategy: its own decision (a signal). */
    SIGNAL,
    /** An order no strategy asked for (an operator's close), or one the report did not see recorded. */
    OTHER;

    /** The kind of an exit by {@code request}, as journaled with {@code owner}. */
    public static ExitKind of(OrderRequest request, OrderOwner owner) {
        if (owner.list() != null && owner.list().role() != io.tradehost.api.order.ListLink.Role.ENTRY) {
            // as the strategy asked for it: an exit the host held goes as a market or limit order once triggered
            return switch (owner.list().role()) {
                case TRAILING_STOP -> TRAILING;
                case STOP -> STOP;
                default -> TAKE_PROFIT;
            };
        }
        if (owner.trail() != null) {
            return TRAILING;
        }
        if (request.type().isStop()) {
            return STOP;
        }
        if (owner.list() != null && request.type().hasLimit()) {
            return TAKE_PROFIT;
        }
        return owner.strategy().isEmpty() ? OTHER : SIGNAL;
    }

    /** The report's word: {@code take-profit}, {@code stop}, {@code trailing}, {@code signal}, {@code other}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
