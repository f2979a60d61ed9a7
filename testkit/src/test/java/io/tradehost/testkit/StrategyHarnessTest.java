package io.tradehost.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.api.state.TradingState;
import io.tradehost.api.strategy.Action;
import io.tradehost.api.strategy.Decision;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import org.junit.jupiter.api.Test;

class StrategyHarnessTest {
    @Test
    void fillsActionableDecisionsAtTheMarkAndTracksThePosition() {
        StrategyHarness.Result result = StrategyHarness.of(ctx -> {
            if (ctx.position().isFlat() && ctx.mark().price().isGreaterThan(Price.of("100"))) {
                return Decision.buy(Money.of("1000.5"), "up");
            }
            return ctx.mark().price().isLessThan(Price.of("100")) ? Decision.close("down") : Decision.hold("wait");
        }, Fixtures.spot("SOL-USD")).run("100", "101", "102", "99", "98");

        assertThat(result.actions()).containsExactly(Action.HOLD, Action.BUY, Action.HOLD, Action.CLOSE,
                Action.CLOSE);
        assertThat(result.fills()).hasSize(2);
        assertThat(result.fills().getFirst().quantity()).isEqualTo(Quantity.of("9.905"));
        assertThat(result.fills().getLast().side()).isEqualTo(Side.SELL);
        assertThat(result.position().isFlat()).isTrue();
        assertThat(result.position().realizedPnl()).isEqualTo(Money.of("-19.81"));
        assertThat(result.steps().get(3).mark()).isEqualTo(Price.of("99"));
        assertThat(result.decisions()).hasSize(5);
    }

    @Test
    void theContextCarriesWindowEquityStateAndTime() {
        long[] lastNow = {0};
        StrategyHarness.Result result = StrategyHarness.of(ctx -> {
            assertThat(ctx.recentMarks()).hasSizeLessThanOrEqualTo(2);
            assertThat(ctx.tradingState()).isEqualTo(TradingState.REDUCE_ONLY);
            assertThat(ctx.nowNanos()).isGreaterThan(lastNow[0]);
            lastNow[0] = ctx.nowNanos();
            return Decision.buy(Quantity.of("0.0001"), "too small");
        }, Fixtures.perpetual("BTC-PERP")).window(2).state(TradingState.REDUCE_ONLY).equity("500")
                .run("1", "2", "3");
        assertThat(result.fills()).as("below the minimum size nothing fills").isEmpty();
    }
}
