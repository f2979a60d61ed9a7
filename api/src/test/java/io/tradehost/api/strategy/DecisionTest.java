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
    void aBuyOrSellMustBeSized() {
        assertThatThrownBy(() -> Decision.buy(Money.ZERO, "x")).hasMessageContaining("positive quantity or notional");
        assertThatThrownBy(() -> Decision.sell(Quantity.ZERO, "x")).hasMessageContaining("positive quantity or notional");
        assertThatThrownBy(() -> new Decision(Action.BUY, Quantity.of("1"), null, OrderType.LIMIT, null, null, false,
                false, "")).hasMessageContaining("limit price");
    }
}
