package io.tradehost.coordinator.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.api.command.OrderIntent;
import io.tradehost.api.order.Position;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.testkit.Fixtures;
import org.junit.jupiter.api.Test;
class SizerTest {
    private static final Symbol S = Symbol.of("ETH-PERP");

    private static OrderIntent intent(Side side, boolean close, Quantity quantity, Money notional) {
        return new OrderIntent(1, S, side, close, quantity, notional, OrderType.MARKET, null, null, false, false, "s",
                "", Price.of("1"), 0);
    }

    @Test
    void closesAShortWithABuyOfItsWholeSize() {
        Position shortOne = Position.flat(S).apply(Side.SELL, Quantity.of("2.5"), Price.of("10"), Money.ZERO);
        Sizer.Sized sized = Sizer.size(intent(null, true, null, null), Fixtures.perpetual("ETH-PERP"), shortOne,
                Price.of("10"));
        assertThat(sized.ok()).isTrue();
        assertThat(sized.side()).isEqualTo(Side.BUY);
        assertThat(sized.quantity()).isEqualTo(Quantity.of("2.5"));
    }

    @Test
    void notionalIsDividedByTheMarkAndRoundedDownToTheLot() {
        Sizer.Sized sized = Sizer.size(intent(Side.BUY, false, null, Money.of("100")), Fixtures.perpetual("ETH-PERP"),
                Position.flat(S), Price.of("3"));
        assertThat(sized.quantity()).isEqualTo(Quantity.of("33.333"));
    }

    @Test
    void theMinimumSizeIsInclusive() {
        Sizer.Sized atMinimum = Sizer.size(intent(Side.BUY, false, Quantity.of("0.001"), null),
                Fixtures.perpetual("ETH-PERP"), Position.flat(S), Price.of("3"));
        Sizer.Sized below = Sizer.size(intent(Side.BUY, false, Quantity.of("0.0009"), null),
                Fixtures.perpetual("ETH-PERP"), Position.flat(S), Price.of("3"));
        assertThat(atMinimum.ok()).isTrue();
        assertThat(below.ok()).isFalse();
        assertThat(below.code()).isEqualTo(RejectionCode.SIZE_BELOW_MINIMUM);
    }
}
