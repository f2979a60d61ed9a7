package io.tradehost.backtest.venue;

import io.tradehost.api.order.Fill;
import io.tradehost.api.order.Position;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Product;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Symbol;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The simulated venue's cash and positions, booked by the one rule host ledgers and the paper venue
 * use ({@link Position#cashMovement}): spot fills move their notional, perpetual fills settle the
 * PnL they realise, fees always leave. Not thread-safe.
 */
final class SimulatedAccount {
    private final Map<Symbol, Position> positions = new TreeMap<>();
    private Money cash;

    SimulatedAccount(Money cash) {
        this.cash = cash;
    }

    Money cash() {
        return cash;
    }

    Map<Symbol, Position> positions() {
        return positions;
    }

    Position position(Symbol symbol) {
        Position p = positions.get(symbol);
        return p != null ? p : Position.flat(symbol);
    }

    void book(Fill fill, Product product) {
        Position before = position(fill.symbol());
        Position after = before.apply(fill);
        cash = cash.plus(Position.cashMovement(before, after, fill, product.isPerpetual()));
        positions.put(fill.symbol(), after);
    }

    /** Cash plus spot holdings at {@code prices} plus perpetual unrealised PnL at them. */
    Money equity(Function<Symbol, Price> prices, Function<Symbol, Product> products) {
        Money equity = cash;
        for (Position p : positions.values()) {
            if (p.isFlat()) {
                continue;
            }
            Price price = prices.apply(p.symbol());
            equity = equity.plus(products.apply(p.symbol()).isPerpetual() ? p.unrealizedPnl(price) : p.valueAt(price));
        }
        return equity;
    }

    /** Sum of |perpetual position value| at {@code prices}, with {@code symbol}'s size changed by {@code change}. */
    Money perpetualExposure(Function<Symbol, Price> prices, Function<Symbol, Product> products, Symbol symbol,
                            Quantity change) {
        Money total = Money.ZERO;
        boolean seen = false;
        for (Position p : positions.values()) {
            Quantity size = p.quantity();
            if (p.symbol().equals(symbol)) {
                size = size.plus(change);
                seen = true;
            }
            if (products.apply(p.symbol()).isPerpetual() && !size.isZero()) {
                total = total.plus(prices.apply(p.symbol()).times(size).abs());
            }
        }
        if (!seen && products.apply(symbol).isPerpetual()) {
            total = total.plus(prices.apply(symbol).times(change).abs());
        }
        return total;
    }
}
