package io.tradehost.backtest.venue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.market.Quote;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Fill;
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
import io.tradehost.api.venue.VenueContext;
import io.tradehost.api.venue.VenueException;
import io.tradehost.api.venue.VenueListener;
import io.tradehost.backtest.tape.MarketEvent;
import io.tradehost.backtest.tape.TapeFormat;
import io.tradehost.kernel.Kernel;
import io.tradehost.kernel.VirtualClock;
import io.tradehost.testkit.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The backtest's venue amends resting limits in place, by the engine the paper venue amends with:
 * every answer is recorded and compared whole against hand-computed figures.
 */
class SimulatedVenueAmendTest {
    private static final Symbol BTC = Symbol.of("BTC-USD");
    private static final ClientOrderId ID = ClientOrderId.of("lim");

    private final VirtualClock clock = new VirtualClock(Fixtures.EPOCH);
    private final Kernel kernel = new Kernel(clock);
    private final List<String> heard = new ArrayList<>();

    private final VenueListener listener = new VenueListener() {
        @Override
        public void onQuote(Quote q) {
            heard.add("quote " + q.bid() + "/" + q.ask());
        }

        @Override
        public void onOrderAccepted(ClientOrderId id, Symbol symbol, String venueOrderId) {
            heard.add("accepted " + id.value() + " " + venueOrderId);
        }

        @Override
        public void onOrderRejected(ClientOrderId id, Symbol symbol, RejectionCode code, String message) {
            heard.add("rejected " + id.value() + " " + message);
        }

        @Override
        public void onFill(Fill f) {
            heard.add("fill " + f.clientOrderId().value() + " " + f.side() + " " + f.quantity() + "@" + f.price()
                    + " fee " + f.fee() + " " + f.liquidity());
        }

        @Override
        public void onOrderCancelled(ClientOrderId id, Symbol symbol, String reason) {
            heard.add("cancelled " + id.value() + " " + reason);
        }

        @Override
        public void onOrderAmended(ClientOrderId id, Symbol symbol, Price limitPrice, Quantity quantity) {
            heard.add("amended " + id.value() + " " + quantity + "@" + limitPrice);
        }

        @Override
        public void onAmendRejected(ClientOrderId id, Symbol symbol, RejectionCode code, String message) {
            heard.add("amend rejected " + id.value() + " " + code.value() + ": " + message);
        }

        @Override
        public void onConnectionChanged(boolean connected, String detail) {
            heard.add("connection " + connected);
        }
    };

    /** Taker 10 bps, maker -1 bps, half-spread 5 bps, slippage 10 bps, tick 0.1, lot 0.01, cash 10 000. */
    private SimulatedVenue venue() throws VenueException {
        SimulatedVenue venue = (SimulatedVenue) new SimulatedVenueFactory(Set.of(BTC)).create(
                new PluginConfig("venue.config", Map.of("starting_cash", "10000", "taker_fee_bps", "10",
                        "maker_fee_bps", "-1", "half_spread_bps", "5", "slippage_bps", "10", "depth_notional", "1000",
                        "level_step_bps", "0",
                        "markets", Map.of("BTC-USD", Map.of("tick", "0.1", "lot", "0.01")))),
                new VenueContext(clock, kernel, listener, Map.of(), 1));
        venue.connect();
        venue.subscribe(Set.of(BTC));
        return venue;
    }

    private static MarketEvent trade(long line, String price) {
        Price p = Price.of(price);
        return new MarketEvent(line * 1_000_000_000L, BTC, TapeFormat.TRADES, p, p, p, null, null, Quantity.ZERO,
                Quantity.ZERO, Quantity.ofUnits(1), line);
    }

    private static OrderRequest limit(String quantity, String price, boolean postOnly) {
        return new OrderRequest(ID, BTC, Side.BUY, OrderType.LIMIT, Quantity.of(quantity), Price.of(price),
                TimeInForce.GTC, false, postOnly);
    }

    @Test
    void anAmendedLimitFillsWhenTheTapeTradesThroughItsNewPriceNotItsOldOne() throws VenueException {
        SimulatedVenue venue = venue();
        assertThat(venue.supportsAmend()).isTrue();
        venue.onMarket(trade(1, "1000"));
        venue.place(limit("1", "990", false));
        venue.amend(ID, Price.of("980"), Quantity.of("2"));
        venue.onMarket(trade(2, "985"));
        venue.onMarket(trade(3, "980"));
        venue.onMarket(trade(4, "979.9"));
        // touches: 1000 -/+ 0.5 (5 bps); 985 -/+ 0.4925 out to the tick; 980 -/+ 0.49; maker fee 1960 x -1 bps
        assertThat(heard).containsExactly("quote 999.5/1000.5", "accepted lim BT-1", "amended lim 2@980",
                "quote 984.5/985.5", "quote 979.5/980.5", "quote 979.4/980.4", "fill lim BUY 2@980 fee -0.196 MAKER");
        assertThat(venue.order(ID)).contains(new Order(limit("2", "980", false), OrderStatus.FILLED, Quantity.of("2"),
                "BT-1"));
    }

    @Test
    void anAmendThroughTheTouchTakesTheRestAtTheSlippedTouchAsTaker() throws VenueException {
        SimulatedVenue venue = venue();
        venue.onMarket(trade(1, "1000"));
        venue.place(limit("1", "990", false));
        venue.amend(ID, Price.of("1010"), Quantity.of("3"));
        // the ask 1000.5 moved 10 bps (1.0005) up to the tick: 1001.6; fee 3004.8 x 10 bps
        assertThat(heard).containsExactly("quote 999.5/1000.5", "accepted lim BT-1", "amended lim 3@1010",
                "fill lim BUY 3@1001.6 fee 3.0048 TAKER");
        assertThat(venue.openOrders()).isEmpty();
        assertThat(venue.positions().get(BTC).quantity()).isEqualTo(Quantity.of("3"));
    }

    @Test
    void termsTheVenueWouldNotTakeAreAnsweredAndTheOrderStandsAsItWas() throws VenueException {
        SimulatedVenue venue = venue();
        venue.onMarket(trade(1, "1000"));
        OrderRequest resting = limit("1", "990", true);
        venue.place(resting);
        heard.clear();
        venue.amend(ID, Price.of("1001"), Quantity.of("1"));
        venue.amend(ID, Price.of("990.05"), Quantity.of("1"));
        venue.amend(ID, Price.of("990"), Quantity.of("1.005"));
        venue.amend(ID, Price.of("990"), Quantity.of("20"));
        String stands = "; the order stands as it was";
        assertThat(heard).containsExactly(
                "amend rejected lim POST_ONLY_WOULD_TAKE: POST_ONLY_WOULD_TAKE: post-only order would cross the book"
                        + " at 1000.5" + stands,
                "amend rejected lim INVALID_PRICE: INVALID_PRICE: limit price 990.05 is not a positive multiple of 0.1"
                        + stands,
                "amend rejected lim INVALID_SIZE: INVALID_SIZE: quantity 1.005 is not a multiple of 0.01 at least 0.01"
                        + stands,
                "amend rejected lim INSUFFICIENT_FUNDS: INSUFFICIENT_FUNDS: need 19798.02 USD, have 10000" + stands);
        assertThat(venue.openOrders()).containsExactly(new Order(resting, OrderStatus.ACCEPTED, Quantity.ZERO, "BT-1"));
    }

    @Test
    void anOrderThatCannotBeChangedIsRefusedAtOnce() throws VenueException {
        SimulatedVenue venue = venue();
        venue.onMarket(trade(1, "1000"));
        venue.place(OrderRequest.market(ClientOrderId.of("mkt"), BTC, Side.BUY, Quantity.of("1")));
        venue.place(limit("1", "990", false));
        heard.clear();
        assertRefused(venue, "nope", "1", "ORDER_NOT_FOUND", "no order nope");
        assertRefused(venue, "mkt", "1", "ONLY_OPEN_ORDERS_CAN_BE_EDITED", "order mkt is FILLED");
        venue.amend(ID, Price.of("980"), Quantity.of("0.5"));
        assertThat(heard).containsExactly("amended lim 0.5@980");
        venue.close();
        assertThatThrownBy(() -> venue.amend(ID, Price.of("980"), Quantity.of("1")))
                .isInstanceOfSatisfying(VenueException.class, e -> {
                    assertThat(e.code()).isEqualTo(RejectionCode.of("NOT_CONNECTED"));
                    assertThat(e.isTransient()).isTrue();
                });
    }

    private static void assertRefused(SimulatedVenue venue, String id, String quantity, String code, String message) {
        assertThatThrownBy(() -> venue.amend(ClientOrderId.of(id), Price.of("980"), Quantity.of(quantity)))
                .isInstanceOfSatisfying(VenueException.class, e -> {
                    assertThat(e.code()).isEqualTo(RejectionCode.of(code));
                    assertThat(e.getMessage()).isEqualTo(message);
                    assertThat(e.isTransient()).isFalse();
                });
    }
}
