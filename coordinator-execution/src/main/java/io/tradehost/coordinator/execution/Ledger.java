package io.tradehost.coordinator.execution;

import io.tradehost.api.host.MarketView;
import io.tradehost.api.host.OrderCounters;
import io.tradehost.api.host.PortfolioView;
import io.tradehost.api.market.Mark;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.FundingPayment;
import io.tradehost.api.order.Position;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Product;
import io.tradehost.api.value.Symbol;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Positions and cash booked from fills, de-duplicated by trade id; cash moves by
 * {@link Position#cashMovement}. Kernel thread only.
 */
public final class Ledger implements PortfolioView {
    private final MarketView market;
    private final Function<Symbol, Product> products;
    private final Supplier<OrderCounters> counters;
    private final Map<Symbol, Position> positions = new TreeMap<>();
    private final Set<String> tradeIds = new HashSet<>();
    private final Set<String> fundingIds = new HashSet<>();
    private final Map<Symbol, Money> funding = new TreeMap<>();
    private Map<Symbol, Price> liquidation = Map.of();
    private Money cash = Money.ZERO;

    /**
     * @param market marks for equity
     * @param products product of each traded symbol
     * @param counters where order counts come from
     */
    public Ledger(MarketView market, Function<Symbol, Product> products, Supplier<OrderCounters> counters) {
        this.market = market;
        this.products = products;
        this.counters = counters;
    }

    /** Starts the books from a venue's cash and positions. */
    public void open(Money startingCash, List<Position> startingPositions) {
        cash = startingCash;
        positions.clear();
        startingPositions.forEach(p -> positions.put(p.symbol(), p));
    }

    /** Makes fills with these trade ids count as booked already (they are in the books it opened with). */
    public void remember(Set<String> bookedTradeIds) {
        tradeIds.addAll(bookedTradeIds);
    }

    /**
     * Books {@code fill}; returns the new position, or null if its trade id was already booked.
     */
    public Position book(Fill fill) {
        if (!tradeIds.add(fill.tradeId())) {
            return null;
        }
        Position before = position(fill.symbol());
        Position after = before.apply(fill);
        cash = cash.plus(Position.cashMovement(before, after, fill, products.apply(fill.symbol()).isPerpetual()));
        positions.put(fill.symbol(), after);
        return after;
    }

    /** Makes funding payments with these ids count as booked already. */
    public void rememberFunding(Set<String> bookedPaymentIds) {
        fundingIds.addAll(bookedPaymentIds);
    }

    /** Books a funding payment as a cash movement of its symbol; false if its id was already booked. */
    public boolean book(FundingPayment payment) {
        if (!fundingIds.add(payment.id())) {
            return false;
        }
        cash = cash.plus(payment.amount());
        funding.merge(payment.symbol(), payment.amount(), Money::plus);
        return true;
    }

    /** The venue's liquidation prices, as its last account snapshot reported them. */
    public void liquidationPrices(Map<Symbol, Price> reported) {
        liquidation = Map.copyOf(reported);
    }

    /** The venue's liquidation price of the open position in {@code symbol}, or null (none reported, or flat). */
    public Price liquidationPrice(Symbol symbol) {
        return position(symbol).isFlat() ? null : liquidation.get(symbol);
    }

    @Override
    public Money funding(Symbol symbol) {
        return funding.getOrDefault(symbol, Money.ZERO);
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
        Money equity = cash;
        for (Position p : positions.values()) {
            Mark mark = market.lastMark(p.symbol());
            if (mark == null || p.isFlat()) {
                continue;
            }
            boolean perpetual = products.apply(p.symbol()).isPerpetual();
            equity = equity.plus(perpetual ? p.unrealizedPnl(mark.price()) : p.valueAt(mark.price()));
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
        return counters.get();
    }
}
