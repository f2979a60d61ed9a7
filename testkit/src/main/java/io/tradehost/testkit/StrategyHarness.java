package io.tradehost.testkit;

import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.Liquidity;
import io.tradehost.api.order.Position;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.strategy.Action;
import io.tradehost.api.strategy.Decision;
import io.tradehost.api.strategy.Strategy;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Product;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs one strategy through a scripted market and records what it decided and what filled, so a
 * plugin author can test a strategy without the host. The model is deliberately simple: every
 * actionable decision fills at once, in full, at the mark, without fees; sizes round down to the
 * product's lot and orders below its minimum are skipped. The host's guards and venue are not in
 * the loop (use the paper venue for that). Not thread-safe.
 */
public final class StrategyHarness {
    /** One mark and what the strategy made of it. */
    public record Step(int index, Price mark, Decision decision, Fill fill) {
    }

    /** Every step, and the position and realised PnL at the end. */
    public record Result(List<Step> steps, Position position) {
        public List<Decision> decisions() {
            return steps.stream().map(Step::decision).toList();
        }

        public List<Fill> fills() {
            return steps.stream().map(Step::fill).filter(Objects::nonNull).toList();
        }

        /** The actions in order, e.g. {@code [HOLD, BUY, HOLD, CLOSE]}. */
        public List<Action> actions() {
            return steps.stream().map(s -> s.decision().action()).toList();
        }
    }

    private final Strategy strategy;
    private final Product product;
    private Money equity = Money.ofUnits(10_000);
    private TradingState state = TradingState.ACTIVE;
    private int window = 64;

    private StrategyHarness(Strategy strategy, Product product) {
        this.strategy = strategy;
        this.product = product;
    }

    /** A harness for {@code strategy} trading {@code product}. */
    public static StrategyHarness of(Strategy strategy, Product product) {
        return new StrategyHarness(strategy, product);
    }

    /** Starting equity (default 10 000); equity follows realised and unrealised PnL. */
    public StrategyHarness equity(String value) {
        this.equity = Money.of(value);
        return this;
    }

    /** The trading state every context carries (default ACTIVE). */
    public StrategyHarness state(TradingState value) {
        this.state = value;
        return this;
    }

    /** How many recent marks the strategy sees (default 64, as the host). */
    public StrategyHarness window(int marks) {
        this.window = marks;
        return this;
    }

    /** Feeds {@code prices} one by one. */
    public Result run(String... prices) {
        List<Price> marks = new ArrayList<>();
        for (String p : prices) {
            marks.add(Price.of(p));
        }
        return run(marks);
    }

    /** Feeds {@code marks} one by one. */
    public Result run(List<Price> marks) {
        List<Step> steps = new ArrayList<>();
        List<Price> seen = new ArrayList<>();
        Position position = Position.flat(product.symbol());
        for (int i = 0; i < marks.size(); i++) {
            Price mark = marks.get(i);
            seen.add(mark);
            List<Price> recent = List.copyOf(seen.subList(Math.max(0, seen.size() - window), seen.size()));
            ContextBuilder builder = ContextBuilder.forProduct(product).position(position)
                    .equity(equity.plus(position.realizedPnl()).plus(position.unrealizedPnl(mark)).toString())
                    .state(state).now(Fixtures.nanos(Fixtures.EPOCH) + i * 1_000_000_000L);
            recent.forEach(builder::mark);
            Decision decision = strategy.decide(builder.build());
            Fill fill = fill(decision, position, mark, i);
            if (fill != null) {
                position = position.apply(fill);
            }
            steps.add(new Step(i, mark, decision, fill));
        }
        return new Result(List.copyOf(steps), position);
    }

    private Fill fill(Decision decision, Position position, Price mark, int index) {
        Side side;
        Quantity size;
        switch (decision.action()) {
            case HOLD -> {
                return null;
            }
            case CLOSE -> {
                if (position.isFlat()) {
                    return null;
                }
                side = position.quantity().isPositive() ? Side.SELL : Side.BUY;
                size = position.quantity().abs();
            }
            default -> {
                side = decision.action() == Action.BUY ? Side.BUY : Side.SELL;
                size = decision.quantity() != null ? decision.quantity()
                        : decision.notional().divide(mark, RoundingMode.DOWN);
            }
        }
        Quantity lot = product.roundSize(size);
        if (!lot.isPositive() || lot.isLessThan(product.minSize())) {
            return null;
        }
        return new Fill("h-" + index, ClientOrderId.of("harness-" + index), product.symbol(), side, lot, mark,
                Money.ZERO, Liquidity.TAKER, 0);
    }
}
