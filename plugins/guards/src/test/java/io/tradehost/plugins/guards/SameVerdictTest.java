package io.tradehost.plugins.guards;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.guard.RuntimeGuard;
import io.tradehost.api.guard.RuntimeGuardFactory;
import io.tradehost.api.market.Mark;
import io.tradehost.api.market.Quote;
import io.tradehost.api.state.StateReason;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Symbol;
import io.tradehost.kernel.VirtualClock;
import io.tradehost.testkit.Fixtures;
import io.tradehost.testkit.StubGuardContext;
import io.tradehost.testkit.StubMarket;
import io.tradehost.testkit.StubPortfolio;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A guard checked only when something happened or the instant it named has come
 * ({@link RuntimeGuard#sameVerdictUntilNanos}) ends up, tick after tick, exactly where the same guard
 * checked at every tick does: over three seeded days of 1 s ticks with bursts of marks, equity moves
 * and gaps of up to an hour, the reasons raised and cleared, the warnings and the cancels compared
 * whole after every tick.
 */
class SameVerdictTest {
    private static final Symbol BTC = Symbol.of("BTC-PERP");
    private static final Symbol ETH = Symbol.of("ETH-PERP");

    private final VirtualClock clock = new VirtualClock(Fixtures.EPOCH.plus(Duration.ofHours(20)));
    private final StubPortfolio portfolio = new StubPortfolio(Money.of("10000"));
    private final StubMarket market = new StubMarket();

    /** One guard, its context, and whether it is checked at every tick or as it asks. */
    private final class Checked {
        final StubGuardContext context = new StubGuardContext(clock, portfolio, market, List.of(BTC, ETH));
        final RuntimeGuard guard;
        final boolean everyTick;
        long until = RuntimeGuard.EVERY_TICK;
        boolean event = true;
        long checks;

        Checked(RuntimeGuardFactory factory, Map<String, Object> config, boolean everyTick) {
            this.guard = factory.create(new PluginConfig("runtime_guards.config." + factory.name(), config), context);
            this.everyTick = everyTick;
        }

        void tick() {
            if (!everyTick && !event && clock.nanos() < until) {
                return;
            }
            List<StateReason> before = context.reasons();
            checks++;
            guard.evaluate();
            until = guard.sameVerdictUntilNanos();
            event = !context.reasons().equals(before); // a reason raised or cleared is an event in the host
        }

        String state() {
            String warned = guard instanceof MarkStalenessGuard s ? " warned " + s.isWarning(BTC) + "/" + s.isWarning(ETH)
                    : "";
            return context.reasons() + " cancels " + context.cancels() + warned;
        }
    }

    @Test
    void markStalenessCheckedAsItAsksIsWhereItIsCheckedEveryTick() {
        compare(new MarkStalenessGuard.Factory(), Map.of("warn_after", "60s", "halt_after", "300s"), 11);
    }

    @Test
    void dailyLossCheckedAsItAsksIsWhereItIsCheckedEveryTick() {
        compare(new DailyLossGuard.Factory(), Map.of("max_loss", "150"), 12);
    }

    @Test
    void drawdownCheckedAsItAsksIsWhereItIsCheckedEveryTick() {
        compare(new DrawdownGuard.Factory(), Map.of("max_drawdown", "0.02"), 13);
    }

    private void compare(RuntimeGuardFactory factory, Map<String, Object> config, long seed) {
        Checked reference = new Checked(factory, config, true);
        Checked asked = new Checked(factory, config, false);
        SplittableRandom random = new SplittableRandom(seed);
        long quietUntil = 0;
        int ticks = 3 * 24 * 3600;
        for (int i = 0; i < ticks; i++) {
            clock.advance(Duration.ofSeconds(1));
            long secondOfDay = Math.floorMod(clock.nanos(), Duration.ofDays(1).toNanos()) / 1_000_000_000L;
            if (secondOfDay == 0) {
                // the host clears a reason that lasts the day at midnight: an event
                for (Checked c : List.of(reference, asked)) {
                    c.event |= c.context.clear(DailyLossGuard.CODE);
                }
            }
            if (secondOfDay == 86_399 || secondOfDay == 1) {
                // a loss right after midnight counts against the equity the day started with
                portfolio.equity(Money.ofUnits(secondOfDay == 1 ? 9_600 : 10_000));
                reference.event = true;
                asked.event = true;
            } else if (clock.nanos() >= quietUntil) {
                if (random.nextInt(400) == 0) {
                    quietUntil = clock.nanos() + Duration.ofSeconds(1 + random.nextInt(3600)).toNanos(); // a gap
                } else if (random.nextInt(3) == 0) {
                    Symbol symbol = random.nextBoolean() ? BTC : ETH;
                    Price p = Price.ofUnits(100 + random.nextInt(5));
                    market.put(Mark.of(new Quote(symbol, p, Quantity.ofUnits(1), p, Quantity.ofUnits(1), clock.nanos())));
                    portfolio.equity(Money.ofUnits(9_800 + random.nextInt(400)));
                    reference.event = true;
                    asked.event = true;
                }
            }
            reference.tick();
            asked.tick();
            assertThat(asked.state()).as("tick %d", i).isEqualTo(reference.state());
        }
        assertThat(asked.checks).as("checks saved").isLessThan(reference.checks / 2);
    }
}
