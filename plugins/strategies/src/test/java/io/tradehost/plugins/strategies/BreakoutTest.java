package io.tradehost.plugins.strategies;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.strategy.Action;
import io.tradehost.api.strategy.Strategy;
import io.tradehost.testkit.ContextBuilder;
import io.tradehost.testkit.Fixtures;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BreakoutTest {
    private final BreakoutFactory factory = new BreakoutFactory();

    private Strategy strategy(Map<String, Object> config) {
        return factory.create(new PluginConfig("strategy.config", config));
    }

    private static ContextBuilder channel(String... last) {
        return ContextBuilder.forProduct(Fixtures.spot("SOL-USD")).marks("10", "12", "11", "12", "10").marks(last);
    }

    private Strategy small(boolean shorts) {
        return strategy(Map.of("entry_lookback", 4L, "exit_lookback", 3L, "allow_shorts", shorts));
    }

    @Test
    void entersOnANewHighAndShortsANewLowOnlyWhenAllowed() {
        assertThat(small(false).decide(channel("13").build()).action()).isEqualTo(Action.BUY);
        assertThat(small(false).decide(channel("12").build()).action()).isEqualTo(Action.HOLD);
        assertThat(small(false).decide(channel("9").build()).action()).isEqualTo(Action.HOLD);
        assertThat(small(true).decide(channel("9").build()).action()).isEqualTo(Action.SELL);
    }

    @Test
    void exitsOnTheOppositeChannelEdge() {
        assertThat(small(false).decide(channel("9").position("1", "11").build()).action()).isEqualTo(Action.CLOSE);
        assertThat(small(false).decide(channel("11").position("1", "11").build()).action()).isEqualTo(Action.HOLD);
        assertThat(small(false).decide(channel("13").position("-1", "11").build()).action()).isEqualTo(Action.CLOSE);
        assertThat(small(false).decide(channel("11").position("-1", "11").build()).action()).isEqualTo(Action.HOLD);
    }

    @Test
    void warmsUpAndClosesUnderRestrictedStates() {
        assertThat(strategy(Map.of()).decide(channel().build()).reason()).isEqualTo("warming up: 5/21 marks");
        assertThat(small(false).decide(channel("13").position("1", "11").state(TradingState.REDUCE_ONLY).build())
                .action()).isEqualTo(Action.CLOSE);
        assertThat(small(false).decide(channel("13").state(TradingState.HALTED).build()).action()).isEqualTo(Action.HOLD);
        assertThat(factory.name()).isEqualTo("breakout");
        assertThat(factory.description()).isNotBlank();
    }
}
