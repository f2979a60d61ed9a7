package io.tradehost.coordinator.runtime.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.command.CancelOrders;
import io.tradehost.api.command.OperatorRequest;
import io.tradehost.api.command.OrderIntent;
import io.tradehost.api.event.OperatorActed;
import io.tradehost.api.event.StateReasonChanged;
import io.tradehost.api.event.TradingStateChanged;
import io.tradehost.api.host.OperatorAction;
import io.tradehost.api.state.ReasonCode;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Symbol;
import io.tradehost.coordinator.runtime.state.TradingStateMachine;
import io.tradehost.kernel.Kernel;
import io.tradehost.kernel.VirtualClock;
import io.tradehost.testkit.EventRecorder;
import io.tradehost.testkit.Fixtures;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OperatorConsoleTest {
    private final EventRecorder events = new EventRecorder();
    private final VirtualClock clock = new VirtualClock(Fixtures.EPOCH);
    private final TradingStateMachine machine = new TradingStateMachine(events, clock, new Kernel(clock));
    private final OperatorConsole console = new OperatorConsole(machine, clock, events, events,
            Set.of(Symbol.of("BTC-PERP")));

    private OperatorActed answer(long id) {
        return events.of(OperatorActed.class).stream().filter(a -> a.requestId() == id).findFirst().orElseThrow();
    }

    private void handle(long id, OperatorAction action, String argument) {
        console.handle(new OperatorRequest(id, action, argument, "ana@127.0.0.1", "why " + id, clock.nanos()));
    }

    @Test
    void haltThenResumeRaisesAndClearsTheOperatorReasonAndAnswersEach() {
        handle(1, OperatorAction.HALT, null);
        handle(2, OperatorAction.HALT, null);
        handle(3, OperatorAction.RESUME, null);
        handle(4, OperatorAction.RESUME, null);

        assertThat(events.all()).extracting(m -> m.getClass().getSimpleName()).containsExactly(
                "StateReasonChanged", "TradingStateChanged", "OperatorActed", "OperatorActed",
                "StateReasonChanged", "TradingStateChanged", "OperatorActed", "OperatorActed");
        assertThat(events.of(TradingStateChanged.class)).extracting(TradingStateChanged::to)
                .containsExactly(TradingState.HALTED, TradingState.ACTIVE);
        StateReasonChanged raised = events.of(StateReasonChanged.class).getFirst();
        assertThat(raised.reason().code()).isEqualTo(ReasonCode.OPERATOR_HALT);
        assertThat(raised.reason().message()).isEqualTo("why 1");
        assertThat(raised.reason().metadata()).containsEntry("operator", "ana@127.0.0.1");
        assertThat(List.of(answer(1).changed(), answer(2).changed(), answer(3).changed(), answer(4).changed()))
                .containsExactly(true, false, true, false);
        assertThat(answer(1)).isEqualTo(new OperatorActed(1, OperatorAction.HALT, null, "ana@127.0.0.1", "why 1", true,
                "halted by operator", clock.nanos()));
        assertThat(answer(4).outcome()).isEqualTo("no operator reason was active; trading state ACTIVE");
    }

    @Test
    void reduceOnlyClearByCodeAndClearOfAnInactiveCode() {
        handle(1, OperatorAction.REDUCE_ONLY, null);
        assertThat(machine.state()).isEqualTo(TradingState.REDUCE_ONLY);
        handle(2, OperatorAction.CLEAR, "daily_loss");
        handle(3, OperatorAction.CLEAR, "operator.reduce_only");
        assertThat(machine.state()).isEqualTo(TradingState.ACTIVE);
        assertThat(answer(1).outcome()).isEqualTo("reduce-only by operator");
        assertThat(answer(2).changed()).isFalse();
        assertThat(answer(2).outcome()).isEqualTo("no active reason daily_loss (active: [operator.reduce_only])");
        assertThat(answer(3).changed()).isTrue();
    }

    @Test
    void cancelAllAndCloseBecomeCommandsToExecution() {
        handle(1, OperatorAction.CANCEL_ALL, null);
        handle(2, OperatorAction.CLOSE, "BTC-PERP");
        handle(3, OperatorAction.CLOSE, "ETH-PERP");

        CancelOrders cancel = events.of(CancelOrders.class).getFirst();
        assertThat(cancel.symbol()).isNull();
        assertThat(cancel.reason()).isEqualTo("operator ana@127.0.0.1: why 1");
        List<OrderIntent> intents = events.of(OrderIntent.class);
        assertThat(intents).hasSize(1);
        OrderIntent close = intents.getFirst();
        assertThat(close.symbol()).isEqualTo(Symbol.of("BTC-PERP"));
        assertThat(close.close()).isTrue();
        assertThat(close.reduceOnly()).isTrue();
        assertThat(close.type()).isEqualTo(OrderType.MARKET);
        assertThat(close.strategy()).isEqualTo(OperatorConsole.CLOSE_STRATEGY);
        assertThat(answer(2).changed()).isTrue();
        assertThat(answer(3).changed()).isFalse();
        assertThat(answer(3).outcome()).isEqualTo("not a traded symbol: ETH-PERP (trading [BTC-PERP])");
    }

    @Test
    void malformedRequestsAreRefusedBeforeTheyReachTheKernel() {
        assertThatThrownBy(() -> new OperatorRequest(1, OperatorAction.HALT, null, "a", " ", 0))
                .hasMessage("an operator request needs a reason");
        assertThatThrownBy(() -> new OperatorRequest(1, OperatorAction.CLEAR, null, "a", "r", 0))
                .hasMessage("clear needs an argument");
        assertThatThrownBy(() -> new OperatorRequest(1, OperatorAction.CLEAR, "Not A Code", "a", "r", 0))
                .hasMessageStartingWith("not a reason code");
        assertThatThrownBy(() -> new OperatorRequest(1, OperatorAction.CLOSE, "btc perp", "a", "r", 0))
                .hasMessageStartingWith("not a symbol");
        assertThatThrownBy(() -> new OperatorRequest(1, OperatorAction.HALT, "BTC-PERP", "a", "r", 0))
                .hasMessage("halt takes no argument");
        assertThat(OperatorAction.ofPath("cancel-all")).isEqualTo(OperatorAction.CANCEL_ALL);
        assertThat(OperatorAction.ofPath("nope")).isNull();
    }
}
