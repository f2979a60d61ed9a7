package io.tradehost.api.strategy;

import io.tradehost.api.market.Mark;
import io.tradehost.api.order.Position;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Product;
import java.util.List;

/**
 * What a strategy sees of one symbol when asked to decide. Valid only during the
 * {@link Strategy#decide} call that received it; read it there, do not keep it.
 */
public interface StrategyContext {
    /** The product being decided, with its increments. */
    Product product();

    /** The mark that triggered this cycle; never null. */
    Mark mark();

    /** Recent mark prices, oldest first, the current one last; at most the host's window. */
    List<Price> recentMarks();

    /** The current position; flat if none. */
    Position position();

    /** Account equity in quote currency. */
    Money equity();

    /** The host's trading state; under {@link TradingState#REDUCE_ONLY} only shrinking orders go through. */
    TradingState tradingState();

    /** Clock time of this cycle, nanoseconds since the epoch. */
    long nowNanos();
}
