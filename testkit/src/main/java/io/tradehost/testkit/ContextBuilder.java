package io.tradehost.testkit;

import io.tradehost.api.market.Mark;
import io.tradehost.api.order.Position;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.strategy.StrategyContext;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Product;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a {@link StrategyContext} for calling a strategy directly in a test: the last mark price
 * given is the current mark. Defaults: flat, 10 000 equity, active. Not thread-safe.
 */
public final class ContextBuilder {
    private final Product product;
    private final List<Price> marks = new ArrayList<>();
    private Position position;
    private Money equity = Money.ofUnits(10_000);
    private TradingState state = TradingState.ACTIVE;
    private long nowNanos = Fixtures.nanos(Fixtures.EPOCH);

    private ContextBuilder(Product product) {
        this.product = product;
        this.position = Position.flat(product.symbol());
    }

    /** A builder for {@code product}. */
    public static ContextBuilder forProduct(Product product) {
        return new ContextBuilder(product);
    }

    /** Appends mark prices, oldest first. */
    public ContextBuilder marks(String... prices) {
        for (String p : prices) {
            marks.add(Price.of(p));
        }
        return this;
    }

    /** Appends one mark price. */
    public ContextBuilder mark(Price price) {
        marks.add(price);
        return this;
    }

    /** A position of {@code quantity} (negative for short) entered at {@code price}. */
    public ContextBuilder position(String quantity, String price) {
        Quantity q = Quantity.of(quantity);
        this.position = Position.flat(product.symbol()).apply(q.isNegative() ? Side.SELL : Side.BUY, q.abs(),
                Price.of(price), Money.ZERO);
        return this;
    }

    /** The given position. */
    public ContextBuilder position(Position value) {
        this.position = value;
        return this;
    }

    public ContextBuilder flat() {
        this.position = Position.flat(product.symbol());
        return this;
    }

    public ContextBuilder equity(String value) {
        this.equity = Money.of(value);
        return this;
    }

    public ContextBuilder state(TradingState value) {
        this.state = value;
        return this;
    }

    public ContextBuilder now(long epochNanos) {
        this.nowNanos = epochNanos;
        return this;
    }

    /**
     * The context.
     *
     * @throws IllegalStateException if no mark was given
     */
    public StrategyContext build() {
        if (marks.isEmpty()) {
            throw new IllegalStateException("a context needs at least one mark");
        }
        Price last = marks.getLast();
        Mark mark = new Mark(product.symbol(), last, last, last, Quantity.ofUnits(10), Quantity.ofUnits(10), nowNanos);
        List<Price> window = List.copyOf(marks);
        Position p = position;
        Money e = equity;
        TradingState s = state;
        long now = nowNanos;
        return new StrategyContext() {
            @Override
            public Product product() {
                return product;
            }

            @Override
            public Mark mark() {
                return mark;
            }

            @Override
            public List<Price> recentMarks() {
                return window;
            }

            @Override
            public Position position() {
                return p;
            }

            @Override
            public Money equity() {
                return e;
            }

            @Override
            public TradingState tradingState() {
                return s;
            }

            @Override
            public long nowNanos() {
                return now;
            }
        };
    }
}
