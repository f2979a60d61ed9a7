package io.tradehost.simulator;

import static io.tradehost.simulator.Fixture.NOW;
import static io.tradehost.simulator.Fixture.SOL;
import static io.tradehost.simulator.Fixture.accepted;
import static io.tradehost.simulator.Fixture.engine;
import static io.tradehost.simulator.Fixture.limit;
import static io.tradehost.simulator.Fixture.m;
import static io.tradehost.simulator.Fixture.market;
import static io.tradehost.simulator.Fixture.p;
import static io.tradehost.simulator.Fixture.q;
import static io.tradehost.simulator.Fixture.stop;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.Liquidity;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.OrderStatus;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.TimeInForce;
import io.tradehost.api.venue.VenueException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Amending a resting limit in place: new terms, a cross of the book, refusals of both kinds. */
class AmendTest {
    private static final ClientOrderId ID = ClientOrderId.of("lim");

    private static OrderRequest buy(String quantity, String price, boolean postOnly) {
        return limit(ID.value(), SOL, Side.BUY, quantity, price, TimeInForce.GTC, false, postOnly);
    }

    private static EngineEvent.AmendRejected refused(Order standing, String code, String words) {
        return new EngineEvent.AmendRejected(standing, RejectionCode.of(code), code + ": " + words
                + "; the order stands as it was");
    }

    @Test
    void newPriceAndSizeTakeEffectInPlaceAndTheOldPriceNoLongerFills() throws VenueException {
        MatchingEngine engine = engine();
        engine.place(buy("1", "99.5", false), NOW);
        Order moved = accepted(buy("3", "99", false), "V-1");
        assertThat(engine.amend(ID, p("99"), q("3"), NOW)).containsExactly(new EngineEvent.Amended(moved));
        assertThat(engine.amend(ID, p("99"), q("3"), NOW)).as("the same terms are an amend too")
                .containsExactly(new EngineEvent.Amended(moved));
        assertThat(engine.openOrders()).containsExactly(moved);
        engine.market(SOL, p("99.3"), p("99.5"), p("99.4"));
        assertThat(engine.match(engine.touchCrossing(), NOW)).isEmpty();
        engine.market(SOL, p("98.9"), p("99"), p("98.95"));
        // 3 x 99 = 297, maker 2 bps
        assertThat(engine.match(engine.touchCrossing(), NOW)).containsExactly(new EngineEvent.Filled(
                new Order(buy("3", "99", false), OrderStatus.FILLED, q("3"), "V-1"), new Fill("T-1", ID, SOL, Side.BUY,
                q("3"), p("99"), m("0.0594"), Liquidity.MAKER, NOW)));
    }

    @Test
    void anAmendThroughTheBookTakesWhatRemainsAtTheTouchAsTaker() throws VenueException {
        MatchingEngine engine = engine();
        engine.place(buy("1", "99", false), NOW);
        Order through = accepted(buy("2", "100.5", false), "V-1");
        // 2 x 100.01 = 200.02, taker 10 bps
        assertThat(engine.amend(ID, p("100.5"), q("2"), NOW)).containsExactly(new EngineEvent.Amended(through),
                new EngineEvent.Filled(new Order(buy("2", "100.5", false), OrderStatus.FILLED, q("2"), "V-1"),
                        new Fill("T-1", ID, SOL, Side.BUY, q("2"), p("100.01"), m("0.20002"), Liquidity.TAKER, NOW)));
        assertThat(engine.openOrders()).isEmpty();
        assertThat(engine.cash()).isEqualTo(m("9799.77998"));
    }

    @Test
    void newTermsTheEngineWouldNotTakeAreAnsweredAndTheOrderStandsAsItWas() throws VenueException {
        MatchingEngine engine = engine();
        engine.place(buy("1", "99", true), NOW);
        Order standing = accepted(buy("1", "99", true), "V-1");
        assertThat(engine.amend(ID, p("100.01"), q("1"), NOW)).containsExactly(refused(standing,
                "POST_ONLY_WOULD_TAKE", "post-only order would cross the book at 100.01"));
        assertThat(engine.amend(ID, p("99.005"), q("1"), NOW)).containsExactly(refused(standing, "INVALID_PRICE",
                "limit price 99.005 is not a positive multiple of 0.01"));
        assertThat(engine.amend(ID, p("0"), q("1"), NOW)).containsExactly(refused(standing, "INVALID_PRICE",
                "limit price 0 is not a positive multiple of 0.01"));
        assertThat(engine.amend(ID, p("99"), q("1.005"), NOW)).containsExactly(refused(standing, "INVALID_SIZE",
                "quantity 1.005 is not a multiple of 0.01 at least 0.01"));
        // 200 x 99 = 19800 and 3.96 maker fee
        assertThat(engine.amend(ID, p("99"), q("200"), NOW)).containsExactly(refused(standing,
                "INSUFFICIENT_FUNDS", "need 19803.96 USD, have 10000"));
        assertThat(engine.openOrders()).containsExactly(standing);
    }

    @Test
    void anOrderThatCannotBeChangedIsRefusedAtOnceWithCoinbasesReasons() throws VenueException {
        MatchingEngine engine = engine();
        engine.place(market("mkt", SOL, Side.BUY, "1"), NOW);
        engine.place(limit("gone", SOL, Side.BUY, "1", "90"), NOW);
        engine.cancel(ClientOrderId.of("gone"));
        engine.place(stop("stop", SOL, Side.SELL, "1", "90", "89"), NOW);
        engine.submit(limit("pending", SOL, Side.BUY, "1", "90"));
        engine.place(buy("1", "90", false), NOW);
        assertRefused(engine, "nope", "1", "ORDER_NOT_FOUND", "no order nope");
        assertRefused(engine, "mkt", "1", "ONLY_OPEN_ORDERS_CAN_BE_EDITED", "order mkt is FILLED");
        assertRefused(engine, "gone", "1", "ONLY_OPEN_ORDERS_CAN_BE_EDITED", "order gone is CANCELLED");
        assertRefused(engine, "pending", "0", "CANNOT_EDIT_TO_BELOW_FILLED_SIZE",
                "order pending has filled 0, the new total 0 is not above it"); // one on its way: judged as resting
        assertRefused(engine, "stop", "1", "ONLY_LIMIT_ORDER_EDITS_SUPPORTED", "order stop is a STOP_LIMIT");
        assertRefused(engine, "lim", "0", "CANNOT_EDIT_TO_BELOW_FILLED_SIZE",
                "order lim has filled 0, the new total 0 is not above it");
    }

    private static void assertRefused(MatchingEngine engine, String id, String total, String code, String message) {
        assertThatThrownBy(() -> engine.amend(ClientOrderId.of(id), p("95"), q(total), NOW))
                .isInstanceOfSatisfying(VenueException.class, e -> {
                    assertThat(e.code()).isEqualTo(RejectionCode.of(code));
                    assertThat(e.getMessage()).isEqualTo(message);
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e.isOutcomeUnknown()).isFalse();
                });
    }

    @Test
    void afterAPartialFillTheNewTotalMustExceedWhatFilledAndOnlyTheRestFills() throws VenueException {
        MatchingEngine engine = engine();
        Order partial = new Order(buy("2", "99", false), OrderStatus.PARTIALLY_FILLED, q("0.5"), "V-1");
        engine.restore(Money.of("10000"), List.of(), List.of(new BookedOrder(partial, true, false)), List.of(), 0, 1);
        assertRefused(engine, "lim", "0.5", "CANNOT_EDIT_TO_BELOW_FILLED_SIZE",
                "order lim has filled 0.5, the new total 0.5 is not above it");
        Order smaller = new Order(buy("1", "99", false), OrderStatus.PARTIALLY_FILLED, q("0.5"), "V-1");
        assertThat(engine.amend(ID, p("99"), q("1"), NOW)).containsExactly(new EngineEvent.Amended(smaller));
        // 1 of 1.5 remains: at the ask, taker
        assertThat(engine.amend(ID, p("100.5"), q("1.5"), NOW)).containsExactly(
                new EngineEvent.Amended(new Order(buy("1.5", "100.5", false), OrderStatus.PARTIALLY_FILLED, q("0.5"),
                        "V-1")),
                new EngineEvent.Filled(new Order(buy("1.5", "100.5", false), OrderStatus.FILLED, q("1.5"), "V-1"),
                        new Fill("T-1", ID, SOL, Side.BUY, q("1"), p("100.01"), m("0.10001"), Liquidity.TAKER, NOW)));
    }
}
