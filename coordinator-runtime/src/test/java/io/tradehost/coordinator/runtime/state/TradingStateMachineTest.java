package io.tradehost.coordinator.runtime.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tradehost.api.event.StateReasonChanged;
import io.tradehost.api.event.TradingStateChanged;
import io.tradehost.api.state.ClearingRule;
import io.tradehost.api.state.ReasonCode;
import io.tradehost.api.state.ReasonSource;
import io.tradehost.api.state.StateReason;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.value.Symbol;
import io.tradehost.coordinator.runtime.operator.OperatorConsole;
import io.tradehost.coordinator.runtime.state.TradingStateMachine;
import io.tradehost.kernel.Kernel;
import io.tradehost.kernel.VirtualClock;
import io.tradehost.testkit.EventRecorder;
import io.tradehost.testkit.Fixtures;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
class TradingStateMachineTest {
    private final EventRecorder events = new EventRecorder();
    private final VirtualClock clock = new VirtualClock(Fixtures.EPOCH);
    private final Kernel kernel = new Kernel(clock);
    private final TradingStateMachine machine = new TradingStateMachine(events, clock, kernel);
    private final OperatorConsole operator = new OperatorConsole(machine, clock, events, events, Set.of());

    private static StateReason reason(String code, TradingState effect) {
        return new StateReason(ReasonCode.of(code), ReasonSource.OPERATOR, effect, "because", Map.of(), 0);
    }

    @Test
    void theStateIsTheMostSevereActiveReasonAndEveryChangeIsAnEvent() {
        assertThat(machine.state()).isEqualTo(TradingState.ACTIVE);
        assertThat(machine.raise(reason("a", TradingState.REDUCE_ONLY))).isTrue();
        assertThat(machine.raise(reason("b", TradingState.HALTED))).isTrue();
        assertThat(machine.clear(ReasonCode.of("b"), "operator")).isTrue();
        assertThat(machine.clear(ReasonCode.of("a"), "operator")).isTrue();

        long t = Fixtures.nanos(Fixtures.EPOCH);
        assertThat(events.of(TradingStateChanged.class)).extracting(TradingStateChanged::from, TradingStateChanged::to)
                .containsExactly(tuple(TradingState.ACTIVE, TradingState.REDUCE_ONLY),
                        tuple(TradingState.REDUCE_ONLY, TradingState.HALTED),
                        tuple(TradingState.HALTED, TradingState.REDUCE_ONLY),
                        tuple(TradingState.REDUCE_ONLY, TradingState.ACTIVE));
        assertThat(events.of(TradingStateChanged.class).get(1).reasons()).extracting(r -> r.code().value())
                .containsExactly("a", "b");
        assertThat(events.of(TradingStateChanged.class).getFirst().timestampNanos()).isEqualTo(t);
        assertThat(machine.transitions()).isEqualTo(events.of(TradingStateChanged.class));
    }

    @Test
    void raisingAnActiveCodeOrClearingAnAbsentOneIsANoOp() {
        machine.raise(reason("a", TradingState.REDUCE_ONLY));
        events.clear();
        assertThat(machine.raise(reason("a", TradingState.HALTED))).isFalse();
        assertThat(machine.clear(ReasonCode.of("zzz"), "operator")).isFalse();
        assertThat(machine.state()).isEqualTo(TradingState.REDUCE_ONLY);
        assertThat(events.all()).isEmpty();
    }

    @Test
    void aSymbolScopedReasonRestrictsOnlyThatSymbol() {
        Symbol btc = Symbol.of("BTC-PERP");
        machine.raise(new StateReason(ReasonCode.of("q"), ReasonSource.STRATEGY_FAILURE, TradingState.REDUCE_ONLY, "m", Map.of(), 0,
                btc));
        assertThat(machine.state()).isEqualTo(TradingState.ACTIVE);
        assertThat(machine.state(btc)).isEqualTo(TradingState.REDUCE_ONLY);
        assertThat(machine.state(Symbol.of("SOL-USD"))).isEqualTo(TradingState.ACTIVE);
        machine.raise(reason("h", TradingState.HALTED));
        assertThat(machine.state(btc)).isEqualTo(TradingState.HALTED);
        assertThat(machine.clear(ReasonCode.of("q"), "operator")).isTrue();
        assertThat(events.of(TradingStateChanged.class)).hasSize(1);
    }

    @Test
    void aNextUtcDayReasonClearsAtMidnightAndAnEarlyClearCancelsThatTimer() {
        clock.advance(Duration.ofHours(22));
        machine.raise(new StateReason(ReasonCode.of("daily"), ReasonSource.DAILY_LOSS, TradingState.REDUCE_ONLY, "lost", Map.of(),
                clock.nanos(), null, ClearingRule.NEXT_UTC_DAY));
        kernel.advanceBy(Duration.ofMinutes(119));
        assertThat(machine.state()).isEqualTo(TradingState.REDUCE_ONLY);
        kernel.advanceBy(Duration.ofMinutes(1));
        assertThat(machine.state()).isEqualTo(TradingState.ACTIVE);
        assertThat(machine.transitions().getLast().timestampNanos())
                .isEqualTo(Fixtures.nanos(Fixtures.EPOCH.plus(Duration.ofDays(1))));

        machine.raise(new StateReason(ReasonCode.of("daily"), ReasonSource.DAILY_LOSS, TradingState.REDUCE_ONLY, "lost again",
                Map.of(), clock.nanos(), null, ClearingRule.NEXT_UTC_DAY));
        assertThat(operator.clear("alice", ReasonCode.of("daily"))).isTrue();
        assertThat(kernel.pendingTimerCount()).isZero();
        assertThat(machine.transitionCounts()).containsEntry(TradingState.REDUCE_ONLY, 2L)
                .containsEntry(TradingState.ACTIVE, 2L);
    }

    @Test
    void operatorsRaiseAndClearTheirOwnReasonsAndAnyOther() {
        assertThat(operator.reduceOnly("alice", "news at noon")).isTrue();
        assertThat(operator.reduceOnly("bob", "again")).isFalse();
        assertThat(operator.state()).isEqualTo(TradingState.REDUCE_ONLY);
        assertThat(operator.halt("alice", "exchange incident")).isTrue();
        assertThat(operator.state(Symbol.of("BTC-PERP"))).isEqualTo(TradingState.HALTED);
        assertThat(operator.reasons()).extracting(r -> r.code().value())
                .containsExactly("operator.reduce_only", "operator.halt");
        assertThat(operator.reasons().getFirst().metadata()).containsEntry("operator", "alice");
        assertThat(operator.reasons().getFirst().source()).isEqualTo(ReasonSource.OPERATOR);
        assertThat(operator.clear("alice", ReasonCode.OPERATOR_HALT)).isTrue();
        assertThat(operator.clear("alice", ReasonCode.of("nothing.like.this"))).isFalse();
        assertThat(operator.clear("alice", ReasonCode.OPERATOR_REDUCE_ONLY)).isTrue();
        assertThat(operator.state()).isEqualTo(TradingState.ACTIVE);
    }

    @Test
    void aReasonThatDoesNotChangeTheStateChangesNoStateButIsStillAnnounced() {
        machine.raise(reason("a", TradingState.HALTED));
        events.clear();
        machine.raise(reason("b", TradingState.REDUCE_ONLY));
        assertThat(events.of(TradingStateChanged.class)).isEmpty();
        assertThat(events.of(StateReasonChanged.class)).singleElement()
                .satisfies(e -> assertThat(e.reason().code()).isEqualTo(ReasonCode.of("b")))
                .satisfies(e -> assertThat(e.active()).isTrue());
        assertThat(machine.reasons()).extracting(r -> r.code().value()).isEqualTo(List.of("a", "b"));
        machine.clear(ReasonCode.of("b"), "test");
        assertThat(events.of(StateReasonChanged.class)).last().satisfies(e -> assertThat(e.active()).isFalse())
                .satisfies(e -> assertThat(e.by()).isEqualTo("test"));
    }
}
