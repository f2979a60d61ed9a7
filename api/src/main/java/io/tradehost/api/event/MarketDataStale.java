package io.tradehost.api.event;

import io.tradehost.api.value.Symbol;
import java.util.Objects;

/**
 * The venue says its market data for a symbol can no longer be trusted (a sequence gap, a lost or
 * silent feed): the last mark stays, flagged stale, until the next mark arrives.
 *
 * @param symbol the product
 * @param reason what happened, for operators
 * @param timestampNanos clock time of the report
 */
public record MarketDataStale(Symbol symbol, String reason, long timestampNanos) implements Event {
    public MarketDataStale {
        Objects.requireNonNull(symbol, "symbol");
        reason = reason == null ? "" : reason;
    }
}
