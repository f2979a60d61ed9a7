package io.tradehost.api.strategy.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.order.ListLink;
import io.tradehost.api.order.Trail;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Ratio;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.value.TimeInForce;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Contingent lists as strategies write them, and their journal text. */
class OrderListSpecTest {
    private static final Symbol BTC = Symbol.of("BTC-USD");
    private static final Quantity ONE = Quantity.of("1");
    private static final OrderSpec ENTRY = OrderSpec.limit(BTC, Side.BUY, ONE, Price.of("100"));
    private static final OrderSpec TAKE = OrderSpec.limit(BTC, Side.SELL, ONE, Price.of("110"));
    private static final OrderSpec STOP = OrderSpec.stop(BTC, Side.SELL, ONE, Price.of("95"));

    @Test
    void aBracketIsAnEntryAndReduceOnlyExitsThatCancelEachOther() {
        OrderListSpec bracket = OrderListSpec.bracket(ENTRY, TAKE, STOP);
        assertThat(bracket.kind()).isEqualTo(OrderListSpec.Kind.BRACKET);
        assertThat(bracket.oneCancelsOther()).isTrue();
        assertThat(bracket.exits()).containsExactly(TAKE.asReduceOnly(), STOP.asReduceOnly());
        assertThat(bracket.members()).containsExactly(ENTRY, TAKE.asReduceOnly(), STOP.asReduceOnly());
        assertThat(bracket.quantity()).isEqualTo(ONE);
        assertThat(OrderListSpec.bracket(ENTRY, null, STOP).kind()).as("one exit: nothing to cancel")
                .isEqualTo(OrderListSpec.Kind.OTO);
        assertThat(OrderListSpec.oto(ENTRY, TAKE, STOP).oneCancelsOther()).isFalse();
        OrderListSpec oco = OrderListSpec.oco(OrderSpec.stop(BTC, Side.BUY, ONE, Price.of("105")), STOP);
        assertThat(oco.kind()).isEqualTo(OrderListSpec.Kind.OCO);
        assertThat(oco.entry()).isNull();
        assertThat(oco.exits().getFirst().reduceOnly()).as("an OCO pair's legs are as written").isFalse();
    }

    @Test
    void aListThatCannotWorkIsRefusedNamingWhy() {
        assertThatThrownBy(() -> OrderListSpec.bracket(ENTRY, null, null)).hasMessageContaining("1 to 4 exits");
        assertThatThrownBy(() -> OrderListSpec.bracket(null, TAKE, STOP)).hasMessageContaining("needs an entry");
        assertThatThrownBy(() -> OrderListSpec.bracket(ENTRY, STOP, STOP)).hasMessageContaining("take-profit is a limit");
        assertThatThrownBy(() -> OrderListSpec.bracket(ENTRY, TAKE, TAKE)).hasMessageContaining("stop-loss is a stop");
        assertThatThrownBy(() -> OrderListSpec.bracket(ENTRY, TAKE.withQuantity(Quantity.of("2")), STOP))
                .hasMessageContaining("entry's quantity 1");
        assertThatThrownBy(() -> OrderListSpec.bracket(ENTRY, OrderSpec.limit(BTC, Side.BUY, ONE, Price.of("90")),
                STOP)).hasMessageContaining("other side of its entry");
        assertThatThrownBy(() -> OrderListSpec.oto(ENTRY, OrderSpec.limit(Symbol.of("ETH-USD"), Side.SELL, ONE,
                Price.of("9")))).hasMessageContaining("one symbol");
        assertThatThrownBy(() -> OrderListSpec.oto(ENTRY, OrderSpec.market(BTC, Side.SELL, ONE)))
                .hasMessageContaining("not a market order");
        assertThatThrownBy(() -> new OrderListSpec(null, List.of(TAKE), true)).hasMessageContaining("at least two");
        assertThatThrownBy(() -> new OrderListSpec(null, List.of(TAKE, STOP), false)).hasMessageContaining("OCO pair");
        assertThatThrownBy(() -> OrderListSpec.oto(ENTRY, TAKE, TAKE, TAKE, TAKE, TAKE)).hasMessageContaining("1 to 4");
        assertThatThrownBy(() -> new ListLink(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ListLink(1, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new ListLink(7, 2)).hasToString("L7#2");
    }

    @Test
    void theJournalTextReadsBackEqualAndAnythingElseIsRefused() {
        OrderListSpec bracket = OrderListSpec.bracket(ENTRY.withTag("in; a=b\nc%").expiringAt(5)
                .withTimeInForce(TimeInForce.GTC).asPostOnly(), TAKE, OrderSpec.trailingStop(BTC, Side.SELL, ONE,
                Trail.byBps(Ratio.of("50")).activatingAt(Price.of("104"))));
        assertThat(OrderListSpec.parse(bracket.format())).isEqualTo(bracket);
        OrderListSpec oco = OrderListSpec.oco(OrderSpec.stopLimit(BTC, Side.BUY, ONE, Price.of("105"), Price.of("106")),
                STOP);
        assertThat(OrderListSpec.parse(oco.format())).isEqualTo(oco);
        assertThat(OrderListSpec.parse(OrderListSpec.oto(ENTRY, TAKE).format()).kind())
                .isEqualTo(OrderListSpec.Kind.OTO);
        assertThatThrownBy(() -> OrderListSpec.parse("entry=2;oco=1\n" + TAKE.format()))
                .hasMessageContaining("not an order list");
        assertThatThrownBy(() -> OrderListSpec.parse("entry=1;oco=1\n" + ENTRY.format()))
                .hasMessageContaining("without members");
        assertThatThrownBy(() -> OrderSpec.parse(TAKE.format() + ";colour=red")).hasMessageContaining("'colour'");
        assertThatThrownBy(() -> OrderSpec.parse(TAKE.format() + ";qty=2")).hasMessageContaining("'qty'");
        assertThatThrownBy(() -> OrderSpec.parse("symbol=BTC-USD;side=UP;type=LIMIT;qty=1;limit=1"))
                .hasMessageContaining("not an order spec");
        assertThatThrownBy(() -> OrderSpec.parse("symbol=BTC-USD;side=BUY;type=LIMIT;qty=1"))
                .hasMessageContaining("limit price");
    }

    @Provide
    Arbitrary<OrderSpec> specs() {
        Arbitrary<String> tags = Arbitraries.strings().ofMaxLength(OrderSpec.MAX_TAG);
        Arbitrary<Quantity> quantities = Arbitraries.longs().between(1, 1_000_000_000L)
                .map(n -> Quantity.of(java.math.BigDecimal.valueOf(n, 4)));
        Arbitrary<Price> prices = Arbitraries.longs().between(1, 1_000_000_000L)
                .map(n -> Price.of(java.math.BigDecimal.valueOf(n, 2)));
        return Combinators.combine(tags, quantities, prices, prices, Arbitraries.of(Side.class),
                Arbitraries.integers().between(0, 3), Arbitraries.longs().between(0, Long.MAX_VALUE))
                .as((tag, qty, p1, p2, side, kind, expire) -> (switch (kind) {
                    case 0 -> OrderSpec.limit(BTC, side, qty, p1);
                    case 1 -> OrderSpec.stop(BTC, side, qty, p1);
                    case 2 -> OrderSpec.stopLimit(BTC, side, qty, p1, p2).asReduceOnly();
                    default -> OrderSpec.trailingStop(BTC, side, qty, Trail.byOffset(p1).activatingAt(p2));
                }).withTag(tag).expiringAt(expire));
    }

    @Property
    void everySpecReadsBackFromItsText(@ForAll("specs") OrderSpec spec) {
        assertThat(OrderSpec.parse(spec.format())).isEqualTo(spec);
    }
}
