package io.tradehost.api.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.command.AmendOrder;
import io.tradehost.api.event.OrderAmendRejected;
import io.tradehost.api.event.OrderAmended;
import io.tradehost.api.market.Quote;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Product;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.value.TimeInForce;
import io.tradehost.api.venue.Venue;
import io.tradehost.api.venue.VenueException;
import io.tradehost.api.venue.VenueListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** An order changed in place: the records that carry it, the terms it takes, and what a venue says by default. */
class AmendTermsTest {
    private static final Symbol BTC = Symbol.of("BTC-PERP");
    private static final ClientOrderId ID = ClientOrderId.of("r-1");
    private static final OrderRequest BID = new OrderRequest(ID, BTC, Side.BUY, OrderType.LIMIT, Quantity.of("2"),
            Price.of("99"), TimeInForce.IOC, true, true);

    @Test
    void anAmendedRequestKeepsEverythingButItsPriceAndTotal() {
        assertThat(BID.amended(Price.of("98"), Quantity.of("3"))).isEqualTo(new OrderRequest(ID, BTC, Side.BUY,
                OrderType.LIMIT, Quantity.of("3"), Price.of("98"), TimeInForce.IOC, true, true));
    }

    @Test
    void onlyALimitViewWithAPositivePriceAndATotalNoLessThanFilledHasTermsToTrust() {
        assertThat(new Order(BID, OrderStatus.ACCEPTED, Quantity.of("2"), "v").hasLimitTerms()).isTrue();
        assertThat(new Order(BID, OrderStatus.ACCEPTED, Quantity.of("2.1"), "v").hasLimitTerms()).isFalse();
        assertThat(new Order(BID.amended(Price.of("0"), Quantity.of("2")), OrderStatus.ACCEPTED, Quantity.ZERO, "v")
                .hasLimitTerms()).isFalse();
        assertThat(new Order(OrderRequest.market(ID, BTC, Side.BUY, Quantity.of("1")), OrderStatus.ACCEPTED,
                Quantity.ZERO, "v").hasLimitTerms()).isFalse();
    }

    @Test
    void theRecordsRequireWhatTheyCarryAndAnAmendAPositiveTotal() {
        assertThatThrownBy(() -> new AmendOrder(null, BTC, Price.of("1"), Quantity.of("1"), "r", 0))
                .hasMessage("clientOrderId");
        assertThatThrownBy(() -> new AmendOrder(ID, null, Price.of("1"), Quantity.of("1"), "r", 0)).hasMessage("symbol");
        assertThatThrownBy(() -> new AmendOrder(ID, BTC, null, Quantity.of("1"), "r", 0)).hasMessage("limitPrice");
        assertThatThrownBy(() -> new AmendOrder(ID, BTC, Price.of("1"), null, "r", 0)).hasMessage("quantity");
        assertThatThrownBy(() -> new AmendOrder(ID, BTC, Price.of("1"), Quantity.of("1"), null, 0)).hasMessage("reason");
        assertThatThrownBy(() -> new AmendOrder(ID, BTC, Price.of("1"), Quantity.ZERO, "r", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("amended quantity must be positive: 0");
        assertThatThrownBy(() -> new OrderAmended(null, BTC, Price.of("1"), Quantity.of("1"), 0))
                .hasMessage("clientOrderId");
        assertThatThrownBy(() -> new OrderAmended(ID, null, Price.of("1"), Quantity.of("1"), 0)).hasMessage("symbol");
        assertThatThrownBy(() -> new OrderAmended(ID, BTC, null, Quantity.of("1"), 0)).hasMessage("limitPrice");
        assertThatThrownBy(() -> new OrderAmended(ID, BTC, Price.of("1"), null, 0)).hasMessage("quantity");
        RejectionCode code = RejectionCode.of("NOPE");
        assertThatThrownBy(() -> new OrderAmendRejected(null, BTC, code, "m", 0)).hasMessage("clientOrderId");
        assertThatThrownBy(() -> new OrderAmendRejected(ID, null, code, "m", 0)).hasMessage("symbol");
        assertThatThrownBy(() -> new OrderAmendRejected(ID, BTC, null, "m", 0)).hasMessage("code");
        assertThatThrownBy(() -> new OrderAmendRejected(ID, BTC, code, null, 0)).hasMessage("message");
    }

    @Test
    void aVenueAmendsNothingUnlessItSaysSoAndAListenerIgnoresAmendAnswersUnlessItHears() {
        Venue venue = new Venue() {
            @Override
            public void connect() {
            }

            @Override
            public List<Product> products() {
                return List.of();
            }

            @Override
            public void subscribe(Set<Symbol> symbols) {
            }

            @Override
            public void place(OrderRequest request) {
            }

            @Override
            public void cancel(ClientOrderId clientOrderId) {
            }

            @Override
            public Optional<Order> order(ClientOrderId clientOrderId) {
                return Optional.empty();
            }

            @Override
            public List<Fill> fills(ClientOrderId clientOrderId) {
                return List.of();
            }

            @Override
            public List<Order> openOrders() {
                return List.of();
            }

            @Override
            public AccountSnapshot account() {
                return null;
            }

            @Override
            public void close() {
            }
        };
        assertThat(venue.supportsAmend()).isFalse();
        assertThatThrownBy(() -> venue.amend(ID, Price.of("1"), Quantity.of("1"))).isInstanceOfSatisfying(
                VenueException.class, e -> {
                    assertThat(e.code()).isEqualTo(RejectionCode.of("AMEND_UNSUPPORTED"));
                    assertThat(e.isTransient()).isFalse();
                });
        List<String> heard = new ArrayList<>();
        VenueListener listener = new VenueListener() {
            @Override
            public void onQuote(Quote quote) {
                heard.add("quote");
            }

            @Override
            public void onOrderAccepted(ClientOrderId clientOrderId, Symbol symbol, String venueOrderId) {
                heard.add("accepted");
            }

            @Override
            public void onOrderRejected(ClientOrderId clientOrderId, Symbol symbol, RejectionCode code,
                                        String message) {
                heard.add("rejected");
            }

            @Override
            public void onFill(Fill fill) {
                heard.add("fill");
            }

            @Override
            public void onOrderCancelled(ClientOrderId clientOrderId, Symbol symbol, String reason) {
                heard.add("cancelled");
            }

            @Override
            public void onConnectionChanged(boolean connected, String detail) {
                heard.add("connection");
            }
        };
        listener.onOrderAmended(ID, BTC, Price.of("1"), Quantity.of("1"));
        listener.onAmendRejected(ID, BTC, RejectionCode.of("NOPE"), "no");
        assertThat(heard).isEmpty();
    }
}
