package io.tradehost.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.event.OrderAmendRejected;
import io.tradehost.api.event.OrderAmended;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.OrderStatus;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.value.TimeInForce;
import io.tradehost.api.venue.VenueException;
import io.tradehost.kernel.VenueEventAdapter;
import io.tradehost.kernel.VirtualClock;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptedAmendsTest {
    private static final Symbol BTC = Symbol.of("BTC-PERP");
    private static final Price PRICE = Price.ofUnits(90);

    private final VirtualClock clock = new VirtualClock(Fixtures.EPOCH);
    private final EventRecorder events = new EventRecorder();
    private final ScriptedVenue venue = new ScriptedVenue(List.of(Fixtures.perpetual("BTC-PERP")))
            .listener(new VenueEventAdapter(events, clock));

    private static OrderRequest limit(String id, String quantity) {
        return new OrderRequest(ClientOrderId.of(id), BTC, Side.BUY, OrderType.LIMIT, Quantity.of(quantity),
                Price.ofUnits(80), TimeInForce.GTC, false, false);
    }

    private void rest(String id) throws VenueException {
        venue.answer(ScriptedVenue.Answer.ACCEPT).place(limit(id, "2"));
        events.clear();
    }

    private static VenueException refusal(ThrowingCall call) {
        try {
            call.run();
        } catch (VenueException e) {
            return e;
        }
        throw new AssertionError("no refusal");
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws VenueException;
    }

    @Test
    void aVenueThatDoesNotSayItAmendsRefusesAndRecordsTheCall() throws VenueException {
        rest("a");
        assertThat(venue.supportsAmend()).isFalse();
        assertThat(refusal(() -> venue.amend(ClientOrderId.of("a"), PRICE, Quantity.of("3"))).code())
                .isEqualTo(RejectionCode.of("AMEND_UNSUPPORTED"));
        assertThat(venue.amends().calls()).containsExactly(new ScriptedAmends.Call(ClientOrderId.of("a"), PRICE,
                Quantity.of("3")));
        assertThat(events.all()).isEmpty();
    }

    @Test
    void byDefaultAnAmendChangesTheOpenOrderAndIsReported() throws VenueException {
        venue.supportsAmend(true);
        rest("a");
        venue.amend(ClientOrderId.of("a"), PRICE, Quantity.of("3"));

        assertThat(venue.supportsAmend()).isTrue();
        assertThat(events.all()).containsExactly(new OrderAmended(ClientOrderId.of("a"), BTC, PRICE, Quantity.of("3"),
                clock.nanos()));
        assertThat(venue.openOrders()).containsExactly(new Order(limit("a", "2").amended(PRICE, Quantity.of("3")),
                OrderStatus.ACCEPTED, Quantity.ZERO, "v-a"));
    }

    @Test
    void byDefaultAnUnknownClosedOrOverfilledOrderIsRefusedAtOnce() throws VenueException {
        venue.amends().supported(true);
        venue.answer(ScriptedVenue.Answer.FILL).place(limit("filled", "2"));
        venue.answer(ScriptedVenue.Answer.PARTIAL_FILL).place(limit("half", "2"));
        events.clear();

        assertThat(refusal(() -> venue.amend(ClientOrderId.of("nope"), PRICE, Quantity.of("1"))).code().value())
                .isEqualTo("ORDER_NOT_FOUND");
        assertThat(refusal(() -> venue.amend(ClientOrderId.of("filled"), PRICE, Quantity.of("3"))).code().value())
                .isEqualTo("ONLY_OPEN_ORDERS_CAN_BE_EDITED");
        assertThat(refusal(() -> venue.amend(ClientOrderId.of("half"), PRICE, Quantity.of("1"))).code().value())
                .isEqualTo("CANNOT_EDIT_TO_BELOW_FILLED_SIZE");
        assertThat(events.all()).isEmpty();
        assertThat(venue.amends().calls()).hasSize(3);
    }

    @Test
    void scriptedAnswersRejectThrowOrWaitForTheTest() throws VenueException {
        venue.amends().supported(true).answer(ScriptedAmends.Answer.REJECT, ScriptedAmends.Answer.REFUSE,
                ScriptedAmends.Answer.THROW, ScriptedAmends.Answer.RATE_LIMIT, ScriptedAmends.Answer.TIMEOUT,
                ScriptedAmends.Answer.BUG, ScriptedAmends.Answer.HOLD, ScriptedAmends.Answer.HOLD);
        rest("a");
        ClientOrderId a = ClientOrderId.of("a");
        venue.amend(a, PRICE, Quantity.of("3"));
        VenueException refused = refusal(() -> venue.amend(a, PRICE, Quantity.of("3")));
        assertThat(refused.code().value()).isEqualTo("COMMANDER_REJECTED_EDIT_ORDER");
        assertThat(refused.isTransient()).isFalse();
        assertThat(refusal(() -> venue.amend(a, PRICE, Quantity.of("3"))).isTransient()).isTrue();
        assertThat(refusal(() -> venue.amend(a, PRICE, Quantity.of("3"))).retryAfter()).isPresent();
        assertThat(refusal(() -> venue.amend(a, PRICE, Quantity.of("3"))).isOutcomeUnknown()).isTrue();
        assertThatThrownBy(() -> venue.amend(a, PRICE, Quantity.of("3"))).isInstanceOf(IllegalStateException.class);
        venue.amend(a, PRICE, Quantity.of("4"));
        venue.amend(a, PRICE, Quantity.of("5"));
        assertThat(venue.order(a)).map(o -> o.request().quantity()).contains(Quantity.of("2"));

        venue.amends().reject(a, RejectionCode.of("INVALID_EDITED_SIZE"), "too big");
        venue.amends().confirm(a);

        assertThat(events.all()).containsExactly(
                new OrderAmendRejected(a, BTC, RejectionCode.of("COMMANDER_REJECTED_EDIT_ORDER"),
                        "scripted amend rejection", clock.nanos()),
                new OrderAmendRejected(a, BTC, RejectionCode.of("INVALID_EDITED_SIZE"), "too big", clock.nanos()),
                new OrderAmended(a, BTC, PRICE, Quantity.of("5"), clock.nanos()));
        assertThat(venue.order(a)).map(o -> o.request().quantity()).contains(Quantity.of("5"));
        assertThat(venue.amends().calls()).hasSize(8);
        assertThatThrownBy(() -> venue.amends().confirm(ClientOrderId.of("b"))).isInstanceOf(
                IllegalStateException.class).hasMessage("no amend was asked for b");
    }
}
