package io.tradehost.api.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.market.Mark;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.Position;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Product;
import io.tradehost.api.value.ProductKind;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Ratio;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import org.junit.jupiter.api.Test;
class OrderCheckTest {
    private static final Symbol ETH = Symbol.of("ETH-PERP");
    private static final Product PRODUCT = new Product(ETH, "ETH", "USD", ProductKind.PERPETUAL, Price.of("0.01"),
            Quantity.of("0.001"), Quantity.of("0.001"), Ratio.of("10"));
    private static final Mark MARK = new Mark(ETH, Price.of("2000"), Price.of("1999"), Price.of("2001"),
            Quantity.of("1"), Quantity.of("1"), 0);

    /** Long 3 ETH at 1 900; gross exposure 10 000 of which this position is 6 000 at the mark. */
    private static OrderCheck check(Side side, String quantity, String position) {
        Position held = Position.flat(ETH).apply(Side.BUY, Quantity.of("3"), Price.of("1900"), Money.ZERO);
        if (position.equals("short")) {
            held = Position.flat(ETH).apply(Side.SELL, Quantity.of("3"), Price.of("1900"), Money.ZERO);
        }
        OrderRequest order = OrderRequest.market(ClientOrderId.of("r-1"), ETH, side, Quantity.of(quantity));
        return new OrderCheck(order, PRODUCT, MARK, held, Money.of("50000"), Money.of("10000"),
                TradingState.ACTIVE, 0);
    }

    @Test
    void aSellThatShrinksTheLongReducesItsValueAndTheGrossExposure() {
        OrderCheck check = check(Side.SELL, "1", "long");
        assertThat(check.orderNotional()).isEqualTo(Money.of("2000"));
        assertThat(check.reducesPosition()).isTrue();
        assertThat(check.positionValueAfter()).isEqualTo(Money.of("4000"));
        assertThat(check.grossExposureAfter()).isEqualTo(Money.of("8000"));
    }

    @Test
    void aSellThatFlipsTheLongIsNotAReductionAndItsShortCountsAsExposure() {
        OrderCheck check = check(Side.SELL, "5", "long");
        assertThat(check.reducesPosition()).isFalse();
        assertThat(check.positionValueAfter()).isEqualTo(Money.of("-4000"));
        assertThat(check.grossExposureAfter()).isEqualTo(Money.of("8000"));
        assertThat(check.orderNotional()).isEqualTo(Money.of("10000"));
    }

    @Test
    void aBuyAddsToTheLongAndCoversAShort() {
        OrderCheck adds = check(Side.BUY, "2", "long");
        assertThat(adds.reducesPosition()).isFalse();
        assertThat(adds.positionValueAfter()).isEqualTo(Money.of("10000"));
        assertThat(adds.grossExposureAfter()).isEqualTo(Money.of("14000"));
        OrderCheck covers = check(Side.BUY, "2", "short");
        assertThat(covers.reducesPosition()).isTrue();
        assertThat(covers.positionValueAfter()).isEqualTo(Money.of("-2000"));
        assertThat(covers.grossExposureAfter()).isEqualTo(Money.of("6000"));
    }

    @Test
    void everyPartIsRequired() {
        OrderCheck c = check(Side.BUY, "1", "long");
        assertThatThrownBy(() -> new OrderCheck(null, c.product(), c.mark(), c.position(), c.equity(),
                c.grossExposure(), c.tradingState(), 0)).hasMessage("order");
        assertThatThrownBy(() -> new OrderCheck(c.order(), c.product(), null, c.position(), c.equity(),
                c.grossExposure(), c.tradingState(), 0)).hasMessage("mark");
        assertThatThrownBy(() -> new OrderCheck(c.order(), c.product(), c.mark(), c.position(), c.equity(),
                c.grossExposure(), null, 0)).hasMessage("tradingState");
    }

    @Test
    void aRejectionNeedsACodeAndAMessageAnAllowanceNeither() {
        assertThat(GuardVerdict.ALLOW.allowed()).isTrue();
        assertThat(GuardVerdict.ALLOW.code()).isNull();
        GuardVerdict rejected = GuardVerdict.reject("MAX_ORDER_NOTIONAL", "notional 12 > 10");
        assertThat(rejected).isEqualTo(new GuardVerdict(false, RejectionCode.of("MAX_ORDER_NOTIONAL"),
                "notional 12 > 10"));
        assertThatThrownBy(() -> GuardVerdict.reject("max notional", "m"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GuardVerdict(false, null, "m")).hasMessage("code");
        assertThatThrownBy(() -> new GuardVerdict(false, RejectionCode.NO_MARK, null)).hasMessage("message");
        assertThat(new DataUnavailableException("no equity yet")).hasMessage("no equity yet");
    }
}
