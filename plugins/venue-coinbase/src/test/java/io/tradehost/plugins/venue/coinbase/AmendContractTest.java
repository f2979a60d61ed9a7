package io.tradehost.plugins.venue.coinbase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import io.tradehost.exchange.auth.KeyType;
import io.tradehost.exchange.engine.ExchangeFill;
import io.tradehost.exchange.engine.ExchangeOrder;
import io.tradehost.exchange.fault.Fault;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CoinbaseVenue#amend} against the local exchange over real sockets on 127.0.0.1: a resting
 * order's new price and size heard as {@code onOrderAmended} and shown by {@code openOrders} and
 * {@code order}; an edit through the book heard before the fill it caused; the exchange's refusals
 * heard as {@code onAmendRejected} with its reason as the code; refusals the plugin makes without the
 * network thrown at once; lost, failed and rate-limited answers resolved by reading the order back.
 * The market stands still; waits are bounded.
 */
@Timeout(60)
class AmendContractTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Symbol BTC = Symbol.of("BTC-USD");

    @TempDir
    Path dir;
    private ExchangeHarness h;
    private CoinbaseVenue venue;
    private int ids;

    @BeforeEach
    void start() throws Exception {
        h = new ExchangeHarness(dir, KeyType.ED25519, 100);
        venue = h.connect(Map.of());
    }

    @AfterEach
    void close() {
        h.close();
    }

    /** A resting buy far below the market. */
    private OrderRequest restingBuy(String qty, boolean postOnly) throws VenueException {
        BigDecimal low = h.bestBid("BTC-USD").multiply(new BigDecimal("0.5")).setScale(2, RoundingMode.DOWN);
        OrderRequest r = new OrderRequest(ClientOrderId.of("amend", ++ids), BTC, Side.BUY, OrderType.LIMIT,
                Quantity.of(qty), Price.of(low), TimeInForce.GTC, false, postOnly);
        venue.place(r);
        return r;
    }

    private void awaitEvents(int count) throws InterruptedException {
        assertThat(h.listener.await(WAIT, l -> l.events().size() >= count)).as("%d events", count).isTrue();
    }

    private ExchangeOrder atExchange(ClientOrderId id) {
        return h.exchange.engine().orders(false, List.of()).stream().filter(o -> o.clientOrderId.equals(id.value()))
                .findFirst().orElseThrow();
    }

    @Test
    void aRestingOrdersNewPriceAndSizeAreHeardAndShownByEveryView() throws Exception {
        assertThat(venue.supportsAmend()).isTrue();
        OrderRequest r = restingBuy("0.1", true);
        ClientOrderId id = r.clientOrderId();
        Price to = r.limitPrice().plus(Price.of("10.50"));
        venue.amend(id, to, Quantity.of("0.25"));
        awaitEvents(2);
        assertThat(h.listener.events()).containsExactly("accepted " + id, "amended " + id + " 0.25@" + to);
        OrderRequest amended = r.amended(to, Quantity.of("0.25"));
        assertThat(venue.openOrders()).extracting(Order::request).containsExactly(amended);
        Order order = venue.order(id).orElseThrow();
        assertThat(order.request()).isEqualTo(amended);
        assertThat(order.status()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(atExchange(id).limitPrice).isEqualByComparingTo(to.toBigDecimal());
        assertThat(atExchange(id).baseSize).isEqualByComparingTo("0.25");

        // two edits asked back to back reach the exchange in the order asked
        venue.amend(id, to, Quantity.of("0.2"));
        venue.amend(id, to.plus(Price.of("1")), Quantity.of("0.3"));
        awaitEvents(4);
        assertThat(h.listener.events().subList(2, 4)).containsExactly("amended " + id + " 0.2@" + to,
                "amended " + id + " 0.3@" + to.plus(Price.of("1")));
        assertThat(venue.order(id).orElseThrow().request()).isEqualTo(r.amended(to.plus(Price.of("1")),
                Quantity.of("0.3")));
        assertThat(h.exchange.stats()).containsEntry("orders_edited", 3L);
    }

    @Test
    void anEditThroughTheBookIsHeardBeforeItsFillAndTheExchangesRefusalsKeepTheirReason() throws Exception {
        OrderRequest r = restingBuy("0.1", false);
        ClientOrderId id = r.clientOrderId();
        Price ask = Price.of(h.bestAsk("BTC-USD"));
        Quantity askSize = Quantity.of(h.bestAskSize("BTC-USD"));
        Quantity total = askSize.plus(Quantity.of("0.5"));
        venue.amend(id, ask, total);
        awaitEvents(3);
        ExchangeFill fill = h.exchange.engine().fills(List.of(), List.of()).getFirst();
        assertThat(h.listener.events()).containsExactly("accepted " + id, "amended " + id + " " + total + "@" + ask,
                "fill " + id + " " + fill.tradeId() + " " + askSize + "@" + ask);
        Order partly = venue.order(id).orElseThrow();
        assertThat(partly.status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(partly.filledQuantity()).isEqualTo(askSize);
        assertThat(partly.request()).isEqualTo(r.amended(ask, total));

        venue.amend(id, ask, askSize);
        awaitEvents(4);
        venue.cancel(id);
        assertThat(h.listener.await(WAIT, l -> l.count("cancelled " + id) == 1)).isTrue();
        venue.amend(id, ask, total.plus(Quantity.of("1")));
        awaitEvents(6);
        assertThat(h.listener.events().subList(3, 6)).containsExactly(
                "amend-rejected " + id + " CANNOT_EDIT_TO_BELOW_FILLED_SIZE", "cancelled " + id,
                "amend-rejected " + id + " ONLY_OPEN_ORDERS_CAN_BE_EDITED");
        assertThat(h.listener.amendMessages().getFirst()).contains("CANNOT_EDIT_TO_BELOW_FILLED_SIZE")
                .contains("must exceed the " + askSize.toBigDecimal().stripTrailingZeros().toPlainString()
                        + " already filled");
        assertThat(venue.order(id).orElseThrow().request()).isEqualTo(r.amended(ask, total));
    }

    @Test
    void whatThePluginCanJudgeAloneIsThrownAtOnceWithoutAsking() throws Exception {
        OrderRequest r = restingBuy("0.1", false);
        ClientOrderId stop = ClientOrderId.of("amend-stop", 1);
        BigDecimal mid = h.exchange.engine().mid("BTC-USD");
        Price trigger = Price.of(mid.add(new BigDecimal("500.00")));
        venue.place(new OrderRequest(stop, BTC, Side.BUY, OrderType.STOP_LIMIT, Quantity.of("0.01"),
                trigger.plus(Price.of("10")), TimeInForce.GTC, false, false, trigger));
        long requests = restRequests();
        assertThatThrownBy(() -> venue.amend(ClientOrderId.of("never-placed"), Price.of("1000"), Quantity.of("1")))
                .isInstanceOf(VenueException.class).satisfies(e -> assertThat(((VenueException) e).code())
                        .isEqualTo(RejectionCode.of("ORDER_NOT_FOUND")));
        assertThatThrownBy(() -> venue.amend(stop, trigger, Quantity.of("0.02")))
                .isInstanceOf(VenueException.class).satisfies(e -> assertThat(((VenueException) e).code())
                        .isEqualTo(RejectionCode.of("ONLY_LIMIT_ORDER_EDITS_SUPPORTED")));
        assertThatThrownBy(() -> venue.amend(r.clientOrderId(), r.limitPrice(), Quantity.ZERO))
                .isInstanceOf(VenueException.class).satisfies(e -> assertThat(((VenueException) e).code())
                        .isEqualTo(RejectionCode.of("INVALID_EDITED_SIZE")));
        assertThat(restRequests()).isEqualTo(requests);
        assertThat(h.listener.events()).containsExactly("accepted " + r.clientOrderId(), "accepted " + stop);
    }

    @Test
    void aLostAFailedAndARateLimitedAnswerAreSettledByReadingTheOrderBack() throws Exception {
        OrderRequest r = restingBuy("0.1", false);
        ClientOrderId id = r.clientOrderId();
        Price p1 = r.limitPrice().plus(Price.of("1"));
        h.exchange.inject(Fault.LOSE_ORDER_RESPONSE, 1, 0);
        venue.amend(id, p1, Quantity.of("0.2"));
        awaitEvents(2);
        h.exchange.inject(Fault.SERVER_ERROR, 1, 0);
        venue.amend(id, p1.plus(Price.of("1")), Quantity.of("0.3"));
        awaitEvents(3);
        h.exchange.inject(Fault.RATE_LIMIT, 1, 0);
        venue.amend(id, p1.plus(Price.of("2")), Quantity.of("0.4"));
        awaitEvents(4);
        assertThat(h.listener.events()).containsExactly("accepted " + id, "amended " + id + " 0.2@" + p1,
                "amend-rejected " + id + " VENUE_ERROR", "amend-rejected " + id + " RATE_LIMITED");
        assertThat(h.listener.amendMessages().get(0)).contains("HTTP 503").contains("still shows 0.2 at " + p1);
        assertThat(h.listener.amendMessages().get(1)).contains("HTTP 429").contains("retry after 1000 ms");
        assertThat(venue.order(id).orElseThrow().request()).isEqualTo(r.amended(p1, Quantity.of("0.2")));
        assertThat(h.exchange.stats()).containsEntry("orders_edited", 1L);
    }

    /** REST requests the exchange has answered under {@code /api/v3/brokerage}, from its admin statistics. */
    private long restRequests() throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(h.exchange.uri() + "/exchange/stats"))
                    .header("Authorization", "Bearer " + h.exchange.adminToken()).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new ObjectMapper().readTree(r.body()).path("rest_requests").asLong();
        }
    }
}
