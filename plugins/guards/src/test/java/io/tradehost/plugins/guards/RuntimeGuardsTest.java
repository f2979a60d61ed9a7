package io.tradehost.plugins.guards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.guard.DataUnavailableException;
import io.tradehost.api.guard.RuntimeGuard;
import io.tradehost.api.guard.RuntimeGuardFactory;
import io.tradehost.api.market.Mark;
import io.tradehost.api.market.Quote;
import io.tradehost.api.order.Position;
import io.tradehost.api.state.ClearingRule;
import io.tradehost.api.state.StateReason;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.kernel.VirtualClock;
import io.tradehost.testkit.Fixtures;
import io.tradehost.testkit.ModuleDescriptors;
import io.tradehost.testkit.StubGuardContext;
import io.tradehost.testkit.StubMarket;
import io.tradehost.testkit.StubPortfolio;
import java.lang.module.ModuleDescriptor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
class RuntimeGuardsTest {
    private static final Symbol BTC = Symbol.of("BTC-PERP");

    private final VirtualClock clock = new VirtualClock(Fixtures.EPOCH.plus(Duration.ofHours(12)));
    private final StubPortfolio portfolio = new StubPortfolio(Money.of("10000"));
    private final StubMarket market = new StubMarket();
    private final StubGuardContext context = new StubGuardContext(clock, portfolio, market, List.of(BTC));
    private final StubGuardContext twoSymbols = new StubGuardContext(clock, portfolio, market,
            List.of(BTC, Symbol.of("ETH-PERP")));

    private RuntimeGuard guard(RuntimeGuardFactory factory, Map<String, Object> config) {
        PluginConfig block = new PluginConfig("runtime_guards.config." + factory.name(), config);
        RuntimeGuard guard = factory.create(block, context);
        assertThat(block.unreadKeys()).isEmpty();
        assertThat(factory.keys()).isNotEmpty();
        assertThat(factory.description()).isNotBlank();
        return guard;
    }

    private void mark(String price) {
        Price p = Price.of(price);
        market.put(Mark.of(new Quote(BTC, p, Quantity.ofUnits(1), p, Quantity.ofUnits(1), clock.nanos())));
    }

    @Test
    void bothRuntimeGuardsAreProvidedToServiceLoader() {
        ModuleDescriptor.Provides provides = ModuleDescriptors.of(DailyLossGuard.class).provides().stream()
                .filter(p -> p.service().equals(RuntimeGuardFactory.class.getName())).findFirst().orElseThrow();
        assertThat(provides.providers()).containsExactlyInAnyOrder(DailyLossGuard.Factory.class.getName(),
                MarkStalenessGuard.Factory.class.getName(), VolatilityBreaker.Factory.class.getName(),
                DrawdownGuard.Factory.class.getName(), ConcentrationGuard.Factory.class.getName());
        assertThat(Stream.of(new DailyLossGuard.Factory(), new MarkStalenessGuard.Factory(),
                new VolatilityBreaker.Factory(), new DrawdownGuard.Factory(), new ConcentrationGuard.Factory())
                .map(RuntimeGuardFactory::name)).containsExactly("daily-loss", "mark-staleness", "volatility",
                "drawdown", "concentration");
    }

    @Test
    void eachRuntimeGuardRunsAtItsConfiguredInterval() {
        Map<String, Object> every2s = Map.of("check_interval", "2s");
        assertThat(List.of(new DailyLossGuard.Factory(), new MarkStalenessGuard.Factory(),
                new VolatilityBreaker.Factory(), new DrawdownGuard.Factory(), new ConcentrationGuard.Factory()))
                .allSatisfy(f -> assertThat(guard(f, every2s).interval()).as(f.name()).isEqualTo(Duration.ofSeconds(2)));
    }

    @Test
    void eachGuardSaysUntilWhenItsVerdictStaysTheSameWithoutAnEvent() {
        // equity, positions and marks change only with events; a day ends and a mark ages with time alone
        assertThat(guard(new DrawdownGuard.Factory(), Map.of()).sameVerdictUntilNanos())
                .isEqualTo(RuntimeGuard.UNTIL_AN_EVENT);
        assertThat(guard(new ConcentrationGuard.Factory(), Map.of()).sameVerdictUntilNanos())
                .isEqualTo(RuntimeGuard.UNTIL_AN_EVENT);
        assertThat(guard(new VolatilityBreaker.Factory(), Map.of()).sameVerdictUntilNanos())
                .isEqualTo(RuntimeGuard.EVERY_TICK);
        long day = Duration.ofDays(1).toNanos();
        RuntimeGuard daily = guard(new DailyLossGuard.Factory(), Map.of());
        assertThat(daily.sameVerdictUntilNanos()).as("before its first check").isEqualTo(RuntimeGuard.EVERY_TICK);
        daily.evaluate();
        long midnight = (clock.nanos() / day + 1) * day; // 12:00 now: the next midnight
        clock.advance(Duration.ofHours(13));
        assertThat(daily.sameVerdictUntilNanos()).as("the end of the day the last check counted in, not today's")
                .isEqualTo(midnight);
        RuntimeGuard stale = guard(new MarkStalenessGuard.Factory(), Map.of("warn_after", "60s", "halt_after", "120s"));
        assertThat(stale.sameVerdictUntilNanos()).as("before its first check").isEqualTo(RuntimeGuard.EVERY_TICK);
        mark("100");
        long marked = clock.nanos();
        clock.advance(Duration.ofSeconds(10));
        stale.evaluate();
        assertThat(stale.sameVerdictUntilNanos()).isEqualTo(marked + Duration.ofSeconds(60).toNanos() + 1);
        clock.advance(Duration.ofSeconds(61));
        stale.evaluate();
        assertThat(stale.sameVerdictUntilNanos()).isEqualTo(marked + Duration.ofSeconds(120).toNanos() + 1);
        clock.advance(Duration.ofSeconds(60));
        stale.evaluate();
        assertThat(stale.sameVerdictUntilNanos()).as("halted: only a mark changes it").isEqualTo(RuntimeGuard.UNTIL_AN_EVENT);
    }

    @Test
    void markStalenessWarnsJustPastItsLevelAndAFreshMarkClearsTheHalt() {
        MarkStalenessGuard g = (MarkStalenessGuard) guard(new MarkStalenessGuard.Factory(),
                Map.of("warn_after", "60s", "halt_after", "120s"));
        mark("100");
        clock.advance(Duration.ofSeconds(60));
        g.evaluate();
        assertThat(g.isWarning(BTC)).as("exactly at the warning age").isFalse();
        clock.advance(Duration.ofNanos(1));
        g.evaluate();
        assertThat(g.isWarning(BTC)).isTrue();
        clock.advance(Duration.ofSeconds(100));
        g.evaluate();
        assertThat(context.reasons()).extracting(r -> r.metadata().get("ageSeconds")).containsExactly("160");
        mark("100");
        clock.advance(Duration.ofSeconds(60));
        g.evaluate();
        assertThat(context.reasons()).as("a mark exactly 60 s old is fresh enough to clear").isEmpty();
        assertThat(g.isWarning(BTC)).isFalse();
    }

    @Test
    void dailyLossTripsJustPastTheLimitNotAtIt() {
        RuntimeGuard g = guard(new DailyLossGuard.Factory(), Map.of("max_loss", "100", "check_interval", "5s"));
        assertThat(g.interval()).isEqualTo(Duration.ofSeconds(5));
        g.evaluate();
        portfolio.equity(Money.of("9900"));
        g.evaluate();
        assertThat(context.reasons()).isEmpty();
        portfolio.equity(Money.of("9899.99"));
        g.evaluate();
        StateReason reason = context.reasons().getFirst();
        assertThat(reason.code()).isEqualTo(DailyLossGuard.CODE);
        assertThat(reason.effect()).isEqualTo(TradingState.REDUCE_ONLY);
        assertThat(reason.clearing()).isEqualTo(ClearingRule.NEXT_UTC_DAY);
        assertThat(reason.message()).isEqualTo("daily loss 100.01 > limit 100 (start of day 10000, equity 9899.99)");
        assertThat(context.cancels()).containsExactly("daily loss limit breached");
        g.evaluate();
        assertThat(context.cancels()).hasSize(1);
    }

    @Test
    void dailyLossTakesANewBaselineEachUtcDayAndNeedsEquity() {
        RuntimeGuard g = guard(new DailyLossGuard.Factory(), Map.of());
        g.evaluate();
        portfolio.equity(Money.of("9800"));
        clock.advance(Duration.ofHours(12));
        g.evaluate();
        g.evaluate();
        assertThat(context.reasons()).isEmpty();
        portfolio.equity(Money.ZERO);
        assertThatThrownBy(g::evaluate).isInstanceOf(DataUnavailableException.class);
    }

    @Test
    void markStalenessWarnsThenHaltsTheSymbolAndClearsWhenFresh() {
        RuntimeGuard g = guard(new MarkStalenessGuard.Factory(), Map.of("warn_after", "60s", "halt_after", "120s"));
        mark("100");
        g.evaluate();
        clock.advance(Duration.ofSeconds(120));
        g.evaluate();
        assertThat(context.reasons()).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        g.evaluate();
        StateReason halt = context.reasons().getFirst();
        assertThat(halt.code()).isEqualTo(MarkStalenessGuard.code(BTC));
        assertThat(halt.symbol()).isEqualTo(BTC);
        assertThat(halt.effect()).isEqualTo(TradingState.HALTED);
        assertThat(halt.clearing()).isEqualTo(ClearingRule.MARKS_FRESH);
        assertThat(halt.message()).isEqualTo("BTC-PERP has no mark for 121 s (halt after 120 s)");
        mark("101");
        g.evaluate();
        assertThat(context.reasons()).isEmpty();
    }

    @Test
    void volatilityEscalatesFromReduceOnlyToHaltAndClearsOnlyAfterTheCooldown() {
        // one-second samples: an annualised level of 0.2 is a per-sample stdev of about 3.6e-5
        RuntimeGuard g = guard(new VolatilityBreaker.Factory(), Map.of("window", 4L, "warn", "50", "reduce_only", "100",
                "halt", "400", "cooldown", "30s", "check_interval", "1s"));
        for (String p : List.of("100", "100", "100", "100", "100")) {
            mark(p);
            g.evaluate();
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(context.reasons()).isEmpty();
        for (String p : List.of("102", "100", "102", "100")) {
            mark(p);
            g.evaluate();
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(context.reasons()).extracting(StateReason::effect).containsExactly(TradingState.REDUCE_ONLY);
        for (String p : List.of("110", "100", "110", "100")) {
            mark(p);
            g.evaluate();
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(context.reasons()).extracting(StateReason::effect).containsExactly(TradingState.HALTED);
        assertThat(context.reasons().getFirst().clearing()).isEqualTo(ClearingRule.COOLDOWN);
        assertThat(context.reasons().getFirst().message()).startsWith("BTC-PERP annualised volatility ")
                .contains(">= halt level 400.000");
        for (int i = 0; i < 10; i++) {
            mark("100");
            g.evaluate();
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(context.reasons()).as("calm again, but inside the cooldown").hasSize(1);
        for (int i = 0; i < 30; i++) {
            mark("100");
            g.evaluate();
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(context.reasons()).isEmpty();
        assertThatThrownBy(() -> guard(new VolatilityBreaker.Factory(), Map.of("warn", "1", "reduce_only", "0.5")))
                .hasMessageContaining("levels must rise");
    }

    @Test
    void drawdownFromThePeakTripsJustPastTheLimitAndWaitsForAnOperator() {
        RuntimeGuard g = guard(new DrawdownGuard.Factory(), Map.of("max_drawdown", "0.1"));
        g.evaluate();
        portfolio.equity(Money.of("12000"));
        g.evaluate();
        portfolio.equity(Money.of("10800"));
        g.evaluate();
        assertThat(context.reasons()).isEmpty();
        portfolio.equity(Money.of("10799.99"));
        g.evaluate();
        assertThat(context.reasons()).extracting(StateReason::code, StateReason::clearing)
                .containsExactly(tuple(DrawdownGuard.CODE, ClearingRule.OPERATOR));
        portfolio.equity(Money.of("13000"));
        g.evaluate();
        assertThat(context.reasons()).hasSize(1);
        portfolio.equity(Money.ZERO);
        assertThatThrownBy(g::evaluate).isInstanceOf(DataUnavailableException.class);
    }

    @Test
    void concentrationWarnsAboveTheIndexAndRestrictsNothing() {
        ConcentrationGuard g = (ConcentrationGuard) new ConcentrationGuard.Factory().create(
                new PluginConfig("runtime_guards.config.concentration", Map.of("max_hhi", "0.6")), twoSymbols);
        ConcentrationGuard oneSymbol = (ConcentrationGuard) guard(new ConcentrationGuard.Factory(), Map.of("max_hhi",
                "0.6"));
        g.evaluate();
        assertThat(g.hhi()).isZero();
        mark("100");
        Symbol eth = Symbol.of("ETH-PERP");
        market.put(Mark.of(new Quote(eth, Price.of("100"), Quantity.ofUnits(1), Price.of("100"), Quantity.ofUnits(1), 0)));
        portfolio.position(Position.flat(BTC).apply(Side.BUY,
                Quantity.of("3"), Price.of("100"), Money.ZERO));
        portfolio.position(Position.flat(eth).apply(Side.SELL,
                Quantity.of("1"), Price.of("100"), Money.ZERO));
        g.evaluate();
        oneSymbol.evaluate();
        assertThat(g.hhi()).isEqualTo(0.625);
        assertThat(g.isWarning()).isTrue();
        assertThat(oneSymbol.isWarning()).as("one traded symbol is never a concentration").isFalse();
        assertThat(context.reasons()).isEmpty();
        assertThat(twoSymbols.reasons()).isEmpty();
        portfolio.position(Position.flat(BTC));
        portfolio.position(Position.flat(eth));
        g.evaluate();
        assertThat(g.isWarning()).as("going flat ends no episode").isTrue();
        portfolio.position(Position.flat(BTC).apply(Side.BUY, Quantity.of("3"), Price.of("100"), Money.ZERO));
        portfolio.position(Position.flat(eth).apply(Side.SELL, Quantity.of("1"), Price.of("100"), Money.ZERO));
        portfolio.position(Position.flat(eth).apply(Side.SELL,
                Quantity.of("2"), Price.of("100"), Money.ZERO));
        g.evaluate();
        assertThat(g.isWarning()).isFalse();
    }

    @Test
    void concentrationExactlyAtTheLimitIsNoWarning() {
        ConcentrationGuard g = (ConcentrationGuard) guard(new ConcentrationGuard.Factory(), Map.of("max_hhi", "0.5"));
        Symbol eth = Symbol.of("ETH-PERP");
        mark("100");
        market.put(Mark.of(new Quote(eth, Price.of("50"), Quantity.ofUnits(1), Price.of("50"), Quantity.ofUnits(1), 0)));
        portfolio.position(Position.flat(BTC).apply(Side.BUY, Quantity.of("1"), Price.of("100"), Money.ZERO));
        portfolio.position(Position.flat(eth).apply(Side.SELL, Quantity.of("2"), Price.of("50"), Money.ZERO));
        g.evaluate();
        assertThat(g.hhi()).isEqualTo(0.5);
        assertThat(g.isWarning()).isFalse();
    }

    @Test
    void aSymbolThatNeverHadAMarkCountsFromTheFirstCheck() {
        RuntimeGuard g = guard(new MarkStalenessGuard.Factory(), Map.of("halt_after", "200s"));
        g.evaluate();
        clock.advance(Duration.ofSeconds(201));
        g.evaluate();
        assertThat(context.reasons()).extracting(r -> r.code().value()).containsExactly("mark_staleness.BTC-PERP");
        assertThatThrownBy(() -> guard(new MarkStalenessGuard.Factory(), Map.of("warn_after", "60s",
                "halt_after", "30s"))).hasMessageContaining("halt_after: must be between");
    }
}
