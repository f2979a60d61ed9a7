package io.tradehost.plugins.venue.paper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.event.OrderAccepted;
import io.tradehost.api.event.OrderAmendRejected;
import io.tradehost.api.event.OrderAmended;
import io.tradehost.api.event.OrderCancelled;
import io.tradehost.api.event.OrderFilled;
import io.tradehost.api.market.Quote;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.Liquidity;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.OrderStatus;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Ratio;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.value.TimeInForce;
import io.tradehost.api.venue.VenueContext;
import io.tradehost.api.venue.VenueException;
import io.tradehost.kernel.Kernel;
import io.tradehost.kernel.VenueEventAdapter;
import io.tradehost.kernel.VirtualClock;
import io.tradehost.testkit.EventRecorder;
import io.tradehost.testkit.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Amending a resting limit order of the paper venue. Nothing is subscribed and the market is stepped
 * by hand ({@link PaperVenue#tick}), so the events recorded are the order's alone and are compared
 * whole, with the seeded market deciding every price.
 */
class PaperAmendTest {
    private static final Symbol SOL = Symbol.of("SOL-USD");
    private static final ClientOrderId ID = ClientOrderId.of("lim-1");
    private static final Ratio MAKER_BPS = Ratio.of("2");
    private static final Ratio TAKER_BPS = Ratio.of("5");

    @TempDir
    Path dir;

    private final VirtualClock clock = new VirtualClock(Fixtures.EPOCH);
    private final Kernel kernel = new Kernel(clock);
    private final EventRecorder events = new EventRecorder();

    private PaperVenue venue() {
        PaperVenue venue = (PaperVenue) new PaperVenueFactory().create(new PluginConfig("venue.config",
                Map.of("starting_cash", "10000", "markets", Map.of("SOL-USD", Map.of("volatility_bps", "50",
                        "price", "150")))), new VenueContext(clock, kernel, new VenueEventAdapter(events, clock),
                Map.of(), 3, dir));
        venue.connect();
        return venue;
    }

    private static OrderRequest limit(Side side, String quantity, Price price, boolean postOnly) {
        return new OrderRequest(ID, SOL, side, OrderType.LIMIT, Quantity.of(quantity), price, TimeInForce.GTC, false,
                postOnly);
    }

    private long now() {
        return clock.nanos();
    }

    private OrderAccepted accepted(String venueOrderId) {
        return new OrderAccepted(ID, SOL, venueOrderId, now());
    }

    private OrderAmended amended(Price price, String quantity) {
        return new OrderAmended(ID, SOL, price, Quantity.of(quantity), now());
    }

    private OrderFilled filled(String tradeId, Side side, String quantity, Price price, Ratio feeBps,
                               Liquidity liquidity) {
        Quantity q = Quantity.of(quantity);
        return new OrderFilled(new Fill(tradeId, ID, SOL, side, q, price, price.times(q).bps(feeBps), liquidity,
                now()));
    }

    /** Steps the market until something is reported; the quotes after each step, the last one the filling step's. */
    private List<Quote> stepUntilReported(PaperVenue venue) {
        List<Quote> path = new ArrayList<>();
        int before = events.all().size();
        for (int i = 0; i < 2000 && events.all().size() == before; i++) {
            venue.tick();
            path.add(venue.quoteOf(SOL));
        }
        return path;
    }

    @Test
    void anAmendedPriceIsFilledWhenTheMarketReachesItAndNotTheOldOne() throws VenueException {
        PaperVenue venue = venue();
        Price old = venue.quoteOf(SOL).bid().minus(Price.of("0.5"));
        Price lower = old.minus(Price.of("1"));
        venue.place(limit(Side.BUY, "1", old, false));
        venue.amend(ID, lower, Quantity.of("1"));
        assertThat(venue.order(ID)).contains(new Order(limit(Side.BUY, "1", lower, false), OrderStatus.ACCEPTED,
                Quantity.ZERO, "PV-1"));

        List<Quote> path = stepUntilReported(venue);

        assertThat(path.subList(0, path.size() - 1)).as("the market passed the old price without a fill")
                .anyMatch(q -> !q.ask().isGreaterThan(old))
                .allMatch(q -> q.ask().isGreaterThan(lower));
        assertThat(path.getLast().ask().isGreaterThan(lower)).isFalse();
        assertThat(events.all()).containsExactly(accepted("PV-1"), amended(lower, "1"),
                filled("PT-1", Side.BUY, "1", lower, MAKER_BPS, Liquidity.MAKER));
        assertThat(venue.order(ID)).map(Order::status).contains(OrderStatus.FILLED);
        assertThat(venue.openOrders()).isEmpty();
    }

    @Test
    void theSizeGoesUpAndDownAtTheSamePriceAndTheSameTermsAreAnAmendToo() throws VenueException {
        PaperVenue venue = venue();
        Price price = venue.quoteOf(SOL).bid().minus(Price.of("5"));
        venue.place(limit(Side.BUY, "1", price, true));
        venue.amend(ID, price, Quantity.of("3"));
        venue.amend(ID, price, Quantity.of("2"));
        venue.amend(ID, price, Quantity.of("2"));

        assertThat(events.all()).containsExactly(accepted("PV-1"), amended(price, "3"), amended(price, "2"),
                amended(price, "2"));
        Order expected = new Order(limit(Side.BUY, "2", price, true), OrderStatus.ACCEPTED, Quantity.ZERO, "PV-1");
        assertThat(venue.openOrders()).containsExactly(expected);
        assertThat(venue.order(ID)).contains(expected);
    }

    @Test
    void anAmendThroughTheBookFillsAtTheTouchAsTakerAsANewMarketableLimitWould() throws VenueException {
        PaperVenue venue = venue();
        Quote quote = venue.quoteOf(SOL);
        venue.place(limit(Side.BUY, "1", quote.bid().minus(Price.of("2")), false));
        Price through = quote.ask().plus(Price.of("1"));
        venue.amend(ID, through, Quantity.of("2"));

        assertThat(events.all()).containsExactly(accepted("PV-1"), amended(through, "2"),
                filled("PT-1", Side.BUY, "2", quote.ask(), TAKER_BPS, Liquidity.TAKER));
        assertThat(venue.order(ID)).contains(new Order(limit(Side.BUY, "2", through, false), OrderStatus.FILLED,
                Quantity.of("2"), "PV-1"));
        assertThat(venue.openOrders()).isEmpty();
        assertThat(venue.account().position(SOL).orElseThrow().quantity()).isEqualTo(Quantity.of("2"));
    }

    @Test
    void aPostOnlyOrderAmendedToTakeIsRefusedAndStandsAsItWas() throws VenueException {
        PaperVenue venue = venue();
        Quote quote = venue.quoteOf(SOL);
        OrderRequest resting = limit(Side.SELL, "1", quote.ask().plus(Price.of("2")), true);
        venue.place(new OrderRequest(ClientOrderId.of("buy"), SOL, Side.BUY, OrderType.MARKET, Quantity.of("1"), null,
                TimeInForce.GTC, false, false));
        events.clear();
        venue.place(resting);
        venue.amend(ID, quote.bid(), Quantity.of("1"));

        String why = "POST_ONLY_WOULD_TAKE: post-only order would cross the book at " + quote.bid()
                + "; the order stands as it was";
        assertThat(events.all()).containsExactly(accepted("PV-2"),
                new OrderAmendRejected(ID, SOL, RejectionCode.of("POST_ONLY_WOULD_TAKE"), why, now()));
        assertThat(venue.openOrders()).containsExactly(new Order(resting, OrderStatus.ACCEPTED, Quantity.ZERO, "PV-2"));
    }

    @Test
    void newTermsTheVenueWouldNotTakeAreAnsweredAsRefusalsAndChangeNothing() throws VenueException {
        PaperVenue venue = venue();
        Price price = venue.quoteOf(SOL).bid().minus(Price.of("5"));
        OrderRequest resting = limit(Side.BUY, "1", price, false);
        venue.place(resting);
        venue.amend(ID, price, Quantity.of("1.005"));
        venue.amend(ID, price.plus(Price.of("0.001")), Quantity.of("1"));
        venue.amend(ID, Price.ZERO, Quantity.of("1"));
        venue.amend(ID, price, Quantity.of("100"));

        assertThat(events.all()).containsExactly(accepted("PV-1"),
                rejected("INVALID_SIZE", "INVALID_SIZE: quantity 1.005 is not a multiple of 0.01 at least 0.01"),
                rejected("INVALID_PRICE", "INVALID_PRICE: limit price " + price.plus(Price.of("0.001"))
                        + " is not a positive multiple of 0.01"),
                rejected("INVALID_PRICE", "INVALID_PRICE: limit price 0 is not a positive multiple of 0.01"),
                rejected("INSUFFICIENT_FUNDS", "INSUFFICIENT_FUNDS: need " + price.times(Quantity.of("100"))
                        .plus(price.times(Quantity.of("100")).bps(MAKER_BPS)) + " USD, have 10000"));
        assertThat(venue.openOrders()).containsExactly(new Order(resting, OrderStatus.ACCEPTED, Quantity.ZERO, "PV-1"));
    }

    private OrderAmendRejected rejected(String code, String refusal) {
        return new OrderAmendRejected(ID, SOL, RejectionCode.of(code), refusal + "; the order stands as it was", now());
    }

    @Test
    void anOrderThatCannotBeChangedIsRefusedAtOnceWithCoinbasesReasons() throws VenueException {
        PaperVenue venue = venue();
        Quote quote = venue.quoteOf(SOL);
        Price below = quote.bid().minus(Price.of("5"));
        venue.place(new OrderRequest(ClientOrderId.of("mkt"), SOL, Side.BUY, OrderType.MARKET, Quantity.of("1"), null,
                TimeInForce.GTC, false, false));
        venue.place(new OrderRequest(ClientOrderId.of("gone"), SOL, Side.BUY, OrderType.LIMIT, Quantity.of("1"), below,
                TimeInForce.GTC, false, false));
        venue.cancel(ClientOrderId.of("gone"));
        venue.place(new OrderRequest(ClientOrderId.of("stop"), SOL, Side.SELL, OrderType.STOP_LIMIT, Quantity.of("1"),
                below.minus(Price.of("1")), TimeInForce.GTC, false, false, below));
        // a buy stop below the market triggers at once and, its limit far below, rests as that limit
        venue.place(new OrderRequest(ClientOrderId.of("fired"), SOL, Side.BUY, OrderType.STOP_LIMIT, Quantity.of("1"),
                below, TimeInForce.GTC, false, false, below));
        venue.place(limit(Side.BUY, "1", below, false));
        events.clear();

        assertRefused(venue, "nope", "1", "ORDER_NOT_FOUND", "no order nope");
        assertRefused(venue, "mkt", "1", "ONLY_OPEN_ORDERS_CAN_BE_EDITED", "order mkt is FILLED");
        assertRefused(venue, "gone", "1", "ONLY_OPEN_ORDERS_CAN_BE_EDITED", "order gone is CANCELLED");
        assertRefused(venue, "stop", "1", "ONLY_LIMIT_ORDER_EDITS_SUPPORTED", "order stop is a STOP_LIMIT");
        assertRefused(venue, "fired", "1", "ONLY_LIMIT_ORDER_EDITS_SUPPORTED", "order fired is a STOP_LIMIT");
        assertRefused(venue, ID.value(), "0", "CANNOT_EDIT_TO_BELOW_FILLED_SIZE",
                "order lim-1 has filled 0, the new total 0 is not above it");
        assertThat(events.all()).as("a refusal at once is not reported as well").isEmpty();
        assertThat(venue.openOrders()).extracting(Order::clientOrderId).containsExactly(ClientOrderId.of("stop"),
                ClientOrderId.of("fired"), ID);
        venue.close();
        assertThatThrownBy(() -> venue.amend(ID, below, Quantity.of("1"))).isInstanceOfSatisfying(
                VenueException.class, e -> {
                    assertThat(e.code()).isEqualTo(RejectionCode.of("NOT_CONNECTED"));
                    assertThat(e.isTransient()).isTrue();
                });
    }

    private static void assertRefused(PaperVenue venue, String id, String quantity, String code, String message) {
        assertThatThrownBy(() -> venue.amend(ClientOrderId.of(id), Price.of("100"), Quantity.of(quantity)))
                .isInstanceOfSatisfying(VenueException.class, e -> {
                    assertThat(e.code()).isEqualTo(RejectionCode.of(code));
                    assertThat(e.getMessage()).isEqualTo(message);
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e.isOutcomeUnknown()).isFalse();
                });
    }

    /**
     * The paper venue fills whole (liquidity at its touch is unlimited), so the partly filled order is
     * written into its book as a venue with finite liquidity would have left it.
     */
    @Test
    void afterAPartialFillTheNewTotalMustExceedWhatFilledAndOnlyTheRestFills() throws VenueException {
        PaperVenue first = venue();
        Quote quote = first.quoteOf(SOL);
        Price below = quote.bid().minus(Price.of("5"));
        first.place(limit(Side.BUY, "2", below, false));
        first.close();
        try (PaperStore store = PaperStore.open(dir)) {
            store.saveOrder(new Order(limit(Side.BUY, "2", below, false), OrderStatus.PARTIALLY_FILLED,
                    Quantity.of("0.5"), "PV-1"), true, false);
            store.commit();
        }
        PaperVenue venue = venue();
        events.clear();

        assertRefused(venue, ID.value(), "0.5", "CANNOT_EDIT_TO_BELOW_FILLED_SIZE",
                "order lim-1 has filled 0.5, the new total 0.5 is not above it");
        assertRefused(venue, ID.value(), "0.4", "CANNOT_EDIT_TO_BELOW_FILLED_SIZE",
                "order lim-1 has filled 0.5, the new total 0.4 is not above it");
        venue.amend(ID, below, Quantity.of("1"));
        assertThat(venue.openOrders()).containsExactly(new Order(limit(Side.BUY, "1", below, false),
                OrderStatus.PARTIALLY_FILLED, Quantity.of("0.5"), "PV-1"));
        Price through = quote.ask().plus(Price.of("1"));
        venue.amend(ID, through, Quantity.of("1.5"));

        assertThat(events.all()).containsExactly(amended(below, "1"), amended(through, "1.5"),
                filled("PT-1", Side.BUY, "1", quote.ask(), TAKER_BPS, Liquidity.TAKER));
        assertThat(venue.order(ID)).contains(new Order(limit(Side.BUY, "1.5", through, false), OrderStatus.FILLED,
                Quantity.of("1.5"), "PV-1"));
    }

    @Test
    void anAmendedOrderOutlivesTheVenueWithItsNewTermsAndFillsOnThemAfterARestart() throws VenueException {
        PaperVenue first = venue();
        Price old = first.quoteOf(SOL).bid().minus(Price.of("0.5"));
        Price lower = old.minus(Price.of("1"));
        first.place(limit(Side.BUY, "1", old, true));
        first.amend(ID, lower, Quantity.of("3"));
        first.close();
        events.clear();

        PaperVenue again = venue();
        Order expected = new Order(limit(Side.BUY, "3", lower, true), OrderStatus.ACCEPTED, Quantity.ZERO, "PV-1");
        assertThat(again.openOrders()).containsExactly(expected);
        assertThat(again.order(ID)).contains(expected);
        List<Quote> path = stepUntilReported(again);

        assertThat(path.subList(0, path.size() - 1)).allMatch(q -> q.ask().isGreaterThan(lower));
        assertThat(events.all()).containsExactly(filled("PT-1", Side.BUY, "3", lower, MAKER_BPS, Liquidity.MAKER));
        again.close();
        assertThat(venue().order(ID)).map(Order::status).contains(OrderStatus.FILLED);
    }

    @Test
    void theVenueSaysItAmendsAndACancelAfterAnAmendCancelsTheAmendedOrder() throws VenueException {
        PaperVenue venue = venue();
        Price price = venue.quoteOf(SOL).bid().minus(Price.of("5"));
        venue.place(limit(Side.BUY, "1", price, false));
        venue.amend(ID, price.minus(Price.of("1")), Quantity.of("2"));
        venue.cancel(ID);

        assertThat(venue.supportsAmend()).isTrue();
        assertThat(events.all()).containsExactly(accepted("PV-1"), amended(price.minus(Price.of("1")), "2"),
                new OrderCancelled(ID, SOL, "cancelled on request", now()));
        assertThat(venue.order(ID)).contains(new Order(limit(Side.BUY, "2", price.minus(Price.of("1")), false),
                OrderStatus.CANCELLED, Quantity.ZERO, "PV-1"));
    }
}
