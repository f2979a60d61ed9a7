package io.tradehost.coordinator.runtime.venue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.venue.VenueException;
import io.tradehost.kernel.VenueEventAdapter;
import io.tradehost.kernel.VirtualClock;
import io.tradehost.testkit.EventRecorder;
import io.tradehost.testkit.Fixtures;
import io.tradehost.testkit.ScriptedAmends;
import io.tradehost.testkit.ScriptedVenue.Answer;
import io.tradehost.testkit.ScriptedVenue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
class CountedVenueTest {
    private static OrderRequest order(String id) {
        return OrderRequest.market(ClientOrderId.of(id), Symbol.of("BTC-PERP"), Side.BUY, Quantity.of("1"));
    }

    @Test
    void callsAreCountedByOperationAndFailuresByOperationAndCode() throws VenueException {
        ScriptedVenue scripted = new ScriptedVenue(List.of(Fixtures.perpetual("BTC-PERP")))
                .answer(Answer.FILL, Answer.THROW, Answer.RATE_LIMIT, Answer.BUG)
                .listener(new VenueEventAdapter(new EventRecorder(),
                        new VirtualClock(Fixtures.EPOCH)));
        CountedVenue venue = new CountedVenue(scripted);
        venue.connect();
        venue.place(order("r-1"));
        assertThatThrownBy(() -> venue.place(order("r-2"))).isInstanceOf(VenueException.class);
        assertThatThrownBy(() -> venue.place(order("r-3"))).isInstanceOf(VenueException.class);
        assertThatThrownBy(() -> venue.place(order("r-4"))).isInstanceOf(RuntimeException.class);
        venue.openOrders();
        venue.order(ClientOrderId.of("r-1"));

        VenueCallCounts counts = venue.counts();
        assertThat(counts.calls()).isEqualTo(Map.of("connect", 1L, "place", 4L, "open_orders", 1L, "order", 1L));
        assertThat(counts.errors()).containsOnlyKeys("place");
        assertThat(counts.errors().get("place")).containsOnlyKeys("UNAVAILABLE", "RATE_LIMITED",
                CountedVenue.PLUGIN_FAILURE).allSatisfy((code, n) -> assertThat(n).isEqualTo(1L));
        assertThat(venue.inner()).isSameAs(scripted);
    }

    @Test
    void amendsAreCountedAndTheirFailuresByCodeAndWhetherTheVenueAmendsIsForwardedUncounted() throws VenueException {
        ScriptedVenue scripted = new ScriptedVenue(List.of(Fixtures.perpetual("BTC-PERP")))
                .answer(Answer.ACCEPT)
                .listener(new VenueEventAdapter(new EventRecorder(), new VirtualClock(Fixtures.EPOCH)));
        scripted.amends().answer(ScriptedAmends.Answer.AMEND, ScriptedAmends.Answer.REFUSE, ScriptedAmends.Answer.BUG);
        CountedVenue venue = new CountedVenue(scripted);
        assertThat(venue.supportsAmend()).isFalse();
        scripted.amends().supported(true);
        assertThat(venue.supportsAmend()).isTrue();
        venue.place(order("r-1"));
        venue.amend(ClientOrderId.of("r-1"), Price.ofUnits(90), Quantity.of("2"));
        assertThatThrownBy(() -> venue.amend(ClientOrderId.of("r-1"), Price.ofUnits(90), Quantity.of("3")))
                .isInstanceOf(VenueException.class);
        assertThatThrownBy(() -> venue.amend(ClientOrderId.of("r-1"), Price.ofUnits(90), Quantity.of("3")))
                .isInstanceOf(IllegalStateException.class);

        assertThat(venue.counts().calls()).isEqualTo(Map.of("place", 1L, "amend", 3L));
        assertThat(venue.counts().errors()).isEqualTo(Map.of("amend", Map.of("COMMANDER_REJECTED_EDIT_ORDER", 1L,
                CountedVenue.PLUGIN_FAILURE, 1L)));
        assertThat(scripted.amends().calls()).extracting(ScriptedAmends.Call::quantity)
                .containsExactly(Quantity.of("2"), Quantity.of("3"), Quantity.of("3"));
    }

    @Test
    void whatTheVenuePublishesIsForwardedAndNotCountedAsACall() {
        ScriptedVenue scripted = new ScriptedVenue(List.of(Fixtures.perpetual("BTC-PERP")));
        CountedVenue venue = new CountedVenue(scripted);
        assertThat(venue.publishesDepth()).isFalse();
        assertThat(venue.publishesTrades()).isFalse();
        scripted.publishesDepth(true).publishesTrades(true);
        assertThat(venue.publishesDepth()).isTrue();
        assertThat(venue.publishesTrades()).isTrue();
        assertThat(venue.counts().calls()).isEmpty();
    }
}
