package io.tradehost.api.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.command.CancelOrders;
import io.tradehost.api.command.Command;
import io.tradehost.api.command.RecordIntent;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.Liquidity;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.OrderStatus;
import io.tradehost.api.order.Position;
import io.tradehost.api.state.ReasonCode;
import io.tradehost.api.state.ReasonSource;
import io.tradehost.api.state.StateReason;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.time.Clock;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
/** The event and command records: what they require and what they copy. */
class MessagesTest {
    private static final Symbol BTC = Symbol.of("BTC-USD");
    private static final OrderRequest REQUEST = OrderRequest.market(ClientOrderId.of("r-1"), BTC, Side.BUY,
            Quantity.of("1"));
    private static final Fill FILL = new Fill("t1", ClientOrderId.of("r-1"), BTC, Side.BUY, Quantity.of("1"),
            Price.of("100"), Money.ZERO, Liquidity.TAKER, 0);
    private static final StateReason REASON = new StateReason(ReasonCode.OPERATOR_HALT, ReasonSource.OPERATOR,
            TradingState.HALTED, "halt", Map.of(), 0);

    @Test
    void eventsRequireWhatTheyReport() {
        assertThatThrownBy(() -> new PositionChanged(null, FILL, Money.ZERO)).hasMessage("position");
        assertThatThrownBy(() -> new PositionChanged(Position.flat(BTC), null, Money.ZERO)).hasMessage("fill");
        assertThatThrownBy(() -> new PositionChanged(Position.flat(BTC), FILL, null)).hasMessage("cash");
        Order order = new Order(REQUEST, OrderStatus.ACCEPTED, Quantity.ZERO, "v1");
        assertThatThrownBy(() -> new OrderReconciled(null, true, "n", 0)).hasMessage("order");
        assertThatThrownBy(() -> new OrderReconciled(order, true, null, 0)).hasMessage("note");
        assertThatThrownBy(() -> new IntentNotRecorded(null, 1, "disk", 0)).hasMessage("request");
        assertThatThrownBy(() -> new IntentNotRecorded(REQUEST, 1, null, 0)).hasMessage("reason");
        assertThatThrownBy(() -> new IntentRecorded(null, 1, 0)).hasMessage("request");
        assertThatThrownBy(() -> new JournalWriteFailed(null, "m", 0)).hasMessage("what");
        assertThatThrownBy(() -> new JournalWriteFailed("fill", null, 0)).hasMessage("message");
        assertThatThrownBy(() -> new StateReasonChanged(null, true, "op", 0)).hasMessage("reason");
        assertThatThrownBy(() -> new StateReasonChanged(REASON, true, null, 0)).hasMessage("by");
        assertThat(new OrderReconciled(order, true, "adopted", 5).order()).isEqualTo(order);
    }

    @Test
    void aStateChangeKeepsTheReasonsItWasGiven() {
        List<StateReason> reasons = new ArrayList<>(List.of(REASON));
        TradingStateChanged changed = new TradingStateChanged(TradingState.ACTIVE, TradingState.HALTED, reasons, 9);
        reasons.clear();
        assertThat(changed.reasons()).containsExactly(REASON);
    }

    @Test
    void commandsAreMessagesButNotEvents() {
        Message cancel = new CancelOrders(BTC, "operator", 0);
        Message record = new RecordIntent(REQUEST, 1, 1, 0);
        assertThat(List.of(cancel, record)).allMatch(m -> m instanceof Command && !(m instanceof Event));
        assertThat(new CancelOrders(null, "halt", 0).symbol()).isNull();
        assertThatThrownBy(() -> new CancelOrders(BTC, null, 0)).hasMessage("reason");
        assertThatThrownBy(() -> new RecordIntent(null, 1, 1, 0)).hasMessage("request");
    }

    @Test
    void aClockReadsNanosecondsSinceTheEpochAsAnInstant() {
        Clock clock = () -> 1_700_000_000_123_456_789L;
        assertThat(clock.instant()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L, 123_456_789L));
        Clock beforeEpoch = () -> -1L;
        assertThat(beforeEpoch.instant()).isEqualTo(Instant.ofEpochSecond(-1, 999_999_999L));
    }
}
