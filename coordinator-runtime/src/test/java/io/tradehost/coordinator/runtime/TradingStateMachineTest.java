package io.tradehost.coordinator.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tradehost.api.event.TradingStateChanged;
import io.tradehost.api.state.ReasonSource;
import io.tradehost.api.state.StateReason;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.value.Symbol;
import io.tradehost.testkit.EventRecorder;
import io.tradehost.testkit.Fixtures;
import io.tradehost.kernel.VirtualClock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TradingStateMachineTest {
    private final EventRecorder events = new EventRecorder();
    private final VirtualClock clock = new VirtualClock(Fixtures.EPOCH);
    private final TradingStateMachine machine = new TradingStateMachine(events, clock);

    private static StateReason reason(String code, TradingState effect) {
        return new StateReason(code, ReasonSource.OPERATOR, effect, "because", Map.of(), 0);
    }

    @Test
    void theStateIsTheMostSevereActiveReasonAndEveryChangeIsAnEvent() {
        assertThat(machine.state()).isEqualTo(TradingState.ACTIVE);
        assertThat(machine.raise(reason("a", TradingState.REDUCE_ONLY))).isTrue();
        assertThat(machine.raise(reason("b", TradingState.HALTED))).isTrue();
        assertThat(machine.clear("b", "operator")).isTrue();
        assertThat(machine.clear("a", "operator")).isTrue();

        long t = Fixtures.nanos(Fixtures.EPOCH);
        assertThat(events.of(TradingStateChanged.class)).extracting(TradingStateChanged::from, TradingStateChanged::to)
                .containsExactly(tuple(TradingState.ACTIVE, TradingState.REDUCE_ONLY),
                        tuple(TradingState.REDUCE_ONLY, TradingState.HALTED),
                        tuple(TradingState.HALTED, TradingState.REDUCE_ONLY),
                        tuple(TradingState.REDUCE_ONLY, TradingState.ACTIVE));
        assertThat(events.of(TradingStateChanged.class).get(1).reasons()).extracting(StateReason::code)
                .containsExactly("a", "b");
        assertThat(events.of(TradingStateChanged.class).getFirst().timestampNanos()).isEqualTo(t);
        assertThat(machine.transitions()).isEqualTo(events.of(TradingStateChanged.class));
    }

    @Test
    void raisingAnActiveCodeOrClearingAnAbsentOneIsANoOp() {
        machine.raise(reason("a", TradingState.REDUCE_ONLY));
        events.clear();
        assertThat(machine.raise(reason("a", TradingState.HALTED))).isFalse();
        assertThat(machine.clear("zzz", "operator")).isFalse();
        assertThat(machine.state()).isEqualTo(TradingState.REDUCE_ONLY);
        assertThat(events.all()).isEmpty();
    }

    @Test
    void aSymbolScopedReasonRestrictsOnlyThatSymbol() {
        Symbol btc = Symbol.of("BTC-PERP");
        machine.raise(new StateReason("q", ReasonSource.STRATEGY_FAILURE, TradingState.REDUCE_ONLY, "m", Map.of(), 0,
                btc));
        assertThat(machine.state()).isEqualTo(TradingState.ACTIVE);
        assertThat(machine.state(btc)).isEqualTo(TradingState.REDUCE_ONLY);
        assertThat(machine.state(Symbol.of("SOL-USD"))).isEqualTo(TradingState.ACTIVE);
        machine.raise(reason("h", TradingState.HALTED));
        assertThat(machine.state(btc)).isEqualTo(TradingState.HALTED);
        assertThat(machine.clear("q", "operator")).isTrue();
        assertThat(events.of(TradingStateChanged.class)).hasSize(1);
    }

    @Test
    void aReasonThatDoesNotChangeTheStateRaisesNoEvent() {
        machine.raise(reason("a", TradingState.HALTED));
        events.clear();
        machine.raise(reason("b", TradingState.REDUCE_ONLY));
        assertThat(events.all()).isEmpty();
        assertThat(machine.reasons()).extracting(StateReason::code).isEqualTo(List.of("a", "b"));
    }
}
