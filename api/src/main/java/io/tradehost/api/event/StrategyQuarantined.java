package io.tradehost.api.event;

import io.tradehost.api.value.Symbol;

/**
 * A symbol's strategy failed or overran its decision budget too often in a row; the symbol may now
 * only reduce its position until an operator clears the quarantine.
 *
 * @param symbol the quarantined symbol
 * @param strategy the strategy's name
 * @param reason what happened, with the numbers
 */
public record StrategyQuarantined(Symbol symbol, String strategy, String reason) implements Event {
}
