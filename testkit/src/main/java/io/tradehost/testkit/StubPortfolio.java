package io.tradehost.testkit;

import io.tradehost.api.host.OrderCounters;
import io.tradehost.api.host.PortfolioView;
import io.tradehost.api.order.Position;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Symbol;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A {@link PortfolioView} a test sets by hand. Not thread-safe. */
public final class StubPortfolio implements PortfolioView {
    private final Map<Symbol, Position> positions = new TreeMap<>();
    private Money cash;
    private Money equity;

    /** A flat portfolio with {@code equity} in cash. */
    public StubPortfolio(Money equity) {
        this.cash = equity;
        this.equity = equity;
    }

    public StubPortfolio position(Position position) {
        positions.put(position.symbol(), position);
        return this;
    }

    public StubPortfolio equity(Money value) {
        this.equity = value;
        this.cash = value;
        return this;
    }

    @Override
    public Position position(Symbol symbol) {
        return positions.getOrDefault(symbol, Position.flat(symbol));
    }

    @Override
    public List<Position> positions() {
        return List.copyOf(positions.values());
    }

    @Override
    public Money cash() {
        return cash;
    }

    @Override
    public Money equity() {
        return equity;
    }

    @Override
    public Money grossExposure() {
        return Money.ZERO;
    }

    @Override
    public OrderCounters counters() {
        return new OrderCounters(0, 0, 0, 0, Map.of());
    }
}
