package io.tradehost.api.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.value.Money;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.value.TimeInForce;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderValuesTest {
    private static final Symbol S = Symbol.of("SOL-USD");

    @Test
    void terminalStatusesNeverChangeAndNothingReturnsToSubmitted() {
        for (OrderStatus from : OrderStatus.values()) {
            for (OrderStatus to : OrderStatus.values()) {
                boolean legal = from.canMoveTo(to);
                if (from.isTerminal() || to == OrderStatus.SUBMITTED) {
                    assertThat(legal).as(from + " -> " + to).isFalse();
                }
            }
        }
        assertThat(OrderStatus.SUBMITTED.canMoveTo(OrderStatus.FILLED)).isTrue();
        assertThat(OrderStatus.ACCEPTED.canMoveTo(OrderStatus.PARTIALLY_FILLED)).isTrue();
        assertThat(OrderStatus.ACCEPTED.canMoveTo(OrderStatus.ACCEPTED)).isFalse();
        assertThat(OrderStatus.PARTIALLY_FILLED.canMoveTo(OrderStatus.ACCEPTED)).isFalse();
        assertThat(OrderStatus.PARTIALLY_FILLED.canMoveTo(OrderStatus.CANCELLED)).isTrue();
    }

    @Test
    void ordersAndFillsValidateTheirFields() {
        ClientOrderId id = ClientOrderId.of("r1-1");
        assertThatThrownBy(() -> OrderRequest.market(id, S, Side.BUY, Quantity.ZERO))
                .hasMessageContaining("must be positive");
        assertThatThrownBy(() -> new OrderRequest(id, S, Side.BUY, OrderType.LIMIT, Quantity.of("1"), null,
                TimeInForce.GTC, false, false)).hasMessageContaining("limit price");
        assertThatThrownBy(() -> ClientOrderId.of(" ")).hasMessageContaining("1-64 characters");
        assertThatThrownBy(() -> new Fill("t", id, S, Side.BUY, Quantity.ZERO, Price.of("1"), Money.ZERO,
                Liquidity.TAKER, 0)).hasMessageContaining("must be positive");
        Order order = new Order(OrderRequest.market(id, S, Side.BUY, Quantity.of("3")), OrderStatus.PARTIALLY_FILLED,
                Quantity.of("1"), "v1");
        assertThat(order.remaining()).isEqualTo(Quantity.of("2"));
        assertThat(order.clientOrderId()).isEqualTo(id);
        assertThat(id.toString()).isEqualTo("r1-1");
    }

    @Test
    void accountSnapshotsFindCashAndPositions() {
        Position p = Position.flat(S);
        AccountSnapshot a = new AccountSnapshot(List.of(new Balance("USD", Money.of("5"))), List.of(p), 1);
        assertThat(a.cash("USD")).isEqualTo(Money.of("5"));
        assertThat(a.cash("EUR")).isEqualTo(Money.ZERO);
        assertThat(a.position(S)).contains(p);
        assertThat(a.position(Symbol.of("X"))).isEmpty();
    }

    @Test
    void aClientOrderIdCarriesItsRunAndSequence() {
        ClientOrderId id = ClientOrderId.of("r9", 42);
        assertThat(id.value()).isEqualTo("r9-42");
        assertThat(id.sequenceIn("r9")).isEqualTo(42);
        assertThat(id.sequenceIn("r")).as("another run's prefix").isZero();
        assertThat(ClientOrderId.of("r9-x").sequenceIn("r9")).isZero();
        assertThat(ClientOrderId.of("r9-").sequenceIn("r9")).isZero();
        assertThat(ClientOrderId.of("r9").sequenceIn("r9")).isZero();
    }
}
