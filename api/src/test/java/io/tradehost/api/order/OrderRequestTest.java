package io.tradehost.api.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.value.TimeInForce;
import org.junit.jupiter.api.Test;

class OrderRequestTest {
    private static final Symbol BTC = Symbol.of("BTC-PERP");

    private static OrderRequest stop(Side side, OrderType type, String limit, String trigger) {
        return new OrderRequest(ClientOrderId.of("s-1"), BTC, side, type, Quantity.of("1"),
                limit == null ? null : Price.of(limit), TimeInForce.GTC, false, false, Price.of(trigger));
    }

    @Test
    void aBuyStopTriggersAtOrAboveItsPriceAndASellStopAtOrBelow() {
        OrderRequest buy = stop(Side.BUY, OrderType.STOP_MARKET, null, "105");
        assertThat(buy.triggersAt(Price.of("104.99"))).isFalse();
        assertThat(buy.triggersAt(Price.of("105"))).isTrue();
        assertThat(buy.triggersAt(Price.of("106"))).isTrue();
        OrderRequest sell = stop(Side.SELL, OrderType.STOP_LIMIT, "94", "95");
        assertThat(sell.triggersAt(Price.of("95.01"))).isFalse();
        assertThat(sell.triggersAt(Price.of("95"))).isTrue();
        assertThat(sell.triggersAt(Price.of("90"))).isTrue();
        assertThat(OrderRequest.market(ClientOrderId.of("m"), BTC, Side.BUY, Quantity.of("1")).triggersAt(Price.of("1")))
                .isFalse();
    }

    @Test
    void aTriggeredStopIsItsMarketOrLimitOrderWithTheSameIdAndLimit() {
        OrderRequest limit = stop(Side.SELL, OrderType.STOP_LIMIT, "94", "95").triggered();
        assertThat(limit.type()).isEqualTo(OrderType.LIMIT);
        assertThat(limit.limitPrice()).isEqualTo(Price.of("94"));
        assertThat(limit.clientOrderId()).isEqualTo(ClientOrderId.of("s-1"));
        assertThat(stop(Side.BUY, OrderType.STOP_MARKET, null, "105").triggered().type()).isEqualTo(OrderType.MARKET);
        OrderRequest market = OrderRequest.market(ClientOrderId.of("m"), BTC, Side.BUY, Quantity.of("1"));
        assertThat(market.triggered()).isSameAs(market);
    }

    @Test
    void stopsNeedAPositiveTriggerAndStopLimitsALimit() {
        assertThatThrownBy(() -> new OrderRequest(ClientOrderId.of("x"), BTC, Side.BUY, OrderType.STOP_MARKET,
                Quantity.of("1"), null, TimeInForce.GTC, false, false, null)).hasMessageContaining("stop price");
        assertThatThrownBy(() -> stop(Side.BUY, OrderType.STOP_MARKET, null, "0")).hasMessageContaining("stop price");
        assertThatThrownBy(() -> stop(Side.BUY, OrderType.STOP_LIMIT, null, "5")).hasMessageContaining("limit price");
    }
}
