package io.tradehost.plugins.venue.paper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.event.BookReceived;
import io.tradehost.api.event.FundingPaid;
import io.tradehost.api.event.FundingRateReceived;
import io.tradehost.api.event.Message;
import io.tradehost.api.event.QuoteReceived;
import io.tradehost.api.market.BookDepth;
import io.tradehost.api.market.BookLevel;
import io.tradehost.api.market.FundingRate;
import io.tradehost.api.market.Quote;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.FundingPayment;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Ratio;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.venue.VenueContext;
import io.tradehost.api.venue.VenueException;
import io.tradehost.kernel.Kernel;
import io.tradehost.kernel.VenueEventAdapter;
import io.tradehost.kernel.VirtualClock;
import io.tradehost.testkit.EventRecorder;
import io.tradehost.testkit.Fixtures;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The paper venue's depth and funding-rate data on the virtual clock: the synthetic book around the
 * quote, published when its levels change and only then, and each subscribed perpetual's funding
 * rate with its next payment time, when subscribed and at every payment.
 */
class PaperMarketDataTest {
    private static final Symbol BTC = Symbol.of("BTC-PERP");
    private static final Symbol ETH = Symbol.of("ETH-PERP");
    private static final Symbol SOL = Symbol.of("SOL-USD");
    private static final long T0 = Fixtures.EPOCH.getEpochSecond() * 1_000_000_000L;
    private static final long HOUR = Duration.ofHours(1).toNanos();

    private final VirtualClock clock = new VirtualClock(Fixtures.EPOCH);
    private final Kernel kernel = new Kernel(clock);
    private final EventRecorder events = new EventRecorder();

    private PaperVenue venue(Map<String, Object> config) {
        PluginConfig block = new PluginConfig("venue.config", config);
        PaperVenue venue = (PaperVenue) new PaperVenueFactory().create(block, new VenueContext(clock, kernel,
                new VenueEventAdapter(events, clock), Map.of(), 1));
        assertThat(block.unreadKeys()).isEmpty();
        venue.connect();
        return venue;
    }

    private List<BookDepth> books() {
        return events.of(BookReceived.class).stream().map(BookReceived::book).toList();
    }

    private List<FundingRate> rates() {
        return events.of(FundingRateReceived.class).stream().map(FundingRateReceived::funding).toList();
    }

    private static BookLevel level(String price, String size) {
        return new BookLevel(Price.of(price), Quantity.of(size));
    }

    @Test
    void aStillMarketsBookIsPublishedOnceTheQuoteOnTopAndLevelsAHalfSpreadApart() throws VenueException {
        PaperVenue venue = venue(Map.of("depth_levels", 3, "markets", Map.of("SOL-USD", Map.of("volatility_bps",
                "0"))));
        assertThat(venue.publishesDepth()).isTrue();
        venue.subscribe(Set.of(SOL));
        kernel.advanceBy(Duration.ofMillis(250 * 9));
        // 150 with a 3 bp spread on a 0.01 tick: 149.97 / 150.03, 6666.66 SOL (1000000 notional) at each touch;
        // deeper, 6666.66 x 1.5 and x 2 times the factor each price draws (1.63, 2.08; 1.70, 2.24 in all)
        Quote quote = events.of(QuoteReceived.class).getFirst().quote();
        assertThat(events.of(QuoteReceived.class)).hasSize(10);
        assertThat(books()).containsExactly(new BookDepth(SOL,
                List.of(level("149.97", "6666.66"), level("149.94", "10866.65"), level("149.91", "11333.32")),
                List.of(level("150.03", "6666.66"), level("150.06", "13866.65"), level("150.09", "14933.31")),
                quote.timestampNanos()));
        assertThat(books().getFirst().bids().getFirst()).isEqualTo(new BookLevel(quote.bid(), quote.bidSize()));
        assertThat(books().getFirst().asks().getFirst()).isEqualTo(new BookLevel(quote.ask(), quote.askSize()));
    }

    @Test
    void aMovingMarketsBookFollowsItsQuoteAndIsPublishedOnlyOnTheStepsThatMovedIt() throws VenueException {
        // about one and a half ticks a step: some steps leave the touch where it was
        PaperVenue venue = venue(Map.of("markets", Map.of("SOL-USD", Map.of("volatility_bps", "1"))));
        venue.subscribe(Set.of(SOL));
        kernel.advanceBy(Duration.ofMillis(250 * 299));
        List<Quote> quotes = events.of(QuoteReceived.class).stream().map(QuoteReceived::quote).toList();
        assertThat(quotes).hasSize(300);
        List<Quote> moved = new ArrayList<>();
        for (int i = 0; i < quotes.size(); i++) {
            Quote q = quotes.get(i);
            if (i == 0 || !q.bid().equals(quotes.get(i - 1).bid()) || !q.ask().equals(quotes.get(i - 1).ask())) {
                moved.add(q);
            }
        }
        assertThat(moved.size()).as("the test needs both kinds of step").isBetween(30, 270);
        List<BookDepth> books = books();
        assertThat(books).extracting(BookDepth::timestampNanos)
                .containsExactlyElementsOf(moved.stream().map(Quote::timestampNanos).toList());
        Quantity depth = Quantity.of("6666.66");
        for (int i = 0; i < books.size(); i++) {
            BookDepth book = books.get(i);
            Quote q = moved.get(i);
            Price step = Price.mid(q.bid(), q.ask()).minus(q.bid()).roundTo(Price.of("0.01"), RoundingMode.CEILING);
            assertThat(book.bids()).extracting(BookLevel::price).containsExactlyElementsOf(ladder(q.bid(), step, -1));
            assertThat(book.asks()).extracting(BookLevel::price).containsExactlyElementsOf(ladder(q.ask(), step, 1));
            assertThat(book.bids().getFirst()).isEqualTo(new BookLevel(q.bid(), q.bidSize()));
            assertThat(book.asks().getFirst()).isEqualTo(new BookLevel(q.ask(), q.askSize()));
            for (List<BookLevel> side : List.of(book.bids(), book.asks())) {
                for (int n = 1; n < side.size(); n++) {
                    // depth x (1 + n/2) x a factor of 0.5 to 1.5, on the 0.01 lot
                    Ratio grown = Ratio.of(String.valueOf(1 + n / 2.0));
                    assertThat(side.get(n).size()).isBetween(
                            depth.times(grown, RoundingMode.DOWN).times(Ratio.of("0.5"), RoundingMode.DOWN)
                                    .roundDownTo(Quantity.of("0.01")),
                            depth.times(grown, RoundingMode.UP).times(Ratio.of("1.5"), RoundingMode.UP));
                }
            }
        }
    }

    /** Ten prices from {@code touch}, {@code step} apart, away from the book's middle. */
    private static List<Price> ladder(Price touch, Price step, int direction) {
        List<Price> out = new ArrayList<>();
        Price p = touch;
        for (int i = 0; i < 10; i++) {
            out.add(p);
            p = direction > 0 ? p.plus(step) : p.minus(step);
        }
        return out;
    }

    @Test
    void withoutDepthLevelsOrAFundingIntervalOnlyQuotesAndTradesAreFurnished() throws VenueException {
        PaperVenue venue = venue(Map.of("depth_levels", 0, "funding_interval", "0s"));
        assertThat(venue.publishesDepth()).isFalse();
        assertThat(venue.publishesTrades()).isTrue();
        venue.subscribe(Set.of(BTC, SOL));
        kernel.advanceBy(Duration.ofHours(9));
        assertThat(events.of(QuoteReceived.class)).isNotEmpty();
        assertThat(books()).isEmpty();
        assertThat(rates()).isEmpty();
    }

    @Test
    void eachSubscribedPerpetualsRateAndNextPaymentArePublishedWhenSubscribedAndAtEveryPayment()
            throws VenueException {
        PaperVenue venue = venue(Map.of("tick_interval", "1m", "funding_interval", "1h", "starting_cash", "1000000",
                "depth_levels", 0, "markets", Map.of("BTC-PERP", Map.of("funding_rate", "0.0005"))));
        venue.subscribe(Set.of(BTC, SOL));
        Ratio btcRate = Ratio.of("0.0005");
        assertThat(rates()).containsExactly(new FundingRate(BTC, btcRate, T0 + HOUR, T0));
        venue.place(OrderRequest.market(ClientOrderId.of("long-1"), BTC, Side.BUY, Quantity.of("0.1")));

        kernel.advanceBy(Duration.ofMinutes(90));
        // the payment, then the same rate for the payment after it
        FundingPayment paid = events.of(FundingPaid.class).getFirst().payment();
        assertThat(events.of(FundingPaid.class)).hasSize(1);
        assertThat(paid.timestampNanos()).isEqualTo(T0 + HOUR);
        assertThat(paid.rate()).isEqualTo(btcRate);
        assertThat(paid.amount()).isEqualTo(FundingPayment.owed(Quantity.of("0.1"), paid.mark(), btcRate));
        List<Message> all = events.all();
        assertThat(all.indexOf(events.of(FundingPaid.class).getFirst()))
                .isLessThan(all.indexOf(events.of(FundingRateReceived.class).get(1)));
        // a perpetual subscribed later is reported at once, with the payment time the others have
        venue.subscribe(Set.of(BTC, SOL, ETH));
        kernel.advanceBy(Duration.ofMinutes(30));
        assertThat(rates()).containsExactly(
                new FundingRate(BTC, btcRate, T0 + HOUR, T0),
                new FundingRate(BTC, btcRate, T0 + 2 * HOUR, T0 + HOUR),
                new FundingRate(ETH, Ratio.of("0.0001"), T0 + 2 * HOUR, T0 + 90 * HOUR / 60),
                new FundingRate(BTC, btcRate, T0 + 3 * HOUR, T0 + 2 * HOUR),
                new FundingRate(ETH, Ratio.of("0.0001"), T0 + 3 * HOUR, T0 + 2 * HOUR));
        assertThat(venue.fundingPayments()).extracting(FundingPayment::id)
                .containsExactly("paper-funding-1", "paper-funding-2");
    }

    /**
     * Any symbol the host trades has a market: a name ending in -PERP a perpetual, others spot, at 100,
     * tick 0.01, lot 0.001, each overridable; one not traded and not listed is an unknown key still.
     */
    @Test
    void everySymbolTheHostTradesGetsASyntheticMarketShapedByItsBlock() throws Exception {
        List<Symbol> traded = List.of(BTC, Symbol.of("ADA-USD"), Symbol.of("XRP-PERP"), Symbol.of("AVAX-PERP"));
        PluginConfig block = new PluginConfig("venue.config", Map.of("markets", Map.of(
                "AVAX-PERP", Map.of("kind", "spot", "price", "30", "tick", "0.001", "lot", "0.1"))));
        PaperVenue venue = (PaperVenue) new PaperVenueFactory().create(block, new VenueContext(clock, kernel,
                new VenueEventAdapter(events, clock), Map.of(), 1, null, traded));
        assertThat(block.unreadKeys()).isEmpty();
        venue.connect();
        Map<Symbol, io.tradehost.api.value.Product> products = new java.util.HashMap<>();
        venue.products().forEach(p -> products.put(p.symbol(), p));
        assertThat(products.get(Symbol.of("ADA-USD")).kind()).isEqualTo(io.tradehost.api.value.ProductKind.SPOT);
        assertThat(products.get(Symbol.of("XRP-PERP")).kind()).isEqualTo(io.tradehost.api.value.ProductKind.PERPETUAL);
        assertThat(products.get(Symbol.of("XRP-PERP")).priceIncrement()).isEqualTo(Price.of("0.01"));
        assertThat(products.get(Symbol.of("AVAX-PERP")).kind()).as("overridden").isEqualTo(
                io.tradehost.api.value.ProductKind.SPOT);
        assertThat(products.get(Symbol.of("AVAX-PERP")).sizeIncrement()).isEqualTo(Quantity.of("0.1"));
        venue.subscribe(java.util.Set.copyOf(traded));
        kernel.advanceBy(Duration.ofSeconds(1));
        assertThat(events.of(io.tradehost.api.event.QuoteReceived.class)).extracting(q -> q.quote().symbol())
                .contains(Symbol.of("ADA-USD"), Symbol.of("XRP-PERP"), Symbol.of("AVAX-PERP"));
        assertThatThrownBy(() -> new PaperVenueFactory().create(new PluginConfig("venue.config", Map.of("markets",
                Map.of("XRP-PERP", Map.of("kind", "future")))), new VenueContext(clock, kernel,
                new VenueEventAdapter(events, clock), Map.of(), 1, null, traded)))
                .hasMessageContaining("venue.config.markets.XRP-PERP.kind").hasMessageContaining("future");
    }
}
