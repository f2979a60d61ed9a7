package io.tradehost.backtest.venue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.config.ConfigException;
import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.market.Quote;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.OrderStatus;
import io.tradehost.api.order.Position;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.value.Money;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The simulated venue against hand-computed fills: every answer it gives is recorded and compared
 * as a whole sequence, and its account is checked against the fills it reported.
 */
class SimulatedVenueTest {
    private static final Symbol BTC = Symbol.of("BTC-USD");
    private static final Symbol PERP = Symbol.of("BTC-PERP");

    private final VirtualClock clock = new VirtualClock(Fixtures.EPOCH);
    private final Kernel kernel = new Kernel(clock);
    private final List<String> heard = new ArrayList<>();
    private final List<Fill> fills = new ArrayList<>();
    private long sequence;

    private final VenueListener listener = new VenueListener() {
        @Override
        public void onQuote(Quote q) {
            heard.add("quote " + q.symbol() + " " + q.bid() + "/" + q.ask() + " " + q.bidSize() + "/" + q.askSize());
        }

        @Override
        public void onOrderAccepted(ClientOrderId id, Symbol symbol, String venueOrderId) {
            heard.add("accepted " + id.value() + " " + venueOrderId);
        }

        @Override
        public void onOrderRejected(ClientOrderId id, Symbol symbol, RejectionCode code, String message) {
            heard.add("rejected " + id.value() + " " + code.value());
        }

        @Override
        public void onFill(Fill f) {
            fills.add(f);
            heard.add("fill " + f.clientOrderId().value() + " " + f.side() + " " + f.quantity() + "@" + f.price()
                    + " fee " + f.fee() + " " + f.liquidity());
        }

        @Override
        public void onOrderCancelled(ClientOrderId id, Symbol symbol, String reason) {
            heard.add("cancelled " + id.value() + " " + reason.substring(0, reason.indexOf(reason.contains(":")
                    ? ':' : ' ')));
        }

        @Override
        public void onFunding(io.tradehost.api.order.FundingPayment p) {
            heard.add("funding " + p.id() + " " + p.symbol() + " " + p.amount() + " rate " + p.rate() + " at "
                    + p.mark() + " size " + p.positionSize() + " t" + p.timestampNanos() / 1_000_000_000L);
        }

        @Override
        public void onFundingRate(io.tradehost.api.market.FundingRate f) {
            heard.add("rate " + f.symbol() + " " + f.rate() + " next t" + f.nextFundingNanos() / 1_000_000_000L);
        }

        @Override
        public void onConnectionChanged(boolean connected, String detail) {
            heard.add("connection " + connected);
        }
    };

    private SimulatedVenue venue(Map<String, Object> settings) throws VenueException {
        SimulatedVenueFactory factory = new SimulatedVenueFactory(Set.of(BTC, PERP));
        PluginConfig config = new PluginConfig("venue.config", settings);
        SimulatedVenue venue = (SimulatedVenue) factory.create(config,
                new VenueContext(clock, kernel, listener, Map.of(), 1));
        assertThat(config.unreadKeys()).isEmpty();
        assertThat(factory.venue()).isSameAs(venue);
        venue.connect();
        venue.subscribe(Set.of(BTC, PERP));
        return venue;
    }

    private static Map<String, Object> settings(Object... keyValues) {
        Map<String, Object> m = new HashMap<>();
        m.put("starting_cash", "10000");
        m.put("taker_fee_bps", "10");
        m.put("maker_fee_bps", "-1");
        m.put("half_spread_bps", "5");
        m.put("depth_notional", "1000");
        m.put("level_step_bps", "0"); // unlimited size at the touch, unless a test walks the book
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    private static MarketEvent trade(Symbol symbol, long second, String price) {
        Price p = Price.of(price);
        return new MarketEvent(second * 1_000_000_000L, symbol, TapeFormat.TRADES, p, p, p, null, null, Quantity.ZERO,
                Quantity.ZERO, Quantity.ofUnits(1), 1);
    }

    private OrderRequest order(Symbol symbol, Side side, OrderType type, String quantity, String limit,
                               TimeInForce tif, boolean postOnly) {
        return new OrderRequest(ClientOrderId.of("t-" + (++sequence)), symbol, side, type, Quantity.of(quantity),
                limit == null ? null : Price.of(limit), tif, false, postOnly);
    }

    @Test
    void marketOrdersTakeTheTouchAroundTheTradePriceAndPayTheTakerFee() throws VenueException {
        SimulatedVenue venue = venue(settings());
        venue.onMarket(trade(BTC, 0, "1000"));
        venue.place(order(BTC, Side.BUY, OrderType.MARKET, "2", null, TimeInForce.IOC, false));
        venue.onMarket(trade(BTC, 1, "1100"));
        venue.place(order(BTC, Side.SELL, OrderType.MARKET, "2", null, TimeInForce.IOC, false));
        // touch = price -/+ 5 bps: 999.5/1000.5, then 1099.45/1100.55; depth 1000 / price on the lot grid
        assertThat(heard).containsExactly(
                "quote BTC-USD 999.5/1000.5 1/1",
                "accepted t-1 BT-1",
                "fill t-1 BUY 2@1000.5 fee 2.001 TAKER",
                "quote BTC-USD 1099.45/1100.55 1/1",
                "accepted t-2 BT-2",
                "fill t-2 SELL 2@1099.45 fee 2.1989 TAKER");
        Money expectedCash = Money.of("10000").minus(Money.of("2001")).minus(Money.of("2.001"))
                .plus(Money.of("2198.9")).minus(Money.of("2.1989"));
        assertThat(venue.cash()).isEqualTo(expectedCash);
        assertThat(venue.equity()).isEqualTo(expectedCash);
        assertThat(venue.positions().get(BTC)).isEqualTo(Position.flat(BTC).apply(fills.get(0)).apply(fills.get(1)));
        assertThat(venue.order(ClientOrderId.of("t-2")).orElseThrow().status()).isEqualTo(OrderStatus.FILLED);
        assertThat(venue.fills(ClientOrderId.of("t-1"))).containsExactly(fills.getFirst());
    }

    /**
     * The book walked: 1 shown at each side (1000 of depth at 1000), levels 10 bps apart: a buy of 2 takes
     * 1 at the ask 1000.5 and 1 at 1000.5 + 1.0005 = 1001.5005.
     */
    @Test
    void aMarketOrderLargerThanTheDepthShownWalksTheLevels() throws VenueException {
        SimulatedVenue venue = venue(settings("level_step_bps", "10"));
        venue.onMarket(trade(BTC, 0, "1000"));
        venue.place(order(BTC, Side.BUY, OrderType.MARKET, "2", null, TimeInForce.IOC, false));
        assertThat(heard).containsExactly("quote BTC-USD 999.5/1000.5 1/1", "accepted t-1 BT-1",
                "fill t-1 BUY 1@1000.5 fee 1.0005 TAKER", "fill t-1 BUY 1@1001.5005 fee 1.0015005 TAKER");
    }

    /**
     * The race a latency makes: a bid rests (its placement reached the book 100 ms after it was sent);
     * a cancel is sent; 50 ms later the market trades through the bid, which fills; the cancel arrives
     * 50 ms after that and finds nothing to cancel. The venue reports the fill and no cancel.
     */
    @Test
    void aCancelOnItsWayLosesTheRaceAgainstAFill() throws VenueException {
        SimulatedVenue venue = venue(settings("latency", "100ms"));
        venue.onMarket(trade(BTC, 0, "1000"));
        OrderRequest bid = order(BTC, Side.BUY, OrderType.LIMIT, "1", "990", TimeInForce.GTC, false);
        venue.place(bid);
        kernel.advanceBy(Duration.ofMillis(100));
        venue.cancel(bid.clientOrderId());
        kernel.advanceBy(Duration.ofMillis(50));
        venue.onMarket(trade(BTC, 1, "989"));
        kernel.advanceBy(Duration.ofMillis(50));
        kernel.advanceBy(Duration.ofMillis(100));
        assertThat(heard).containsExactly("quote BTC-USD 999.5/1000.5 1/1", "accepted t-1 BT-1",
                "quote BTC-USD 988.5055/989.4945 1/1", "fill t-1 BUY 1@990 fee -0.099 MAKER");
        assertThat(venue.order(bid.clientOrderId()).orElseThrow().status()).isEqualTo(OrderStatus.FILLED);
        // a cancel that arrives first wins: the next bid is cancelled before the market reaches it
        OrderRequest next = order(BTC, Side.BUY, OrderType.LIMIT, "1", "980", TimeInForce.GTC, false);
        venue.place(next);
        kernel.advanceBy(Duration.ofMillis(100));
        venue.cancel(next.clientOrderId());
        kernel.advanceBy(Duration.ofMillis(100));
        venue.onMarket(trade(BTC, 2, "979"));
        assertThat(heard).endsWith("accepted t-2 BT-2", "cancelled t-2 cancelled", "quote BTC-USD 978.5105/979.4895 1/1");
        assertThatThrownBy(() -> venue.cancel(ClientOrderId.of("nope"))).isInstanceOf(VenueException.class);
        assertThatThrownBy(() -> venue.amend(ClientOrderId.of("nope"), Price.of("1"), Quantity.of("1")))
                .isInstanceOf(VenueException.class).hasMessageContaining("no order nope");
    }

    /**
     * Funding every 8 h since the epoch at 0.0001 until a row says -0.0002: a long of 1 BTC-PERP pays
     * 1 x 1010 x 0.0001 = 0.101 at 08:00 (the mark before the row that passed it), then receives
     * 1 x 1020 x 0.0002 = 0.204 at 16:00 and at 24:00, both passed by one row. Spot holds pay nothing.
     */
    @Test
    void perpetualPositionsPayFundingAtEachIntervalAtTheRateOfTheirRows() throws VenueException {
        SimulatedVenue venue = venue(settings("funding_rate", "0.0001", "funding_interval", "8h"));
        venue.onMarket(trade(PERP, 0, "1000"));
        venue.place(order(PERP, Side.BUY, OrderType.MARKET, "1", null, TimeInForce.IOC, false));
        venue.onMarket(trade(BTC, 1, "1000"));
        venue.place(order(BTC, Side.BUY, OrderType.MARKET, "1", null, TimeInForce.IOC, false));
        Money before = venue.cash();
        venue.onMarket(trade(PERP, 28_799, "1010"));
        venue.onMarket(trade(PERP, 28_800, "1020"));
        venue.onMarket(trade(PERP, 30_000, "1020").withFundingRate(io.tradehost.api.value.Ratio.of("-0.0002")));
        venue.onMarket(trade(PERP, 86_400, "1000"));
        assertThat(heard.stream().filter(h -> h.startsWith("funding") || h.startsWith("rate")).toList())
                .containsExactly(
                        "rate BTC-PERP 0.0001 next t28800",
                        "funding bt-funding-1 BTC-PERP -0.101 rate 0.0001 at 1010 size 1 t28800",
                        "rate BTC-PERP 0.0001 next t57600",
                        "rate BTC-PERP -0.0002 next t57600",
                        "funding bt-funding-2 BTC-PERP 0.204 rate -0.0002 at 1020 size 1 t57600",
                        "rate BTC-PERP -0.0002 next t86400",
                        "funding bt-funding-3 BTC-PERP 0.204 rate -0.0002 at 1020 size 1 t86400",
                        "rate BTC-PERP -0.0002 next t115200");
        assertThat(venue.cash()).isEqualTo(before.minus(Money.of("0.101")).plus(Money.of("0.408")));
    }

    @Test
    void slippageMovesTakerFillsAgainstTheOrderOnTheTickGrid() throws VenueException {
        SimulatedVenue venue = venue(settings("slippage_bps", "10", "markets", Map.of("BTC-USD", Map.of("tick", "0.1"))));
        venue.onMarket(trade(BTC, 0, "1000"));
        venue.place(order(BTC, Side.BUY, OrderType.MARKET, "1", null, TimeInForce.IOC, false));
        venue.place(order(BTC, Side.SELL, OrderType.MARKET, "1", null, TimeInForce.IOC, false));
        // touch 999.5/1000.5; 10 bps worse: 1001.5005 up to 1001.6, 998.50050 down to 998.5
        assertThat(fills).extracting(Fill::price).containsExactly(Price.of("1001.6"), Price.of("998.5"));
    }

    @Test
    void restingLimitsFillAtTheirPriceAsMakerOnlyWhenTheMarketTradesThroughThem() throws VenueException {
        SimulatedVenue venue = venue(settings());
        venue.onMarket(trade(BTC, 0, "1000"));
        venue.place(order(BTC, Side.BUY, OrderType.LIMIT, "1", "990", TimeInForce.GTC, false));
        venue.onMarket(trade(BTC, 1, "990"));
        assertThat(venue.openOrders()).hasSize(1);
        venue.onMarket(trade(BTC, 2, "989.99"));
        venue.place(order(BTC, Side.SELL, OrderType.LIMIT, "1", "1010", TimeInForce.GTC, true));
        venue.onMarket(trade(BTC, 3, "1010.01"));
        assertThat(heard).containsExactly(
                "quote BTC-USD 999.5/1000.5 1/1",
                "accepted t-1 BT-1",
                "quote BTC-USD 989.505/990.495 1/1",
                "quote BTC-USD 989.495005/990.484995 1/1",
                "fill t-1 BUY 1@990 fee -0.099 MAKER",
                "accepted t-2 BT-2",
                "quote BTC-USD 1009.504995/1010.515005 1/1",
                "fill t-2 SELL 1@1010 fee -0.101 MAKER");
        assertThat(venue.openOrders()).isEmpty();
        assertThat(venue.cash()).isEqualTo(Money.of("10000").minus(Money.of("990")).plus(Money.of("0.099"))
                .plus(Money.of("1010")).plus(Money.of("0.101")));
    }

    @Test
    void marketableLimitsTakeAndOthersRestOrEndByTheirTimeInForce() throws VenueException {
        SimulatedVenue venue = venue(settings());
        venue.onMarket(trade(BTC, 0, "1000"));
        venue.place(order(BTC, Side.BUY, OrderType.LIMIT, "1", "1001", TimeInForce.GTC, false));
        venue.place(order(BTC, Side.BUY, OrderType.LIMIT, "1", "999", TimeInForce.IOC, false));
        venue.place(order(BTC, Side.BUY, OrderType.LIMIT, "1", "1001", TimeInForce.GTC, true));
        venue.place(order(BTC, Side.BUY, OrderType.LIMIT, "1", "900", TimeInForce.GTC, false));
        venue.cancel(ClientOrderId.of("t-4"));
        // a post-only order that would take is refused before it is taken, as the paper venue does
        assertThat(heard.subList(1, heard.size())).containsExactly(
                "accepted t-1 BT-1", "fill t-1 BUY 1@1000.5 fee 1.0005 TAKER",
                "accepted t-2 BT-2", "cancelled t-2 IOC",
                "rejected t-3 POST_ONLY_WOULD_TAKE",
                "accepted t-4 BT-3", "cancelled t-4 cancelled");
        OrderRequest again = OrderRequest.market(ClientOrderId.of("t-1"), BTC, Side.BUY, Quantity.of("1"));
        assertThatThrownBy(() -> venue.place(again)).isInstanceOf(VenueException.class)
                .hasMessageContaining("already used");
        assertThat(venue.duplicatePlacements()).isEqualTo(1);
    }

    @Test
    void theAccountRefusesWhatItCannotPayOrHold() throws VenueException {
        SimulatedVenue venue = venue(settings());
        venue.onMarket(trade(BTC, 0, "1000"));
        venue.onMarket(trade(PERP, 0, "1000"));
        venue.place(order(BTC, Side.BUY, OrderType.MARKET, "10", null, TimeInForce.IOC, false));
        venue.place(order(BTC, Side.SELL, OrderType.MARKET, "1", null, TimeInForce.IOC, false));
        venue.place(order(PERP, Side.BUY, OrderType.MARKET, "101", null, TimeInForce.IOC, false));
        venue.place(order(PERP, Side.SELL, OrderType.MARKET, "90", null, TimeInForce.IOC, false));
        venue.place(order(BTC, Side.BUY, OrderType.MARKET, "0.123456789", null, TimeInForce.IOC, false));
        // without latency the account's refusals come before the order is taken: rejections, as on paper
        assertThat(heard.subList(2, heard.size())).containsExactly(
                "rejected t-1 INSUFFICIENT_FUNDS",
                "rejected t-2 INSUFFICIENT_BALANCE",
                "rejected t-3 INSUFFICIENT_MARGIN",
                "accepted t-4 BT-1", "fill t-4 SELL 90@999.5 fee 89.955 TAKER",
                "rejected t-5 INVALID_SIZE");
        // a perpetual fill moves no notional, only its fee; equity is cash plus unrealised PnL at the last price
        assertThat(venue.cash()).isEqualTo(Money.of("10000").minus(Money.of("89.955")));
        assertThat(venue.equity()).isEqualTo(venue.cash().plus(Money.of("-45")));
    }

    @Test
    void withALatencyAnOrderReachesTheBookLaterAndFillsAtTheTouchThen() throws VenueException {
        SimulatedVenue venue = venue(settings("latency", "2s"));
        venue.onMarket(trade(BTC, 0, "1000"));
        venue.place(order(BTC, Side.BUY, OrderType.MARKET, "1", null, TimeInForce.IOC, false));
        clock.setTo(clock.nanos() + 1_000_000_000L);
        venue.onMarket(trade(BTC, 1, "1200"));
        kernel.advanceBy(Duration.ofSeconds(1));
        assertThat(heard).containsExactly("quote BTC-USD 999.5/1000.5 1/1", "accepted t-1 BT-1",
                "quote BTC-USD 1199.4/1200.6 1/1",
                "fill t-1 BUY 1@1200.6 fee 1.2006 TAKER");
    }

    @Test
    void aMarketOrderBeforeAnyPriceIsRefusedAndStopsAreLeftToTheHost() throws VenueException {
        SimulatedVenue venue = venue(settings());
        venue.place(order(BTC, Side.BUY, OrderType.MARKET, "1", null, TimeInForce.IOC, false));
        venue.place(new OrderRequest(ClientOrderId.of("stop"), BTC, Side.BUY, OrderType.STOP_MARKET, Quantity.of("1"),
                null, TimeInForce.GTC, false, false, Price.of("1000")));
        assertThat(venue.supportsNatively(OrderType.STOP_MARKET)).isFalse();
        assertThat(venue.supportsNatively(OrderType.STOP_LIMIT)).isFalse();
        assertThat(venue.supportsNatively(OrderType.LIMIT)).isTrue();
        assertThat(heard).containsExactly("rejected t-1 NO_MARKET", "rejected stop UNSUPPORTED_ORDER_TYPE");
    }

    @Test
    void withALatencyARefusalFoundAtTheBookCancelsTheTakenOrderAndACancelOnTheWayFollowsIt() throws VenueException {
        SimulatedVenue venue = venue(settings("latency", "1s"));
        venue.place(order(BTC, Side.BUY, OrderType.MARKET, "1", null, TimeInForce.IOC, false));
        kernel.advanceBy(Duration.ofSeconds(1));
        venue.onMarket(trade(BTC, 1, "1000"));
        venue.place(order(BTC, Side.BUY, OrderType.MARKET, "100", null, TimeInForce.IOC, false));
        venue.place(order(BTC, Side.BUY, OrderType.LIMIT, "1", "900", TimeInForce.GTC, false));
        venue.cancel(ClientOrderId.of("t-3"));
        assertThat(venue.openOrders()).isEmpty();
        kernel.advanceBy(Duration.ofSeconds(1));
        assertThat(heard).containsExactly("accepted t-1 BT-1", "cancelled t-1 NO_MARKET",
                "quote BTC-USD 999.5/1000.5 1/1", "accepted t-2 BT-2", "accepted t-3 BT-3",
                "cancelled t-2 INSUFFICIENT_FUNDS", "cancelled t-3 cancelled");
        assertThat(venue.order(ClientOrderId.of("t-3")).orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(venue.openOrders()).isEmpty();
    }

    @Test
    void productsComeFromTheMarketsBlockWithDefaultsByName() throws VenueException {
        SimulatedVenue venue = venue(settings("markets", Map.of("BTC-USD", Map.of("tick", "0.01", "lot", "0.001",
                "min_size", "0.01"))));
        assertThat(venue.products()).extracting(p -> p.symbol() + " " + p.kind() + " " + p.priceIncrement() + " "
                + p.sizeIncrement() + " " + p.minSize() + " " + p.maxLeverage()).containsExactly(
                "BTC-PERP PERPETUAL 0.00000001 0.00000001 0.00000001 10",
                "BTC-USD SPOT 0.01 0.001 0.01 1");
        SimulatedVenueFactory factory = new SimulatedVenueFactory(Set.of(BTC));
        assertThatThrownBy(() -> factory.create(new PluginConfig("venue.config", Map.of("markets",
                Map.of("BTC-USD", Map.of("kind", "future")))), new VenueContext(clock, kernel, listener, Map.of(), 1)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("venue.config.markets.BTC-USD.kind");
        assertThatThrownBy(new SimulatedVenueFactory(Set.of(BTC))::venue).isInstanceOf(IllegalStateException.class);
    }
}
