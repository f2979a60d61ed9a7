package io.tradehost.coordinator.strategy;

import io.tradehost.api.market.Mark;
import io.tradehost.api.order.Position;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.strategy.StrategyContext;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Product;
import java.util.List;

/** One symbol's view for one cycle. Immutable. */
record SymbolContext(Product product, Mark mark, List<Price> recentMarks, Position position, Money equity,
                     TradingState tradingState, long nowNanos) implements StrategyContext {
}
