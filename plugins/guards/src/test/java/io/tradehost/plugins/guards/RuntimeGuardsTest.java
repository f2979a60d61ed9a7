package io.tradehost.plugins.guards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.guard.DataUnavailableException;
import io.tradehost.api.guard.RuntimeGuard;
import io.tradehost.api.guard.RuntimeGuardFactory;
import io.tradehost.api.market.Mark;
import io.tradehost.api.market.Quote;
import io.tradehost.api.state.ClearingRule;
import io.tradehost.api.state.StateReason;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Symbol;
import io.tradehost.kernel.VirtualClock;
import io.tradehost.testkit.Fixtures;
import io.tradehost.testkit.StubGuardContext;
import io.tradehost.testkit.StubMarket;
import io.tradehost.testkit.StubPortfolio;
import java.lang.module.ModuleDescriptor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuntimeGuardsTest {
    private static final Symbol BTC = Symbol.of("BTC-PERP");

    private final VirtualClock clock = new VirtualClock(Fixtures.EPOCH.plus(Duration.ofHours(12)));
    private final StubPortfolio portfolio = new StubPortfolio(Money.of("10000"));
    private final StubMarket market = new StubMarket();
    private final StubGuardContext context = new StubGuardContext(clock, portfolio, market, List.of(BTC));

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
        ModuleDescriptor.Provides provides = DailyLossGuard.class.getModule().getDescriptor().provides().stream()
                .filter(p -> p.service().equals(RuntimeGuardFactory.class.getName())).findFirst().orElseThrow();
        assertThat(provides.providers()).containsExactlyInAnyOrder(DailyLossGuard.Factory.class.getName(),
                MarkStalenessGuard.Factory.class.getName());
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
    void aSymbolThatNeverHadAMarkCountsFromTheFirstCheck() {
        RuntimeGuard g = guard(new MarkStalenessGuard.Factory(), Map.of("halt_after", "200s"));
        g.evaluate();
        clock.advance(Duration.ofSeconds(201));
        g.evaluate();
        assertThat(context.reasons()).extracting(StateReason::code).containsExactly("mark_staleness.BTC-PERP");
        assertThatThrownBy(() -> guard(new MarkStalenessGuard.Factory(), Map.of("warn_after", "60s",
                "halt_after", "30s"))).hasMessageContaining("halt_after: must be between");
    }
}
