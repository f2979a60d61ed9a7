package io.tradehost.strategy.testkit;

import io.tradehost.api.host.MarketView;
import io.tradehost.api.host.OrderCounters;
import io.tradehost.api.host.PortfolioView;
import io.tradehost.api.market.Mark;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.Position;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Symbol;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The harness's books, as the host's ledger keeps them for perpetuals: positions from fills, cash
 * moved by realised PnL and fees, equity at the marks. Kernel thread only.
 */
final class HarnessBook implements PortfolioView {
    private final MarketView market;
    private final Map<String, Position> positions = new TreeMap<>();
    private Money cash;

    HarnessBook(MarketView market, Money cash) {
        this.market = market;
        this.cash = cash;
    }

    /** Books a fill; returns the position after it. */
    Position book(Fill fill) {
        Position before = position(fill.symbol());
        Position after = before.apply(fill);
        cash = cash.plus(Position.cashMovement(before, after, fill, true));
        positions.put(fill.symbol().value(), after);
        return after;
    }

    @Override
    public Position position(Symbol symbol) {
        Position p = positions.get(symbol.value());
        return p == null ? Position.flat(symbol) : p;
    }

    @Override
    public List<Position> positions() {
        return new ArrayList<>(positions.values());
    }

    @Override
    public Money cash() {
        return cash;
    }

    @Override
    public Money equity() {
        Money equity = cash;
        for (Position p : positions.values()) {
            Mark mark = market.lastMark(p.symbol());
            if (mark != null) {
                equity = equity.plus(p.unrealizedPnl(mark.price()));
            }
        }
        return equity;
    }

    @Override
    public Money grossExposure() {
        Money gross = Money.ZERO;
        for (Position p : positions.values()) {
            Mark mark = market.lastMark(p.symbol());
            if (mark != null) {
                gross = gross.plus(p.valueAt(mark.price()).abs());
            }
        }
        return gross;
    }

    @Override
    public OrderCounters counters() {
        return new OrderCounters(0, 0, 0, 0, Map.of());
    }
}
