package io.tradehost.plugins.guards;

import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.guard.Guard;
import io.tradehost.api.guard.GuardFactory;
import io.tradehost.api.guard.GuardVerdict;
import io.tradehost.api.guard.OrderCheck;
import io.tradehost.api.state.TradingState;

/**
 * Enforces the host's trading state: HALTED rejects every order ({@code HALTED}); REDUCE_ONLY
 * rejects any order that does not shrink an existing position ({@code REDUCE_ONLY}), so a close
 * always passes. A reduce-only order that would grow the position is rejected in any state
 * ({@code REDUCE_ONLY_ORDER_GROWS}). Stateless.
 */
public final class TradingStateGuard implements Guard {
    public TradingStateGuard() {
        // stateless
    }

    @Override
    public GuardVerdict check(OrderCheck check) {
        if (check.tradingState() == TradingState.HALTED) {
            return GuardVerdict.reject("HALTED", "trading is halted: no new orders");
        }
        boolean reduces = check.reducesPosition();
        if (check.tradingState() == TradingState.REDUCE_ONLY && !reduces) {
            return GuardVerdict.reject("REDUCE_ONLY", "reduce-only: " + check.order().side() + " "
                    + check.order().quantity() + " would not shrink position " + check.position().quantity());
        }
        if (check.order().reduceOnly() && !reduces) {
            return GuardVerdict.reject("REDUCE_ONLY_ORDER_GROWS", "reduce-only order " + check.order().side() + " "
                    + check.order().quantity() + " would not shrink position " + check.position().quantity());
        }
        return GuardVerdict.ALLOW;
    }

    /** {@code trading-state}: no keys. */
    public static final class Factory implements GuardFactory {
        public Factory() {
            // stateless
        }

        @Override
        public String name() {
            return "trading-state";
        }

        @Override
        public String description() {
            return "HALTED rejects everything; REDUCE_ONLY lets only position-shrinking orders through";
        }

        @Override
        public Guard create(PluginConfig config) {
            return new TradingStateGuard();
        }
    }
}
