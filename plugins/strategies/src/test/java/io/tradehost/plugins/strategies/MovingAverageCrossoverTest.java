package io.tradehost.plugins.strategies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.config.ConfigException;
import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.strategy.Action;
import io.tradehost.api.strategy.Decision;
import io.tradehost.api.strategy.Strategy;
import io.tradehost.api.value.Money;
import io.tradehost.testkit.ContextBuilder;
import io.tradehost.testkit.Fixtures;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MovingAverageCrossoverTest {
    private final MovingAverageCrossoverFactory factory = new MovingAverageCrossoverFactory();

    private Strategy strategy(Map<String, Object> config) {
        return factory.create(new PluginConfig("strategy.config", config));
    }

    /** 20 flat marks at 100 then the given ones. */
    private static ContextBuilder after(String... marks) {
        ContextBuilder b = ContextBuilder.forProduct(Fixtures.perpetual("BTC-PERP"));
        for (int i = 0; i < 20; i++) {
            b.marks("100");
        }
        return b.marks(marks);
    }

    @Test
    void holdsWhileWarmingUp() {
        Decision d = strategy(Map.of()).decide(ContextBuilder.forProduct(Fixtures.perpetual("BTC-PERP"))
                .marks("1", "2").build());
        assertThat(d.action()).isEqualTo(Action.HOLD);
        assertThat(d.reason()).isEqualTo("warming up: 2/20 marks");
    }

    @Test
    void aCrossUpBuysEquityTimesFractionTimesLeverageCapped() {
        Decision d = strategy(Map.of("leverage", 2L)).decide(after("110").build());
        assertThat(d.action()).isEqualTo(Action.BUY);
        assertThat(d.notional()).isEqualTo(Money.of("1000"));
        assertThat(d.reason()).startsWith("enter long: SMA5 above SMA20");
        Decision capped = strategy(Map.of("max_notional", "300")).decide(after("110").build());
        assertThat(capped.notional()).isEqualTo(Money.of("300"));
    }

    @Test
    void theSignalFiresOnceAndWaitsForConfirmationBars() {
        Strategy s = strategy(Map.of("confirm_bars", 2L));
        assertThat(s.decide(after("110").build()).action()).isEqualTo(Action.HOLD);
        assertThat(s.decide(after("110", "111").build()).action()).isEqualTo(Action.BUY);
        assertThat(s.decide(after("110", "111", "112").build()).action()).isEqualTo(Action.HOLD);
    }

    @Test
    void epsilonKeepsSmallSpreadsNeutral() {
        Strategy s = strategy(Map.of("epsilon_bps", "500"));
        assertThat(s.decide(after("110").build()).action()).isEqualTo(Action.HOLD);
    }

    @Test
    void aCrossDownClosesALongAndOpensAShortOnlyWhenAllowed() {
        assertThat(strategy(Map.of()).decide(after("90").position("1", "100").build()).action()).isEqualTo(Action.CLOSE);
        assertThat(strategy(Map.of()).decide(after("90").build()).action()).isEqualTo(Action.HOLD);
        Decision shortEntry = strategy(Map.of("allow_shorts", true)).decide(after("90").build());
        assertThat(shortEntry.action()).isEqualTo(Action.SELL);
        assertThat(strategy(Map.of()).decide(after("110").position("-1", "100").build()).action())
                .isEqualTo(Action.CLOSE);
        assertThat(strategy(Map.of()).decide(after("110").position("1", "100").build()).reason()).isEqualTo("already long");
    }

    @Test
    void aTrailingStopClosesAfterARetraceFromTheBestPrice() {
        Strategy s = strategy(Map.of("trailing_stop", "0.05", "epsilon_bps", "10000"));
        ContextBuilder b = after().position("1", "100");
        assertThat(s.decide(b.marks("120").build()).action()).isEqualTo(Action.HOLD);
        assertThat(s.decide(b.marks("115").build()).action()).isEqualTo(Action.HOLD);
        Decision stop = s.decide(b.marks("113").build());
        assertThat(stop.action()).isEqualTo(Action.CLOSE);
        assertThat(stop.reason()).startsWith("trailing stop 5.00% from 120.00");
        Strategy shortStop = strategy(Map.of("trailing_stop", "0.05", "epsilon_bps", "10000"));
        ContextBuilder sb = after().position("-1", "100");
        assertThat(shortStop.decide(sb.marks("90").build()).action()).isEqualTo(Action.HOLD);
        assertThat(shortStop.decide(sb.marks("95").build()).action()).isEqualTo(Action.CLOSE);
    }

    @Test
    void underReduceOnlyItClosesAnyOpenPosition() {
        assertThat(strategy(Map.of()).decide(after("110").position("1", "100").state(TradingState.REDUCE_ONLY)
                .build()).action()).isEqualTo(Action.CLOSE);
        assertThat(strategy(Map.of()).decide(after("110").state(TradingState.HALTED).build()).action())
                .isEqualTo(Action.HOLD);
    }

    @Test
    void configurationIsValidated() {
        assertThatThrownBy(() -> strategy(Map.of("short", 20L, "long", 20L))).isInstanceOf(ConfigException.class)
                .hasMessage("strategy.config.short: must be less than long (20 >= 20)");
        assertThatThrownBy(() -> strategy(Map.of("position_fraction", "2")))
                .hasMessageContaining("strategy.config.position_fraction: must be between");
        assertThat(factory.name()).isEqualTo("ma-crossover");
        assertThat(factory.description()).isNotBlank();
    }
}
