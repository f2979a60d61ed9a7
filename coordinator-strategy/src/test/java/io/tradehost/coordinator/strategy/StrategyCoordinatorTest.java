package io.tradehost.coordinator.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.tradehost.api.command.OrderIntent;
import io.tradehost.api.config.ConfigException;
import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.event.MarkUpdated;
import io.tradehost.api.event.StrategyFailed;
import io.tradehost.api.event.StrategyQuarantined;
import io.tradehost.api.host.HealthStatus;
import io.tradehost.api.host.PluginCalls;
import io.tradehost.api.host.PluginIsolation;
import io.tradehost.api.host.StartupException;
import io.tradehost.api.market.Mark;
import io.tradehost.api.order.Position;
import io.tradehost.api.state.ReasonCode;
import io.tradehost.api.state.ReasonSource;
import io.tradehost.api.state.StateReason;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.strategy.Action;
import io.tradehost.api.strategy.Decision;
import io.tradehost.api.strategy.Strategy;
import io.tradehost.api.strategy.StrategyContext;
import io.tradehost.api.strategy.StrategyFactory;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.kernel.Kernel;
import io.tradehost.kernel.VirtualClock;
import io.tradehost.kernel.isolation.WorkerCalls;
import io.tradehost.testkit.EventRecorder;
import io.tradehost.testkit.Fixtures;
import io.tradehost.testkit.ScriptedVenue;
import io.tradehost.testkit.StubMarket;
import io.tradehost.testkit.StubPortfolio;
import io.tradehost.testkit.StubTradingState;
import io.tradehost.testkit.StubVenueAccess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
class StrategyCoordinatorTest {
    private static final Symbol BTC = Symbol.of("BTC-PERP");
    private static final Symbol SOL = Symbol.of("SOL-USD");

    private final VirtualClock clock = new VirtualClock(Fixtures.EPOCH);
    private Kernel kernel = new Kernel(clock);
    private final EventRecorder events = new EventRecorder();
    private final StubMarket market = new StubMarket();
    private final StubPortfolio portfolio = new StubPortfolio(Money.of("10000"));
    private final StubTradingState state = new StubTradingState();
    private final ScriptedVenue venue = new ScriptedVenue(List.of(Fixtures.perpetual("BTC-PERP"), Fixtures.spot("SOL-USD")));
    private final List<StrategyContext> seen = new ArrayList<>();

    private static StrategyFactory factory(String name, Function<StrategyContext, Decision> decide) {
        return new StrategyFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return "test";
            }

            @Override
            public Strategy create(PluginConfig config) {
                config.integer("known", 1, 0, 9);
                return decide::apply;
            }
        };
    }

    private final long[] ticker = {0};
    private final List<WorkerCalls> workers = new ArrayList<>();
    /** Inline calls timed by the scripted ticker, unless a test makes some symbols isolated. */
    private PluginIsolation isolation = (kind, name, instance) -> PluginCalls.inline(() -> ticker[0], Duration.ofMillis(2));

    /** A new kernel and no recorded events or contexts, for a second coordinator in one test. */
    private void freshKernel() {
        kernel = new Kernel(clock);
        events.clear();
        seen.clear();
    }

    /** Isolates the strategies of {@code symbols} on workers with a short real-time budget. */
    private void isolate(Symbol... symbols) {
        List<String> isolated = java.util.Arrays.stream(symbols).map(Symbol::value).toList();
        isolation = (kind, name, instance) -> {
            if (!isolated.contains(instance)) {
                return PluginCalls.inline(() -> ticker[0], Duration.ofMillis(2));
            }
            WorkerCalls w = new WorkerCalls("plugin " + kind + " " + name + " " + instance, Duration.ofMillis(100),
                    Duration.ofMillis(100));
            workers.add(w);
            return w;
        };
    }

    @AfterEach
    void stopWorkers() {
        release.countDown();
        workers.forEach(WorkerCalls::close);
    }

    private final CountDownLatch release = new CountDownLatch(1);

    private StrategyCoordinator coordinator(CycleMode mode, Function<StrategyContext, Decision> decide,
                                            PluginConfig config) {
        return coordinator(StrategySettings.single("test", config, mode, Duration.ofSeconds(5)), decide);
    }

    private StrategyCoordinator coordinator(StrategySettings settings, Function<StrategyContext, Decision> decide) {
        StrategyCoordinator c = new StrategyCoordinator(settings,
                List.of(factory("test", ctx -> {
                    seen.add(ctx);
                    return decide.apply(ctx);
                })), new StubVenueAccess(venue, venue.products()), market, portfolio, state, kernel, kernel, clock,
                kernel, isolation);
        kernel.subscribe(MarkUpdated.class, "strategy.mark", Kernel.FailurePolicy.LOG_AND_COUNT, c::onMark);
        kernel.own(OrderIntent.class, "execution.place", Kernel.FailurePolicy.FAIL_CLOSED, intent -> { });
        kernel.observe(events);
        c.initialize();
        c.start();
        return c;
    }

    private StrategyCoordinator coordinator(Function<StrategyContext, Decision> decide) {
        return coordinator(CycleMode.ON_MARK, decide, PluginConfig.empty("strategy.config"));
    }

    private void mark(String symbol, String price) {
        Mark mark = Fixtures.mark(symbol, price);
        market.put(mark);
        kernel.publish(new MarkUpdated(mark));
        kernel.runUntilIdle();
    }

    @Test
    void aReconfigureReplacesOnlyTheInstancesWhoseBlockChangedAndRetimesTheCycle() {
        StrategyCoordinator c = coordinator(CycleMode.ON_MARK, ctx -> Decision.hold("wait"),
                PluginConfig.empty("strategy.config"));
        Strategy btc = c.strategy(BTC);
        Strategy sol = c.strategy(Symbol.of("SOL-USD"));

        assertThat(c.reconfigure(StrategySettings.single("test", PluginConfig.empty("strategy.config"),
                CycleMode.ON_MARK, Duration.ofSeconds(5)), Set.of())).isEmpty();
        assertThat(c.strategy(BTC)).isSameAs(btc);

        Set<Symbol> replaced = c.reconfigure(StrategySettings.single("test", PluginConfig.empty("strategy.config"),
                CycleMode.INTERVAL, Duration.ofSeconds(2)), Set.of("test"));
        assertThat(replaced).containsExactly(BTC, Symbol.of("SOL-USD"));
        assertThat(c.strategy(BTC)).isNotSameAs(btc);
        assertThat(c.strategy(Symbol.of("SOL-USD"))).isNotSameAs(sol);

        // now on a 2 s interval: a mark alone runs no cycle, the timer does
        market.put(Fixtures.mark("BTC-PERP", "100"));
        seen.clear();
        kernel.advanceBy(Duration.ofSeconds(2));
        assertThat(seen).extracting(ctx -> ctx.product().symbol()).containsExactly(BTC);

        // the same mode and interval keep the timer; back on marks, the timer is gone
        c.reconfigure(StrategySettings.single("test", PluginConfig.empty("strategy.config"), CycleMode.INTERVAL,
                Duration.ofSeconds(2)), Set.of());
        seen.clear();
        kernel.advanceBy(Duration.ofSeconds(2));
        assertThat(seen).hasSize(1);
        c.reconfigure(StrategySettings.single("test", PluginConfig.empty("strategy.config"), CycleMode.ON_MARK,
                Duration.ofSeconds(2)), Set.of());
        seen.clear();
        kernel.advanceBy(Duration.ofSeconds(10));
        assertThat(seen).isEmpty();
        mark("BTC-PERP", "101");
        assertThat(seen).hasSize(1);
        c.reconfigure(StrategySettings.single("test", PluginConfig.empty("strategy.config"), CycleMode.INTERVAL,
                Duration.ofSeconds(3)), Set.of());
        seen.clear();
        kernel.advanceBy(Duration.ofSeconds(3));
        assertThat(seen).as("a new interval starts a timer").hasSize(1);

        assertThatThrownBy(() -> c.reconfigure(StrategySettings.single("test", new PluginConfig("strategy.config",
                Map.of("known", 99)), CycleMode.INTERVAL, Duration.ofSeconds(2)), Set.of("test")))
                .isInstanceOf(ConfigException.class);
        assertThat(c.strategy(BTC)).as("a refused block changes nothing").isNotNull();
        assertThat(c.strategy(Symbol.of("DOGE-PERP"))).isNull();
        Strategy kept = c.strategy(BTC);
        c.addSymbols(List.of(BTC, Symbol.of("DOGE-PERP")));
        assertThat(c.strategy(Symbol.of("DOGE-PERP"))).isNotNull();
        assertThat(c.strategy(BTC)).as("a traded symbol keeps its instance").isSameAs(kept);
    }

    @Test
    void aMarkRunsACycleWithTheFullContextAndADecisionBecomesAnIntent() {
        coordinator(ctx -> Decision.buy(Money.of("500"), "go"));
        mark("BTC-PERP", "100");
        mark("BTC-PERP", "101");

        StrategyContext ctx = seen.getLast();
        assertThat(ctx.product().symbol()).isEqualTo(BTC);
        assertThat(ctx.mark().price()).isEqualTo(Price.of("101"));
        assertThat(ctx.recentMarks()).containsExactly(Price.of("100"), Price.of("101"));
        assertThat(ctx.equity()).isEqualTo(Money.of("10000"));
        assertThat(ctx.tradingState()).isEqualTo(TradingState.ACTIVE);
        assertThat(ctx.nowNanos()).isEqualTo(Fixtures.nanos(Fixtures.EPOCH));
        assertThat(ctx.position().isFlat()).isTrue();
        List<OrderIntent> intents = events.of(OrderIntent.class);
        assertThat(intents).extracting(OrderIntent::sequence).containsExactly(1L, 2L);
        OrderIntent last = intents.getLast();
        assertThat(last.side()).isEqualTo(Side.BUY);
        assertThat(last.notional()).isEqualTo(Money.of("500"));
        assertThat(last.close()).isFalse();
        assertThat(last.strategy()).isEqualTo("test");
        assertThat(last.reason()).isEqualTo("go");
        assertThat(last.markPrice()).isEqualTo(Price.of("101"));
    }

    @Test
    void aStopDecisionBecomesAStopIntentWithItsTrigger() {
        coordinator(ctx -> Decision.sell(Quantity.of("1"), "stop loss").withStop(Price.of("95")));
        mark("BTC-PERP", "100");
        OrderIntent stop = events.of(OrderIntent.class).getFirst();
        assertThat(stop.type()).isEqualTo(io.tradehost.api.value.OrderType.STOP_MARKET);
        assertThat(stop.stopPrice()).isEqualTo(Price.of("95"));
        assertThat(stop.limitPrice()).isNull();
    }

    @Test
    void holdsAndClosesOfFlatPositionsProduceNoIntent() {
        StrategyCoordinator c = coordinator(ctx -> ctx.mark().price().isGreaterThan(Price.of("100"))
                ? Decision.close("exit") : Decision.hold("wait"));
        mark("BTC-PERP", "100");
        mark("BTC-PERP", "101");
        assertThat(events.of(OrderIntent.class)).isEmpty();
        portfolio.position(Position.flat(BTC).apply(Side.BUY, Quantity.of("1"), Price.of("100"), Money.ZERO));
        mark("BTC-PERP", "102");
        OrderIntent close = events.of(OrderIntent.class).getFirst();
        assertThat(close.close()).isTrue();
        assertThat(close.reduceOnly()).isTrue();
        assertThat(close.side()).isNull();
        assertThat(c.decisionCounts()).containsEntry(Action.HOLD, 1L).containsEntry(Action.CLOSE, 2L);
    }

    @Test
    void aThrowingStrategyIsIsolatedToItsSymbolAndCountedUntilItRecovers() {
        StrategyCoordinator c = coordinator(ctx -> {
            if (ctx.product().symbol().equals(BTC) && ctx.mark().price().isLessThan(Price.of("200"))) {
                throw new IllegalStateException("indicator blew up");
            }
            return Decision.sell(Quantity.of("1"), "s");
        });
        mark("BTC-PERP", "100");
        mark("BTC-PERP", "101");
        mark("SOL-USD", "10");
        assertThat(events.of(StrategyFailed.class)).extracting(StrategyFailed::consecutiveFailures).containsExactly(1, 2);
        assertThat(events.of(StrategyFailed.class).getFirst().error()).isEqualTo("IllegalStateException: indicator blew up");
        assertThat(events.of(OrderIntent.class)).extracting(OrderIntent::symbol).containsExactly(SOL);
        assertThat(c.health().status()).isEqualTo(HealthStatus.DEGRADED);
        mark("BTC-PERP", "300");
        assertThat(c.health().status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(c.health().details()).containsEntry("failures", "2");
    }

    @Test
    void aStrategyThatKeepsFailingIsQuarantinedOnItsSymbolOnly() {
        StrategyCoordinator c = coordinator(ctx -> {
            if (ctx.product().symbol().equals(BTC)) {
                throw new IllegalStateException("always");
            }
            return Decision.hold("fine");
        });
        for (int i = 0; i < 7; i++) {
            mark("BTC-PERP", "10" + i);
            mark("SOL-USD", "10");
        }
        assertThat(events.of(StrategyQuarantined.class)).hasSize(1).first().satisfies(q -> {
            assertThat(q.symbol()).isEqualTo(BTC);
            assertThat(q.strategy()).isEqualTo("test");
            assertThat(q.reason()).isEqualTo("failed 5 times in a row, last: IllegalStateException: always");
        });
        assertThat(c.quarantined()).containsExactly(BTC);
        assertThat(events.of(StrategyFailed.class)).hasSize(7);
        assertThat(seen).filteredOn(ctx -> ctx.product().symbol().equals(SOL)).hasSize(7);
        assertThat(c.health().error()).isEqualTo("strategy quarantined on [BTC-PERP]");
    }

    @Test
    void decisionsOverBudgetTooOftenInARowQuarantineAndAFastOneResetsTheCount() {
        StrategySettings settings = new StrategySettings("test", Map.of(), name -> PluginConfig.empty("s"),
                CycleMode.ON_MARK, Duration.ofSeconds(1), 5, Duration.ofMillis(2), 3,
                StrategySettings.DEFAULT_MAX_DECISION_LEVERAGE);
        long[] cost = {3_000_000};
        coordinator(settings, ctx -> {
            ticker[0] += cost[0];
            return Decision.hold("slow");
        });
        mark("BTC-PERP", "1");
        mark("BTC-PERP", "2");
        cost[0] = 2_000_000;
        mark("BTC-PERP", "3");
        cost[0] = 3_000_000;
        mark("BTC-PERP", "4");
        mark("BTC-PERP", "5");
        assertThat(events.of(StrategyQuarantined.class)).isEmpty();
        mark("BTC-PERP", "6");
        assertThat(events.of(StrategyQuarantined.class)).extracting(StrategyQuarantined::reason)
                .containsExactly("took longer than its budget of 2 ms 3 times in a row, last 3000 us");
    }

    @Test
    void aNullDecisionIsAFailure() {
        coordinator(ctx -> null);
        mark("BTC-PERP", "100");
        assertThat(events.of(StrategyFailed.class)).extracting(StrategyFailed::error)
                .containsExactly("decide returned null");
    }

    @Test
    void noEquityOrNoMarkSkipsTheCycle() {
        StrategyCoordinator c = coordinator(CycleMode.INTERVAL, ctx -> Decision.buy(Quantity.of("1"), "x"),
                PluginConfig.empty("strategy.config"));
        c.cycleAll();
        assertThat(seen).isEmpty();
        market.put(Fixtures.mark("BTC-PERP", "100"));
        portfolio.equity(Money.ZERO);
        c.cycleAll();
        assertThat(seen).isEmpty();
        assertThat(c.health().details()).containsEntry("skipped", "1");
    }

    @Test
    void intervalModeDecidesEverySymbolWithAMarkOnTheTimer() {
        StrategyCoordinator c = coordinator(CycleMode.INTERVAL, ctx -> Decision.hold("x"), PluginConfig.empty("s"));
        market.put(Fixtures.mark("BTC-PERP", "100")).put(Fixtures.mark("SOL-USD", "10"));
        kernel.publish(new MarkUpdated(Fixtures.mark("BTC-PERP", "100")));
        kernel.runUntilIdle();
        assertThat(seen).isEmpty();
        kernel.advanceBy(Duration.ofSeconds(10));
        assertThat(seen).extracting(ctx -> ctx.product().symbol()).containsExactly(BTC, SOL, BTC, SOL);
        c.stop();
        kernel.advanceBy(Duration.ofSeconds(10));
        assertThat(seen).hasSize(4);
    }

    @Test
    void theContextCarriesTheTradingState() {
        coordinator(ctx -> Decision.hold("x"));
        state.raise(new StateReason(ReasonCode.of("r"), ReasonSource.OPERATOR, TradingState.REDUCE_ONLY, "m", Map.of(), 0));
        mark("SOL-USD", "10");
        assertThat(seen.getLast().tradingState()).isEqualTo(TradingState.REDUCE_ONLY);
    }

    @Test
    void anUnknownStrategyOrKeyIsAConfigError() {
        StrategyCoordinator unknown = new StrategyCoordinator(StrategySettings.single("nope", PluginConfig.empty("strategy.config"),
                CycleMode.ON_MARK, Duration.ofSeconds(1)), List.of(factory("test", ctx -> null)),
                new StubVenueAccess(venue, venue.products()), market, portfolio, state, kernel, kernel, clock, kernel,
                isolation);
        assertThatThrownBy(unknown::initialize).isInstanceOf(ConfigException.class)
                .hasMessage("strategy.name: no strategy plugin named 'nope' (found: test)");
        assertThatThrownBy(() -> coordinator(CycleMode.ON_MARK, ctx -> null,
                new PluginConfig("strategy.config", Map.of("knwon", 1L))))
                .hasMessage("strategy.config.knwon: unknown key for strategy 'test'");
        assertThat(unknown.name()).isEqualTo("strategy");
    }

    private static int deep(int n) {
        return deep(n + 1) + 1;
    }

    @Test
    void errorsStackOverflowsAndMissingClassesAreContainedLikeExceptions() {
        StrategyCoordinator c = coordinator(ctx -> {
            if (ctx.product().symbol().equals(SOL)) {
                return Decision.hold("fine");
            }
            return switch (ctx.mark().price().toBigDecimal().intValue() % 3) {
                case 0 -> throw new AssertionError("invariant broken");
                case 1 -> Decision.hold("deep " + deep(0));
                default -> throw new NoClassDefFoundError("com/example/Gone");
            };
        });
        for (int i = 0; i < 5; i++) {
            mark("BTC-PERP", Integer.toString(300 + i));
            mark("SOL-USD", "10");
        }
        assertThat(events.of(StrategyFailed.class)).extracting(StrategyFailed::error).containsExactly(
                "AssertionError: invariant broken", "StackOverflowError", "NoClassDefFoundError: com/example/Gone",
                "AssertionError: invariant broken", "StackOverflowError");
        assertThat(c.quarantined()).containsExactly(BTC);
        assertThat(seen).filteredOn(ctx -> ctx.product().symbol().equals(SOL)).hasSize(5);
    }

    @Test
    void aFailureOfTheJvmItselfIsNotContained() {
        coordinator(ctx -> {
            throw new OutOfMemoryError("Java heap space");
        });
        market.put(Fixtures.mark("BTC-PERP", "1"));
        kernel.publish(new MarkUpdated(Fixtures.mark("BTC-PERP", "1")));
        assertThatThrownBy(kernel::runUntilIdle).isInstanceOf(OutOfMemoryError.class);
    }

    @Test
    void aDecisionFarBeyondEquityIsRefusedAsTheStrategysFailureAndQuarantinesItsSymbol() {
        StrategyCoordinator c = coordinator(ctx -> ctx.product().symbol().equals(BTC)
                ? Decision.buy(Quantity.of("99999999"), "all in") : Decision.buy(Money.of("1000"), "modest"));
        for (int i = 0; i < 5; i++) {
            mark("BTC-PERP", "64250");
            mark("SOL-USD", "10");
        }
        assertThat(events.of(StrategyFailed.class)).hasSize(5).first().satisfies(f -> assertThat(f.error())
                .isEqualTo("asked to BUY a notional of 6424999935750, more than 100 x equity 10000; decision refused"));
        assertThat(events.of(OrderIntent.class)).extracting(OrderIntent::symbol).containsOnly(SOL).hasSize(5);
        assertThat(c.quarantined()).containsExactly(BTC);
        freshKernel();
        coordinator(ctx -> Decision.sell(Quantity.of("1" + "0".repeat(27)), "beyond the range"));
        mark("BTC-PERP", "64250");
        assertThat(events.of(StrategyFailed.class).getLast().error()).startsWith("asked for a size out of range");
    }

    @Test
    void anIsolatedStrategyDecidesTheSameAsAnInlineOne() {
        coordinator(ctx -> Decision.buy(Money.of(ctx.mark().price().toString()), "price " + ctx.mark().price()));
        List<String> prices = List.of("100", "101", "99.5", "102");
        prices.forEach(p -> mark("BTC-PERP", p));
        List<OrderIntent> inline = events.of(OrderIntent.class);
        freshKernel();
        isolate(BTC);
        coordinator(ctx -> Decision.buy(Money.of(ctx.mark().price().toString()), "price " + ctx.mark().price()));
        prices.forEach(p -> mark("BTC-PERP", p));
        assertThat(events.of(OrderIntent.class)).extracting(i -> i.notional() + " " + i.reason())
                .isEqualTo(inline.stream().map(i -> i.notional() + " " + i.reason()).toList());
        assertThat(seen).extracting(ctx -> ctx.mark().price().toString()).containsExactly("100", "101", "99.5", "102");
    }

    @Test
    void anIsolatedStrategyThatNeverReturnsIsDiscardedThenSkippedThenQuarantinedWhileOthersDecide()
            throws InterruptedException {
        isolate(BTC);
        CountDownLatch blocked = new CountDownLatch(1);
        StrategyCoordinator c = coordinator(ctx -> {
            if (ctx.product().symbol().equals(BTC) && ctx.mark().price().isGreaterThan(Price.of("100"))) {
                blocked.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Decision.buy(Money.of("5000"), "far too late");
            }
            return Decision.buy(Money.of("100"), "in time");
        });
        mark("BTC-PERP", "100");
        for (int i = 0; i < 5; i++) {
            mark("BTC-PERP", "101");
            mark("SOL-USD", "10");
        }
        assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(events.of(OrderIntent.class)).extracting(OrderIntent::symbol, OrderIntent::reason).containsExactly(
                tuple(BTC, "in time"), tuple(SOL, "in time"), tuple(SOL, "in time"), tuple(SOL, "in time"),
                tuple(SOL, "in time"), tuple(SOL, "in time"));
        assertThat(events.of(StrategyQuarantined.class)).singleElement().satisfies(q -> assertThat(q.reason())
                .isEqualTo("overran its budget of 100 ms 5 times in a row: it is still busy with a late call ("
                        + q.reason().replaceAll(".*\\((\\d+) ms\\).*", "$1") + " ms); this decision: cycle skipped"));
        assertThat(c.health().details()).containsEntry("lateDecisions", "1").containsEntry("busySkips", "4");

        release.countDown();
        WorkerCalls btc = workers.getFirst();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (btc.isBusy() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        mark("BTC-PERP", "100");
        assertThat(events.of(OrderIntent.class)).extracting(OrderIntent::reason).doesNotContain("far too late");
        assertThat(events.of(OrderIntent.class).getLast().reason()).isEqualTo("in time");
        assertThat(c.health().details()).containsEntry("lateAnswersDiscarded", "1");
    }

    @Test
    void aFactoryThatFailsOrNeverReturnsStopsTheStartNamingTheStrategy() {
        StrategyFactory broken = new StrategyFactory() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public String description() {
                return "throws";
            }

            @Override
            public Strategy create(PluginConfig config) {
                throw new ExceptionInInitializerError("static init failed");
            }
        };
        StrategyCoordinator failing = new StrategyCoordinator(StrategySettings.single("broken",
                PluginConfig.empty("strategy.config"), CycleMode.ON_MARK, Duration.ofSeconds(1)), List.of(broken),
                new StubVenueAccess(venue, venue.products()), market, portfolio, state, kernel, kernel, clock, kernel,
                isolation);
        assertThatThrownBy(failing::initialize).isInstanceOf(StartupException.class)
                .hasMessage("strategy 'broken' failed to start: ExceptionInInitializerError: static init failed");

        isolate(BTC, SOL);
        StrategyFactory hanging = new StrategyFactory() {
            @Override
            public String name() {
                return "hanging";
            }

            @Override
            public String description() {
                return "never returns";
            }

            @Override
            public Strategy create(PluginConfig config) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return ctx -> Decision.hold("late");
            }
        };
        StrategyCoordinator stuck = new StrategyCoordinator(StrategySettings.single("hanging",
                PluginConfig.empty("strategy.config"), CycleMode.ON_MARK, Duration.ofSeconds(1)), List.of(hanging),
                new StubVenueAccess(venue, venue.products()), market, portfolio, state, kernel, kernel, clock, kernel,
                isolation);
        assertThatThrownBy(stuck::initialize).isInstanceOf(StartupException.class)
                .hasMessage("strategy 'hanging' for BTC-PERP did not start within 100 ms");
    }
}
