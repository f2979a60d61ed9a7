package com.example.meanreversion;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.strategy.Action;
import io.tradehost.api.value.Money;
import io.tradehost.testkit.Fixtures;
import io.tradehost.testkit.StrategyHarness;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MeanReversionTest {
    private final MeanReversionFactory factory = new MeanReversionFactory();

    @Test
    void buysTheDipAndSellsAtTheAverage() {
        var strategy = factory.create(new PluginConfig("strategy.config.mean-reversion",
                Map.of("lookback", 3L, "entry_bps", "50")));
        StrategyHarness.Result result = StrategyHarness.of(strategy, Fixtures.spot("SOL-USD"))
                .run("100", "100", "100", "98", "98.5", "101");

        assertThat(result.actions()).containsExactly(Action.HOLD, Action.HOLD, Action.HOLD, Action.BUY,
                Action.HOLD, Action.CLOSE);
        assertThat(result.fills()).hasSize(2);
        assertThat(result.position().isFlat()).isTrue();
        assertThat(result.position().realizedPnl().isPositive()).isTrue();
        assertThat(result.decisions().get(3).notional()).isEqualTo(Money.of("500"));
    }

    @Test
    void readsOnlyTheKeysItKnows() {
        PluginConfig config = new PluginConfig("strategy.config.mean-reversion", Map.of("lookbak", 5L));
        factory.create(config);
        assertThat(config.unreadKeys()).containsExactly("strategy.config.mean-reversion.lookbak");
        assertThat(factory.name()).isEqualTo("mean-reversion");
    }
}
