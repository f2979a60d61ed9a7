package io.tradehost.plugins.guards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.market.Mark;
import io.tradehost.api.market.Quote;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
/** The volatility breaker's figure against an independent computation, and its levels at their edges. */
class VolatilityBreakerTest {
    private static final Symbol BTC = Symbol.of("BTC-PERP");
    private static final double SECONDS_PER_YEAR = 365.0 * 24 * 3600;

    private final VirtualClock clock = new VirtualClock(Fixtures.EPOCH);
    private final StubMarket market = new StubMarket();
    private final StubGuardContext context = new StubGuardContext(clock, new StubPortfolio(Money.of("10000")), market,
            List.of(BTC));

    private VolatilityBreaker breaker(Map<String, Object> config) {
        return (VolatilityBreaker) new VolatilityBreaker.Factory().create(
                new PluginConfig("runtime_guards.config.volatility", config), context);
    }

    /** Marks {@code prices} one check interval apart and evaluates after each. */
    private void feed(VolatilityBreaker breaker, Duration interval, double... prices) {
        for (double p : prices) {
            Price price = Price.fromDouble(p);
            market.put(Mark.of(new Quote(BTC, price, Quantity.ofUnits(1), price, Quantity.ofUnits(1), clock.nanos())));
            breaker.evaluate();
            clock.advance(interval);
        }
    }

    /** Sample standard deviation by the sum of squares (not the breaker's two passes), annualised. */
    private static double annualised(double[] prices, Duration interval) {
        int n = prices.length - 1;
        double sum = 0;
        double squares = 0;
        for (int i = 1; i < prices.length; i++) {
            double r = Math.log(prices[i] / prices[i - 1]);
            sum += r;
            squares += r * r;
        }
        double variance = (squares - sum * sum / n) / (n - 1);
        return Math.sqrt(variance * SECONDS_PER_YEAR / (interval.toMillis() / 1000.0));
    }

    @Test
    void reportsTheAnnualisedStandardDeviationOfTheLastWindowOfLogReturns() {
        double[] prices = {100, 100.5, 99.8, 100.9, 100.1};
        Duration interval = Duration.ofSeconds(2);
        VolatilityBreaker breaker = breaker(Map.of("window", 4L, "warn", "0", "reduce_only", "0", "halt", "1000",
                "check_interval", "2s"));
        feed(breaker, interval, prices);
        StateReason reason = context.reasons().getFirst();
        double expected = annualised(prices, interval);
        assertThat(Double.parseDouble(reason.metadata().get("volatility"))).isCloseTo(expected,
                Offset.offset(0.0001));
        assertThat(expected).as("a figure well away from the levels").isBetween(10.0, 1000.0);
    }

    @Test
    void aLevelOfZeroTripsOnACalmMarketSinceEachLevelIsInclusive() {
        VolatilityBreaker halts = breaker(Map.of("window", 2L, "warn", "0", "reduce_only", "0", "halt", "0"));
        feed(halts, Duration.ofSeconds(60), 100, 100, 100);
        assertThat(context.reasons()).extracting(StateReason::effect).containsExactly(TradingState.HALTED);
        assertThat(context.reasons().getFirst().message()).isEqualTo("BTC-PERP annualised volatility 0.000 >= halt "
                + "level 0.000");
    }

    @Test
    void reduceOnlyAtItsLevelAndOnlyAWarningBelowIt() {
        VolatilityBreaker reduces = breaker(Map.of("window", 2L, "warn", "0", "reduce_only", "0", "halt", "1"));
        feed(reduces, Duration.ofSeconds(60), 100, 100, 100);
        assertThat(context.reasons()).extracting(StateReason::effect).containsExactly(TradingState.REDUCE_ONLY);
        assertThat(reduces.isWarning(BTC)).as("a raised reason is more than a warning").isFalse();
    }

    @Test
    void warnsAtItsLevelWithoutRestrictingAndStopsWarningAbove() {
        VolatilityBreaker warns = breaker(Map.of("window", 2L, "warn", "0", "reduce_only", "1", "halt", "2",
                "cooldown", "0s"));
        feed(warns, Duration.ofSeconds(60), 100, 100, 100);
        assertThat(warns.isWarning(BTC)).isTrue();
        assertThat(context.reasons()).isEmpty();
        feed(warns, Duration.ofSeconds(60), 150, 100);
        assertThat(context.reasons()).extracting(StateReason::effect).containsExactly(TradingState.HALTED);
        assertThat(warns.isWarning(BTC)).isFalse();
    }

    @Test
    void theSameLevelAgainKeepsTheReasonRaisedFirst() {
        VolatilityBreaker breaker = breaker(Map.of("window", 2L, "warn", "0", "reduce_only", "0", "halt", "1000",
                "check_interval", "1s"));
        feed(breaker, Duration.ofSeconds(1), 100, 100, 100);
        long raisedAt = context.reasons().getFirst().raisedAtNanos();
        feed(breaker, Duration.ofSeconds(1), 100);
        assertThat(context.reasons()).singleElement().extracting(StateReason::raisedAtNanos).isEqualTo(raisedAt);
    }

    @Test
    void calmClearsTheReasonExactlyACooldownAfterTheLastTrigger() {
        // one-second checks annualise by about 5616: a 10 % swing is far above 5, a flat market is 0
        VolatilityBreaker breaker = breaker(Map.of("window", 2L, "warn", "0", "reduce_only", "5", "halt", "1000",
                "cooldown", "30s", "check_interval", "1s"));
        feed(breaker, Duration.ofSeconds(1), 100, 110, 100);
        assertThat(context.reasons()).extracting(StateReason::effect).containsExactly(TradingState.REDUCE_ONLY);
        long lastTrigger = clock.nanos();
        feed(breaker, Duration.ofSeconds(1), 100);
        assertThat(context.reasons()).as("the swing is still in the window").hasSize(1);
        long clearedAt = -1;
        for (int i = 0; i < 40 && clearedAt < 0; i++) {
            long checkedAt = clock.nanos();
            feed(breaker, Duration.ofSeconds(1), 100);
            if (context.reasons().isEmpty()) {
                clearedAt = checkedAt;
            }
        }
        assertThat(clearedAt - lastTrigger).isEqualTo(Duration.ofSeconds(30).toNanos());
    }

    @Test
    void levelsMayBeEqualButNeverFall() {
        assertThatCode(() -> breaker(Map.of("warn", "0.2", "reduce_only", "0.2", "halt", "0.2")))
                .doesNotThrowAnyException();
    }
}
