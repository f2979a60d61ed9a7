package io.tradehost.api.event;

import io.tradehost.api.value.Symbol;

/**
 * A strategy threw; its symbol was skipped this cycle.
 *
 * @param symbol the symbol being decided
 * @param strategy the strategy's name
 * @param error the exception's class and message
 * @param consecutiveFailures how many calls in a row have failed for this symbol
 */
public record StrategyFailed(Symbol symbol, String strategy, String error, int consecutiveFailures)
        implements Event {
}
