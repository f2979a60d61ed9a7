package io.tradehost.plugins.venue.paper;

import io.tradehost.api.order.Fill;
import io.tradehost.api.order.Position;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Product;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Symbol;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The paper account's cash and positions, as the exchange books them ({@link Position#cashMovement}).
 * Not thread-safe.
 */
final class PaperAccount {
    private final Map<Symbol, Position> positions = new TreeMap<>();
    private Money cash;

    PaperAccount(Money cash) {
        this.cash = cash;
    }

    /** Replaces the books with saved ones. */
    void restore(Money savedCash, List<Position> savedPositions) {
        cash = savedCash;
        positions.clear();
        savedPositions.forEach(p -> positions.put(p.symbol(), p));
    }

    Money cash() {
        return cash;
    }

    Map<Symbol, Position> positions() {
        return positions;
    }

    Position position(Symbol symbol) {
        return positions.getOrDefault(symbol, Position.flat(symbol));
    }

    /** Moves {@code amount} (signed) into the cash, e.g. a funding payment. */
    void credit(Money amount) {
        cash = cash.plus(amount);
    }

    void book(Fill fill, Product product) {
        Position before = position(fill.symbol());
        Position after = before.apply(fill);
        cash = cash.plus(Position.cashMovement(before, after, fill, product.isPerpetual()));
        positions.put(fill.symbol(), after);
    }

    /** Cash plus spot holdings at the marks plus perpetual unrealised PnL. */
    Money equity(Function<Symbol, Price> marks, Function<Symbol, Product> products) {
        Money equity = cash;
        for (Position p : positions.values()) {
            Price mark = marks.apply(p.symbol());
            equity = equity.plus(products.apply(p.symbol()).isPerpetual() ? p.unrealizedPnl(mark) : p.valueAt(mark));
        }
        return equity;
    }

    /** Sum of |perpetual position value| at the marks, with {@code symbol} moved by {@code change}. */
    Money perpetualExposure(Function<Symbol, Price> marks, Function<Symbol, Product> products, Symbol symbol,
                            Quantity change) {
        Money total = Money.ZERO;
        Map<Symbol, Quantity> sizes = new TreeMap<>();
        positions.forEach((s, p) -> sizes.put(s, p.quantity()));
        sizes.merge(symbol, change, Quantity::plus);
        for (Map.Entry<Symbol, Quantity> e : sizes.entrySet()) {
            if (products.apply(e.getKey()).isPerpetual()) {
                total = total.plus(marks.apply(e.getKey()).times(e.getValue()).abs());
            }
        }
        return total;
    }
}
