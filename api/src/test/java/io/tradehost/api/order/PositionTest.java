package io.tradehost.api.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.api.value.Money;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PositionTest {
    private static final Symbol S = Symbol.of("ETH-PERP");

    private static Position fill(Position p, Side side, String qty, String price) {
        return p.apply(side, Quantity.of(qty), Price.of(price), Money.ZERO);
    }

    @Test
    void opensAddsAndClosesALongWithAverageCost() {
        Position p = fill(Position.flat(S), Side.BUY, "1", "100");
        p = fill(p, Side.BUY, "1", "110");
        assertThat(p.quantity()).isEqualTo(Quantity.of("2"));
        assertThat(p.averageEntry()).isEqualTo(Price.of("105"));
        p = fill(p, Side.SELL, "0.5", "120");
        assertThat(p.realizedPnl()).isEqualTo(Money.of("7.5"));
        assertThat(p.costBasis()).isEqualTo(Money.of("157.5"));
        assertThat(p.unrealizedPnl(Price.of("100"))).isEqualTo(Money.of("-7.5"));
        p = fill(p, Side.SELL, "1.5", "100");
        assertThat(p.isFlat()).isTrue();
        assertThat(p.costBasis()).isEqualTo(Money.ZERO);
        assertThat(p.realizedPnl()).isEqualTo(Money.of("0"));
        assertThat(p.averageEntry()).isEqualTo(Price.ZERO);
    }

    @Test
    void aShortProfitsWhenThePriceFallsAndAFillCanFlipIt() {
        Position p = fill(Position.flat(S), Side.SELL, "2", "100");
        assertThat(p.quantity()).isEqualTo(Quantity.of("-2"));
        assertThat(p.unrealizedPnl(Price.of("90"))).isEqualTo(Money.of("20"));
        p = fill(p, Side.BUY, "3", "90");
        assertThat(p.realizedPnl()).isEqualTo(Money.of("20"));
        assertThat(p.quantity()).isEqualTo(Quantity.of("1"));
        assertThat(p.costBasis()).isEqualTo(Money.of("90"));
    }

    @Test
    void feesAccumulateApartFromPnl() {
        Position p = Position.flat(S).apply(new Fill("t1", ClientOrderId.of("c1"), S, Side.BUY, Quantity.of("1"),
                Price.of("100"), Money.of("0.05"), Liquidity.TAKER, 0));
        assertThat(p.fees()).isEqualTo(Money.of("0.05"));
        assertThat(p.realizedPnl()).isEqualTo(Money.ZERO);
    }

    @Test
    void spotFillsMoveTheirNotionalAndPerpetualFillsTheirRealisedPnlLessFees() {
        Fill buy = new Fill("t1", ClientOrderId.of("c1"), S, Side.BUY, Quantity.of("2"), Price.of("100"),
                Money.of("1"), Liquidity.TAKER, 0);
        Fill sell = new Fill("t2", ClientOrderId.of("c2"), S, Side.SELL, Quantity.of("2"), Price.of("110"),
                Money.of("1"), Liquidity.TAKER, 0);
        Position flat = Position.flat(S);
        Position held = flat.apply(buy);
        Position closed = held.apply(sell);
        assertThat(Position.cashMovement(flat, held, buy, false)).isEqualTo(Money.of("-201"));
        assertThat(Position.cashMovement(held, closed, sell, false)).isEqualTo(Money.of("219"));
        assertThat(Position.cashMovement(flat, held, buy, true)).isEqualTo(Money.of("-1"));
        assertThat(Position.cashMovement(held, closed, sell, true)).isEqualTo(Money.of("19"));
    }

    @Test
    void reductionIsOnlyAShrinkThatDoesNotFlip() {
        Position longOne = fill(Position.flat(S), Side.BUY, "1", "100");
        assertThat(longOne.isReducedBy(Side.SELL, Quantity.of("1"))).isTrue();
        assertThat(longOne.isReducedBy(Side.SELL, Quantity.of("1.5"))).isFalse();
        assertThat(longOne.isReducedBy(Side.BUY, Quantity.of("0.1"))).isFalse();
        assertThat(Position.flat(S).isReducedBy(Side.SELL, Quantity.of("1"))).isFalse();
    }

    @Test
    void realisedPlusUnrealisedAlwaysEqualsCashMovedPlusValueAtTheMark() {
        SplittableRandom random = new SplittableRandom(42);
        Position p = Position.flat(S);
        Money cashMoved = Money.ZERO;
        for (int i = 0; i < 5_000; i++) {
            Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
            Quantity qty = Quantity.of(BigDecimal.valueOf(random.nextLong(1, 500_000_000L), 8));
            Price price = Price.of(BigDecimal.valueOf(random.nextLong(1_000_000_000L, 900_000_000_000L) / 7 * 7 + 3, 8));
            p = p.apply(side, qty, price, Money.ZERO);
            Money notional = price.times(qty);
            cashMoved = side == Side.BUY ? cashMoved.minus(notional) : cashMoved.plus(notional);
            Price mark = Price.of(BigDecimal.valueOf(random.nextLong(1_000_000_000L, 900_000_000_000L), 8));
            assertThat(p.realizedPnl().plus(p.unrealizedPnl(mark))).isEqualTo(cashMoved.plus(p.valueAt(mark)));
        }
    }
}
