package io.tradehost.plugins.venue.paper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.event.OrderAccepted;
import io.tradehost.api.event.OrderCancelled;
import io.tradehost.api.event.OrderFilled;
import io.tradehost.api.event.OrderRejected;
import io.tradehost.api.event.QuoteReceived;
import io.tradehost.api.market.Quote;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.Liquidity;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.OrderStatus;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Ratio;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.value.TimeInForce;
import io.tradehost.api.venue.Venue;
import io.tradehost.api.venue.VenueContext;
import io.tradehost.api.venue.VenueException;
import io.tradehost.kernel.Kernel;
import io.tradehost.kernel.VenueEventAdapter;
import io.tradehost.kernel.VirtualClock;
import io.tradehost.testkit.EventRecorder;
import io.tradehost.testkit.Fixtures;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
class PaperVenueTest {
    private static final Symbol BTC = Symbol.of("BTC-PERP");
    private static final Symbol SOL = Symbol.of("SOL-USD");

    private final VirtualClock clock = new VirtualClock(Fixtures.EPOCH);
    private final Kernel kernel = new Kernel(clock);
    private final EventRecorder events = new EventRecorder();
    private int orders;

    private PaperVenue venue(long seed, Map<String, Object> config) {
        PluginConfig block = new PluginConfig("venue.config", config);
        PaperVenue venue = (PaperVenue) new PaperVenueFactory().create(block, new VenueContext(clock, kernel,
                new VenueEventAdapter(events, clock), Map.of(), seed));
        assertThat(block.unreadKeys()).isEmpty();
        venue.connect();
        return venue;
    }

    private PaperVenue venue() {
        return venue(1, Map.of("starting_cash", "10000"));
    }

    private ClientOrderId place(Venue venue, Side side, Symbol symbol, String qty) throws VenueException {
        ClientOrderId id = ClientOrderId.of("o-" + (++orders));
        venue.place(OrderRequest.market(id, symbol, side, Quantity.of(qty)));
        return id;
    }

    private List<String> rejections() {
        return events.of(OrderRejected.class).stream().map(r -> r.code().value()).toList();
    }

    @Test
    void theSameSeedGivesTheSameMarketAndAnotherSeedADifferentOne() throws VenueException {
        List<Quote> first = quotes(venue(7, Map.of()));
        List<Quote> again = quotes(venue(7, Map.of()));
        List<Quote> other = quotes(venue(8, Map.of()));
        assertThat(first).hasSize(200);
        assertThat(books(first)).isEqualTo(books(again)).isNotEqualTo(books(other));
        assertThat(first).allSatisfy(q -> assertThat(q.defect()).isNull());
        assertThat(first).allSatisfy(q -> assertThat(q.ask().isGreaterThan(q.bid())).isTrue());
    }

    private static List<String> books(List<Quote> quotes) {
        return quotes.stream().map(q -> q.symbol() + " " + q.bid() + "/" + q.ask()).toList();
    }

    private List<Quote> quotes(PaperVenue venue) throws VenueException {
        events.clear();
        venue.subscribe(Set.of(BTC, SOL));
        kernel.advanceBy(Duration.ofMillis(250 * 99));
        venue.close();
        kernel.advanceBy(Duration.ofSeconds(5));
        return events.of(QuoteReceived.class).stream().map(QuoteReceived::quote).toList();
    }

    @Test
    void aMarketBuyFillsAtTheAskAsTakerAndMarginsThePerpetual() throws VenueException {
        PaperVenue venue = venue();
        Price ask = venue.quoteOf(BTC).ask();
        ClientOrderId id = place(venue, Side.BUY, BTC, "0.01");
        assertThat(events.of(OrderAccepted.class)).extracting(OrderAccepted::clientOrderId).containsExactly(id);
        Fill fill = events.of(OrderFilled.class).getFirst().fill();
        assertThat(fill.price()).isEqualTo(ask);
        assertThat(fill.liquidity()).isEqualTo(Liquidity.TAKER);
        assertThat(fill.fee()).isEqualTo(ask.times(Quantity.of("0.01")).bps(Ratio.of("5")));
        assertThat(venue.account().cash("USD")).isEqualTo(Money.of("10000").minus(fill.fee()));
        assertThat(venue.account().position(BTC).orElseThrow().quantity()).isEqualTo(Quantity.of("0.01"));
        assertThat(venue.order(id).orElseThrow().status()).isEqualTo(OrderStatus.FILLED);
        assertThat(venue.equity()).isLessThan(Money.of("10000"));
    }

    @Test
    void spotNeedsCashToBuyAndHoldingsToSell() throws VenueException {
        PaperVenue venue = venue();
        place(venue, Side.BUY, SOL, "100");
        place(venue, Side.SELL, SOL, "1");
        place(venue, Side.BUY, SOL, "10");
        place(venue, Side.SELL, SOL, "10");
        assertThat(rejections()).containsExactly("INSUFFICIENT_FUNDS", "INSUFFICIENT_BALANCE");
        assertThat(events.of(OrderRejected.class).getFirst().message()).startsWith("INSUFFICIENT_FUNDS: need ");
        assertThat(events.of(OrderFilled.class)).hasSize(2);
        assertThat(venue.account().position(SOL).orElseThrow().isFlat()).isTrue();
    }

    @Test
    void perpetualExposureIsLimitedByEquityTimesMaxLeverageButReducingAlwaysWorks() throws VenueException {
        PaperVenue venue = venue();
        place(venue, Side.BUY, BTC, "4");
        assertThat(rejections()).containsExactly("INSUFFICIENT_MARGIN");
        place(venue, Side.BUY, BTC, "1");
        venue.place(new OrderRequest(ClientOrderId.of("ro-1"), BTC, Side.BUY, OrderType.MARKET, Quantity.of("1"), null,
                TimeInForce.GTC, true, false));
        venue.place(new OrderRequest(ClientOrderId.of("ro-2"), BTC, Side.SELL, OrderType.MARKET, Quantity.of("1"), null,
                TimeInForce.GTC, true, false));
        assertThat(rejections()).containsExactly("INSUFFICIENT_MARGIN", "REDUCE_ONLY");
        assertThat(venue.account().position(BTC).orElseThrow().isFlat()).isTrue();
    }

    @Test
    void limitOrdersRestAndFillAsMakerWhenTheBookCrossesThem() throws VenueException {
        PaperVenue venue = venue(3, Map.of("markets", Map.of("SOL-USD", Map.of("volatility_bps", "50"))));
        venue.subscribe(Set.of(SOL));
        Price limit = venue.quoteOf(SOL).ask().minus(Price.of("0.05"));
        ClientOrderId id = ClientOrderId.of("lim-1");
        venue.place(new OrderRequest(id, SOL, Side.BUY, OrderType.LIMIT, Quantity.of("1"), limit, TimeInForce.GTC,
                false, false));
        assertThat(venue.openOrders()).extracting(o -> o.clientOrderId()).containsExactly(id);
        for (int i = 0; i < 400 && events.of(OrderFilled.class).isEmpty(); i++) {
            kernel.advanceBy(Duration.ofMillis(250));
        }
        Fill fill = events.of(OrderFilled.class).getFirst().fill();
        assertThat(fill.price()).isEqualTo(limit);
        assertThat(fill.liquidity()).isEqualTo(Liquidity.MAKER);
        assertThat(venue.openOrders()).isEmpty();
    }

    @Test
    void unmarketableImmediateOrdersAreCancelledAndPostOnlyNeverTakes() throws VenueException {
        PaperVenue venue = venue();
        Price ask = venue.quoteOf(SOL).ask();
        venue.place(new OrderRequest(ClientOrderId.of("ioc"), SOL, Side.BUY, OrderType.LIMIT, Quantity.of("1"),
                ask.minus(Price.of("1")), TimeInForce.IOC, false, false));
        venue.place(new OrderRequest(ClientOrderId.of("po"), SOL, Side.BUY, OrderType.LIMIT, Quantity.of("1"),
                ask, TimeInForce.GTC, false, true));
        assertThat(events.of(OrderCancelled.class)).extracting(OrderCancelled::reason)
                .containsExactly("IOC limit not marketable");
        assertThat(rejections()).containsExactly("POST_ONLY_WOULD_TAKE");
    }

    @Test
    void badOrdersAreRejectedWithACode() throws VenueException {
        PaperVenue venue = venue();
        place(venue, Side.BUY, SOL, "0.005");
        place(venue, Side.BUY, Symbol.of("XRP-USD"), "1");
        assertThat(rejections()).containsExactly("INVALID_SIZE", "UNKNOWN_SYMBOL");
        assertThatThrownBy(() -> venue.place(OrderRequest.market(ClientOrderId.of("o-1"), SOL, Side.BUY,
                Quantity.of("1")))).isInstanceOf(VenueException.class).hasMessageContaining("already used");
        assertThatThrownBy(() -> venue.cancel(ClientOrderId.of("nope"))).isInstanceOf(VenueException.class)
                .hasMessage("no order nope");
        assertThatThrownBy(() -> venue.subscribe(Set.of(Symbol.of("XRP-USD")))).isInstanceOf(VenueException.class);
        venue.close();
        assertThatThrownBy(() -> place(venue, Side.BUY, SOL, "1")).isInstanceOf(VenueException.class)
                .hasMessage("the paper venue is not connected");
    }

    @Test
    void restingOrdersCanBeCancelledAndFailWhenFundsAreGone() throws VenueException {
        PaperVenue venue = venue(3, Map.of("starting_cash", "200", "markets",
                Map.of("SOL-USD", Map.of("volatility_bps", "50", "price", "150"))));
        venue.subscribe(Set.of(SOL));
        Price below = venue.quoteOf(SOL).bid().minus(Price.of("0.5"));
        venue.place(new OrderRequest(ClientOrderId.of("a"), SOL, Side.BUY, OrderType.LIMIT, Quantity.of("1"), below,
                TimeInForce.GTC, false, false));
        venue.cancel(ClientOrderId.of("a"));
        venue.cancel(ClientOrderId.of("a"));
        assertThat(events.of(OrderCancelled.class)).hasSize(1);
        venue.place(new OrderRequest(ClientOrderId.of("b"), SOL, Side.BUY, OrderType.LIMIT, Quantity.of("1"), below,
                TimeInForce.GTC, false, false));
        place(venue, Side.BUY, SOL, "1");
        for (int i = 0; i < 400 && events.of(OrderCancelled.class).size() < 2; i++) {
            kernel.advanceBy(Duration.ofMillis(250));
        }
        assertThat(events.of(OrderCancelled.class).getLast().reason())
                .startsWith("INSUFFICIENT_FUNDS").endsWith("when the book crossed");
    }

    @Test
    void listsItsProductsAndNeedsNoCredentials() {
        PaperVenueFactory factory = new PaperVenueFactory();
        assertThat(factory.name()).isEqualTo("paper");
        assertThat(factory.requiredCredentials()).isEmpty();
        assertThat(factory.description()).isNotBlank();
        assertThat(venue().products()).extracting(p -> p.symbol().value())
                .containsExactly("BTC-PERP", "ETH-PERP", "DOGE-PERP", "SOL-USD", "ETH-USD");
        assertThat(venue(1, Map.of("markets", Map.of("SOL-USD", Map.of("price", "42")))).quoteOf(SOL).bid()
                .toDouble()).isBetween(41.9, 42.0);
    }

    @Test
    void stopsRestUntilAStepReachesTheirTriggerThenFillOrRestAsTheirLimit() throws VenueException {
        PaperVenue venue = venue(3, Map.of("starting_cash", "1000000"));
        venue.subscribe(Set.of(BTC));
        Price mid = venue.quoteOf(BTC).mid();
        Price up = mid.plus(Price.of("30"));
        ClientOrderId market = ClientOrderId.of("stop-1");
        venue.place(new OrderRequest(market, BTC, Side.BUY, OrderType.STOP_MARKET, Quantity.of("0.1"), null,
                TimeInForce.GTC, false, false, up));
        ClientOrderId limit = ClientOrderId.of("stop-2");
        Price down = mid.minus(Price.of("30"));
        venue.place(new OrderRequest(limit, BTC, Side.SELL, OrderType.STOP_LIMIT, Quantity.of("0.1"),
                down.minus(Price.of("1000")), TimeInForce.GTC, false, false, down));
        assertThat(events.of(OrderAccepted.class)).hasSize(2);
        assertThat(events.of(OrderFilled.class)).isEmpty();
        assertThat(venue.openOrders()).extracting(o -> o.clientOrderId().value()).containsExactly("stop-1", "stop-2");
        int firstAtOrAbove = -1;
        int buyFilledAt = -1;
        for (int step = 0; step < 20_000 && events.of(OrderFilled.class).size() < 2; step++) {
            kernel.advanceBy(Duration.ofMillis(250));
            Price now = venue.quoteOf(BTC).mid();
            if (firstAtOrAbove < 0 && !now.isLessThan(up)) {
                firstAtOrAbove = step;
            }
            if (buyFilledAt < 0 && events.of(OrderFilled.class).stream().anyMatch(f -> f.fill().side() == Side.BUY)) {
                buyFilledAt = step;
            }
        }
        assertThat(buyFilledAt).as("the buy stop fills on the step its trigger is reached, not before or after")
                .isEqualTo(firstAtOrAbove).isNotNegative();
        List<Fill> fills = events.of(OrderFilled.class).stream().map(OrderFilled::fill).toList();
        assertThat(fills).extracting(f -> f.clientOrderId().value()).containsExactlyInAnyOrder("stop-1", "stop-2");
        assertThat(fills).allSatisfy(f -> assertThat(f.liquidity()).isEqualTo(Liquidity.TAKER));
        Fill buy = fills.stream().filter(f -> f.side() == Side.BUY).findFirst().orElseThrow();
        assertThat(buy.price().isLessThan(up)).isFalse().as("a buy stop fills at or above its trigger's touch");
        Fill sell = fills.stream().filter(f -> f.side() == Side.SELL).findFirst().orElseThrow();
        assertThat(sell.price().isGreaterThan(down)).isFalse();
        assertThat(venue.order(market).orElseThrow().status()).isEqualTo(OrderStatus.FILLED);
        assertThat(venue.order(market).orElseThrow().request().stopPrice()).isEqualTo(up);
        assertThat(venue.supportsNatively(OrderType.STOP_MARKET)).isTrue();
    }

    @Test
    void aTriggeredStopLimitThatCannotFillRestsAsALimitAndSurvivesAReopen(@TempDir Path dir) throws VenueException {
        PaperVenue venue = (PaperVenue) new PaperVenueFactory().create(new PluginConfig("venue.config",
                Map.of("starting_cash", "1000000")), new VenueContext(clock, kernel, new VenueEventAdapter(events, clock),
                Map.of(), 3, dir));
        venue.connect();
        venue.subscribe(Set.of(BTC));
        Price mid = venue.quoteOf(BTC).mid();
        ClientOrderId id = ClientOrderId.of("stop-3");
        // triggers at once (a buy stop below the market), its limit far below: it rests as a limit
        venue.place(new OrderRequest(id, BTC, Side.BUY, OrderType.STOP_LIMIT, Quantity.of("0.1"),
                mid.minus(Price.of("5000")), TimeInForce.GTC, false, false, mid.minus(Price.of("1"))));
        assertThat(venue.openOrders()).extracting(o -> o.clientOrderId()).containsExactly(id);
        venue.close();
        PaperVenue again = (PaperVenue) new PaperVenueFactory().create(new PluginConfig("venue.config",
                Map.of("starting_cash", "1000000")), new VenueContext(clock, kernel, new VenueEventAdapter(events, clock),
                Map.of(), 3, dir));
        again.connect();
        assertThat(again.openOrders()).singleElement().satisfies(o -> {
            assertThat(o.request().type()).isEqualTo(OrderType.STOP_LIMIT);
            assertThat(o.request().stopPrice()).isEqualTo(mid.minus(Price.of("1")));
        });
        again.close();
    }
}
