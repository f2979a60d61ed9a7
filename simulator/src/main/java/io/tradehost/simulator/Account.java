package io.tradehost.simulator;

import io.tradehost.api.order.Fill;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.Position;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Product;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Ratio;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The engine's cash and positions, booked by the one rule the host's ledger uses
 * ({@link Position#cashMovement}: spot fills move their notional, perpetual fills settle the PnL
 * they realise, fees always leave), and the checks a fill must pass first: spot buys need cash,
 * spot sells need holdings, perpetuals need margin (exposure / max leverage within equity), and a
 * reduce-only order must shrink its position. Positions are valued at each symbol's mark. Not
 * thread-safe.
 */
final class Account {
    private final Map<Symbol, Position> positions = new TreeMap<>();
    private final Function<Symbol, Price> marks;
    private final Function<Symbol, Product> products;
    private Money cash;

    Account(Money cash, Function<Symbol, Price> marks, Function<Symbol, Product> products) {
        this.cash = cash;
        this.marks = marks;
        this.products = products;
    }

    /** Replaces the books with saved ones. */
    void restore(Money savedCash, Collection<Position> savedPositions) {
        cash = savedCash;
        positions.clear();
        savedPositions.forEach(p -> positions.put(p.symbol(), p));
    }

    Money cash() {
        return cash;
    }

    /** Every position booked, flat ones included, by symbol. */
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

    void book(Fill fill) {
        Position before = position(fill.symbol());
        Position after = before.apply(fill);
        cash = cash.plus(Position.cashMovement(before, after, fill, products.apply(fill.symbol()).isPerpetual()));
        positions.put(fill.symbol(), after);
    }

    /** Cash plus spot holdings at the marks plus perpetual unrealised PnL at them. */
    Money equity() {
        Money equity = cash;
        for (Position p : positions.values()) {
            if (!p.isFlat()) {
                Price mark = marks.apply(p.symbol());
                equity = equity.plus(products.apply(p.symbol()).isPerpetual() ? p.unrealizedPnl(mark)
                        : p.valueAt(mark));
            }
        }
        return equity;
    }

    /** Sum of |perpetual position value| at the marks, with {@code symbol}'s size changed by {@code change}. */
    Money perpetualExposure(Symbol symbol, Quantity change) {
        Map<Symbol, Quantity> sizes = new TreeMap<>();
        positions.forEach((s, p) -> sizes.put(s, p.quantity()));
        sizes.merge(symbol, change, Quantity::plus);
        Money total = Money.ZERO;
        for (Map.Entry<Symbol, Quantity> e : sizes.entrySet()) {
            if (!e.getValue().isZero() && products.apply(e.getKey()).isPerpetual()) {
                total = total.plus(marks.apply(e.getKey()).times(e.getValue()).abs());
            }
        }
        return total;
    }

    /**
     * Why the account cannot take a fill of {@code quantity} of {@code r} at {@code price} paying
     * {@code feeBps}, or null if it can.
     */
    Refusal refusal(OrderRequest r, Quantity quantity, Price price, Ratio feeBps) {
        Product product = products.apply(r.symbol());
        Position position = position(r.symbol());
        boolean reduces = position.isReducedBy(r.side(), quantity);
        if (r.reduceOnly() && !reduces) {
            return new Refusal("REDUCE_ONLY", "order would not shrink position " + position.quantity());
        }
        Money notional = price.times(quantity);
        Money fee = notional.bps(feeBps);
        if (!product.isPerpetual()) {
            if (r.side() == Side.BUY && cash.isLessThan(notional.plus(fee))) {
                return new Refusal("INSUFFICIENT_FUNDS", "need " + notional.plus(fee) + " " + MatchingEngine.CURRENCY
                        + ", have " + cash);
            }
            if (r.side() == Side.SELL && position.quantity().isLessThan(quantity)) {
                return new Refusal("INSUFFICIENT_BALANCE", "selling " + quantity + " " + product.base() + ", holding "
                        + position.quantity());
            }
            return null;
        }
        if (reduces) {
            return null;
        }
        Money exposure = perpetualExposure(r.symbol(), quantity.signed(r.side()));
        Money equity = equity().minus(fee);
        if (!equity.isPositive() || exposure.ratioTo(equity).isGreaterThan(product.maxLeverage())) {
            return new Refusal("INSUFFICIENT_MARGIN", "perpetual exposure " + exposure + " on equity " + equity
                    + " exceeds " + product.maxLeverage() + "x");
        }
        return null;
    }
}
