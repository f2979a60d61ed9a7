package io.tradehost.backtest.report;

import io.tradehost.api.value.Price;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;

/**
 * A fill drawn on the price chart. Immutable.
 *
 * @param entry whether it opened or grew a position (else it reduced or closed one)
 */
public record Marker(long nanos, Symbol symbol, Side side, Price price, boolean entry) {
}
