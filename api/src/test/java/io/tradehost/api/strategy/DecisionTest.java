package io.tradehost.api.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.value.Money;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.TimeInForce;
import org.junit.jupiter.api.Test;

class DecisionTest {
    @Test
    void buildersSetWhatTheyName() {
        Decision d = Decision.buy(Money.of("100"), "why").withLimit(Price.of("5")).withTimeInForce(TimeInForce.IOC)
                .asPostOnly().asReduceOnly();
        assertThat(d.action()).isEqualTo(Action.BUY);
        assertThat(d.type()).isEqualTo(OrderType.LIMIT);
        assertThat(d.limitPrice()).isEqualTo(Price.of("5"));
        assertThat(d.timeInForce()).isEqualTo(TimeInForce.IOC);
        assertThat(d.postOnly()).isTrue();
        assertThat(d.reduceOnly()).isTrue();
        assertThat(Decision.sell(Quantity.of("1"), null).reason()).isEmpty();
        assertThat(Decision.hold("x").isActionable()).isFalse();
        assertThat(Decision.close("x").reduceOnly()).isTrue();
        assertThat(Decision.buy(Quantity.of("1"), "q").quantity()).isEqualTo(Quantity.of("1"));
        assertThat(Decision.sell(Money.of("1"), "n").notional()).isEqualTo(Money.of("1"));
    }

    @Test
    void stopsCarryTheirTriggerAndALimitMakesThemStopLimits() {
        Decision stop = Decision.sell(Quantity.of("1"), "stop loss").withStop(Price.of("95"));
        assertThat(stop.type()).isEqualTo(OrderType.STOP_MARKET);
        assertThat(stop.stopPrice()).isEqualTo(Price.of("95"));
        Decision stopLimit = stop.withLimit(Price.of("94"));
        assertThat(stopLimit.type()).isEqualTo(OrderType.STOP_LIMIT);
        assertThat(stopLimit.limitPrice()).isEqualTo(Price.of("94"));
        assertThat(stopLimit.stopPrice()).isEqualTo(Price.of("95"));
        assertThat(Decision.buy(Quantity.of("1"), "x").withLimit(Price.of("5")).withStop(Price.of("6")).type())
                .isEqualTo(OrderType.STOP_LIMIT);
        assertThat(stop.asReduceOnly().asPostOnly().withTimeInForce(TimeInForce.GTC).stopPrice())
                .isEqualTo(Price.of("95"));
        assertThatThrownBy(() -> Decision.sell(Quantity.of("1"), "x").withStop(Price.ZERO))
                .hasMessageContaining("positive stop price");
        assertThatThrownBy(() -> new Decision(Action.BUY, Quantity.of("1"), null, OrderType.STOP_MARKET, null, null,
                false, false, "", null)).hasMessageContaining("positive stop price");
        assertThat(OrderType.STOP_LIMIT.triggered()).isEqualTo(OrderType.LIMIT);
        assertThat(OrderType.STOP_MARKET.triggered()).isEqualTo(OrderType.MARKET);
        assertThat(OrderType.LIMIT.triggered()).isEqualTo(OrderType.LIMIT);
        assertThat(OrderType.MARKET.hasLimit()).isFalse();
        assertThat(OrderType.LIMIT.isStop()).isFalse();
    }

    @Test
    void aBuyOrSellMustBeSized() {
        assertThatThrownBy(() -> Decision.buy(Money.ZERO, "x")).hasMessageContaining("positive quantity or notional");
        assertThatThrownBy(() -> Decision.sell(Quantity.ZERO, "x")).hasMessageContaining("positive quantity or notional");
        assertThatThrownBy(() -> new Decision(Action.BUY, Quantity.of("1"), null, OrderType.LIMIT, null, null, false,
                false, "")).hasMessageContaining("limit price");
    }
}
