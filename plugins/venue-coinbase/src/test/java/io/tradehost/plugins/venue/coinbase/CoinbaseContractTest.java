package io.tradehost.plugins.venue.coinbase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.config.ConfigException;
import io.tradehost.api.order.AccountSnapshot;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.OrderStatus;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Product;
import io.tradehost.api.value.ProductKind;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.value.TimeInForce;
import io.tradehost.api.venue.VenueException;
import io.tradehost.exchange.auth.KeyType;
import io.tradehost.exchange.engine.ExchangeFill;
import io.tradehost.exchange.fault.Fault;
import io.tradehost.plugins.venue.coinbase.wire.Wire;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Coinbase venue against the local exchange over real sockets on 127.0.0.1: every order type and
 * status path, business rejections, unknown outcomes resolved by client id, rate limits and 5xx,
 * and the feed faults with the book rebuilt from a fresh snapshot. The exchange's market stands
 * still unless a test steps it; waits are bounded.
 */
@Timeout(60)
class CoinbaseContractTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Symbol BTC = Symbol.of("BTC-USD");

    @TempDir
    Path dir;
    private ExchangeHarness h;
    private int ids;

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    private CoinbaseVenue start(KeyType type, int pageSize) throws Exception {
        h = new ExchangeHarness(dir, type, pageSize);
        return h.connect(Map.of());
    }

    private CoinbaseVenue start() throws Exception {
        return start(KeyType.ED25519, 100);
    }

    private ClientOrderId nextId() {
        return ClientOrderId.of("run1", ++ids);
    }

    private OrderRequest limit(Side side, String qty, BigDecimal price, TimeInForce tif, boolean postOnly) {
        return new OrderRequest(nextId(), BTC, side, OrderType.LIMIT, Quantity.of(qty), Price.of(price), tif, false,
                postOnly);
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void connectsWithEitherKindOfKeyAndListsProductsAndBalances(KeyType type) throws Exception {
        CoinbaseVenue venue = start(type, 100);
        List<Product> products = venue.products();
        assertThat(products).extracting(p -> p.symbol().value())
                .containsExactly("BTC-USD", "ETH-USD", "SOL-USD", "BTC-PERP-INTX");
        Product btc = products.get(0);
        assertThat(btc.kind()).isEqualTo(ProductKind.SPOT);
        assertThat(btc.priceIncrement()).isEqualTo(Price.of("0.01"));
        assertThat(btc.sizeIncrement()).isEqualTo(Quantity.of("0.00000001"));
        assertThat(btc.minSize()).isEqualTo(Quantity.of("0.00001"));
        Product perp = products.get(3);
        assertThat(perp.kind()).isEqualTo(ProductKind.PERPETUAL);
        assertThat(perp.maxLeverage().toString()).isEqualTo("10");
        AccountSnapshot account = venue.account();
        assertThat(account.cash("USD")).isEqualTo(Money.of("10000000"));
        assertThat(account.positions()).isEmpty();
    }

    @Test
    void aKeyTheExchangeDidNotIssueIsRefusedAtConnect() throws Exception {
        h = new ExchangeHarness(dir, KeyType.ED25519, 100);
        var stranger = io.tradehost.exchange.auth.ApiKey.generate(KeyType.ED25519);
        assertThatThrownBy(() -> h.connect(Map.of(), Map.of(CoinbaseVenueFactory.KEY_NAME, stranger.name(),
                CoinbaseVenueFactory.PRIVATE_KEY, stranger.secret())))
                .isInstanceOf(VenueException.class).hasMessageContaining("HTTP 401")
                .hasMessageContaining("unknown API key")
                .satisfies(e -> assertThat(((VenueException) e).code()).isEqualTo(
                        io.tradehost.plugins.venue.coinbase.net.RestClient.AUTH_REFUSED));
    }

    @Test
    void aMissingOrMalformedKeyStopsStartUpWithOneLineNamingIt() throws Exception {
        h = new ExchangeHarness(dir, KeyType.ED25519, 100);
        assertThatThrownBy(() -> h.connect(Map.of(), Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("COINBASE_API_KEY_NAME").hasMessageContaining("credentials file");
        assertThatThrownBy(() -> h.connect(Map.of(), Map.of(CoinbaseVenueFactory.KEY_NAME, h.exchange.apiKey().name(),
                CoinbaseVenueFactory.PRIVATE_KEY, "bm90IGEga2V5")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("COINBASE_API_PRIVATE_KEY")
                .hasMessageContaining("not a usable private key").hasMessageNotContaining("bm90IGEga2V5")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThatThrownBy(() -> h.connect(Map.of(), Map.of(CoinbaseVenueFactory.KEY_NAME, "my-key",
                CoinbaseVenueFactory.PRIVATE_KEY, h.exchange.apiKey().secret())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("organizations/{org}/apiKeys/{id}");
    }

    @Test
    void theCredentialsFileTheExchangeWritesWorks() throws Exception {
        h = new ExchangeHarness(dir, KeyType.ES256, 100);
        CoinbaseVenue venue = h.connect(Map.of("credentials_file", h.exchange.credentialsFile().toString()), Map.of());
        assertThat(venue.account().cash("USD")).isEqualTo(Money.of("10000000"));
    }

    @Test
    void aMarketOrderFillsWithTheExchangesTradeIdsAndCommission() throws Exception {
        CoinbaseVenue venue = start();
        ClientOrderId id = nextId();
        BigDecimal askSize = h.bestAskSize("BTC-USD");
        Quantity qty = Quantity.of(askSize.add(new BigDecimal("0.5")));
        venue.place(OrderRequest.market(id, BTC, Side.BUY, qty));
        List<ExchangeFill> truth = h.exchange.engine().fills(List.of(), List.of()).stream()
                .sorted(Comparator.comparing(ExchangeFill::tradeId)).toList();
        assertThat(truth).hasSizeGreaterThanOrEqualTo(2);
        assertThat(h.listener.await(WAIT, l -> l.fills(id).size() == truth.size())).isTrue();
        List<Fill> fills = h.listener.fills(id);
        assertThat(fills).extracting(Fill::tradeId).containsExactlyInAnyOrderElementsOf(
                truth.stream().map(ExchangeFill::tradeId).toList());
        for (Fill f : fills) {
            ExchangeFill t = truth.stream().filter(x -> x.tradeId().equals(f.tradeId())).findFirst().orElseThrow();
            assertThat(f.price()).isEqualTo(Price.of(t.price()));
            assertThat(f.quantity()).isEqualTo(Quantity.of(t.size()));
            assertThat(f.fee()).isEqualTo(Money.of(t.commission()));
            assertThat(f.side()).isEqualTo(Side.BUY);
        }
        assertThat(fills.stream().map(Fill::quantity).reduce(Quantity.ZERO, Quantity::plus)).isEqualTo(qty);
        assertThat(h.listener.events().get(0)).isEqualTo("accepted " + id);
        Order order = venue.order(id).orElseThrow();
        assertThat(order.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(venue.fills(id)).extracting(Fill::tradeId).containsExactlyElementsOf(
                fills.stream().sorted(Comparator.comparingLong(Fill::timestampNanos).thenComparing(Fill::tradeId))
                        .map(Fill::tradeId).toList());
        AccountSnapshot account = venue.account();
        Money spent = fills.stream().map(f -> f.notional().plus(f.fee())).reduce(Money.ZERO, Money::plus);
        assertThat(account.cash("USD")).isEqualTo(Money.of("10000000").minus(spent));
        assertThat(account.position(BTC).orElseThrow().quantity()).isEqualTo(qty);
    }

    @Test
    void aRestingLimitOrderIsOpenUntilCancelled() throws Exception {
        CoinbaseVenue venue = start();
        OrderRequest r = limit(Side.BUY, "0.1", h.bestBid("BTC-USD").multiply(new BigDecimal("0.5"))
                .setScale(2, java.math.RoundingMode.DOWN), TimeInForce.GTC, true);
        venue.place(r);
        assertThat(venue.openOrders()).extracting(Order::clientOrderId).containsExactly(r.clientOrderId());
        Order open = venue.order(r.clientOrderId()).orElseThrow();
        assertThat(open.status()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(open.request().postOnly()).isTrue();
        assertThat(open.request().limitPrice()).isEqualTo(r.limitPrice());
        venue.cancel(r.clientOrderId());
        assertThat(h.listener.await(WAIT, l -> l.count("cancelled " + r.clientOrderId()) == 1)).isTrue();
        assertThat(venue.order(r.clientOrderId()).orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(venue.openOrders()).isEmpty();
        assertThatThrownBy(() -> venue.cancel(r.clientOrderId())).isInstanceOf(VenueException.class)
                .satisfies(e -> assertThat(((VenueException) e).code()).isEqualTo(
                        RejectionCode.of("COINBASE_DUPLICATE_CANCEL_REQUEST")));
    }

    @Test
    void aRestingOrderFillsPartlyAsMakerThenFully() throws Exception {
        CoinbaseVenue venue = start();
        BigDecimal bid = h.bestBid("BTC-USD");
        OrderRequest r = limit(Side.BUY, "120", bid, TimeInForce.GTC, false);
        venue.place(r);
        Order order = venue.order(r.clientOrderId()).orElseThrow();
        for (int i = 0; i < 2_000 && order.status() != OrderStatus.FILLED; i++) {
            h.exchange.engine().tick();
            if (i % 20 == 19) {
                order = venue.order(r.clientOrderId()).orElseThrow();
                if (order.status() == OrderStatus.PARTIALLY_FILLED) {
                    assertThat(order.filledQuantity().isPositive()).isTrue();
                    assertThat(order.remaining().isPositive()).isTrue();
                }
            }
        }
        order = venue.order(r.clientOrderId()).orElseThrow();
        assertThat(order.status()).isEqualTo(OrderStatus.FILLED);
        int exchangeFills = h.exchange.engine().fills(List.of(order.venueOrderId()), List.of()).size();
        assertThat(exchangeFills).isGreaterThan(1);
        assertThat(h.listener.await(WAIT, l -> l.fills(r.clientOrderId()).size() == exchangeFills)).isTrue();
        assertThat(h.listener.fills(r.clientOrderId())).allSatisfy(f -> {
            assertThat(f.liquidity()).isEqualTo(io.tradehost.api.order.Liquidity.MAKER);
            assertThat(f.price()).isEqualTo(Price.of(bid));
        });
    }

    @Test
    void immediateOrCancelFillsWhatIsThereAndCancelsTheRest() throws Exception {
        CoinbaseVenue venue = start();
        BigDecimal ask = h.bestAsk("BTC-USD");
        BigDecimal size = h.bestAskSize("BTC-USD");
        OrderRequest r = limit(Side.BUY, "100", ask, TimeInForce.IOC, false);
        venue.place(r);
        assertThat(h.listener.await(WAIT, l -> l.count("cancelled " + r.clientOrderId()) == 1)).isTrue();
        assertThat(h.listener.fills(r.clientOrderId())).singleElement()
                .satisfies(f -> assertThat(f.quantity()).isEqualTo(Quantity.of(size)));
        Order order = venue.order(r.clientOrderId()).orElseThrow();
        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.filledQuantity()).isEqualTo(Quantity.of(size));
        List<String> events = h.listener.events();
        assertThat(events.indexOf("cancelled " + r.clientOrderId()))
                .isGreaterThan(events.indexOf(events.stream().filter(e -> e.startsWith("fill ")).findFirst()
                        .orElseThrow()));
    }

    @Test
    void fillOrKillThatCannotFillWholeIsCancelledWithoutFills() throws Exception {
        CoinbaseVenue venue = start();
        OrderRequest r = limit(Side.BUY, "100", h.bestAsk("BTC-USD"), TimeInForce.FOK, false);
        venue.place(r);
        assertThat(h.listener.await(WAIT, l -> l.count("cancelled " + r.clientOrderId()) == 1)).isTrue();
        assertThat(h.listener.fills(r.clientOrderId())).isEmpty();
        assertThat(venue.order(r.clientOrderId()).orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void businessRejectionsBecomeStableCodes() throws Exception {
        CoinbaseVenue venue = start();
        OrderRequest postOnly = limit(Side.BUY, "0.1", h.bestAsk("BTC-USD"), TimeInForce.GTC, true);
        assertThatThrownBy(() -> venue.place(postOnly)).isInstanceOf(VenueException.class)
                .satisfies(e -> {
                    VenueException v = (VenueException) e;
                    assertThat(v.code()).isEqualTo(RejectionCode.of("COINBASE_INVALID_LIMIT_PRICE_POST_ONLY"));
                    assertThat(v.isTransient()).isFalse();
                });
        OrderRequest tooBig = OrderRequest.market(nextId(), BTC, Side.SELL, Quantity.of("5"));
        assertThatThrownBy(() -> venue.place(tooBig)).isInstanceOf(VenueException.class)
                .satisfies(e -> assertThat(((VenueException) e).code())
                        .isEqualTo(RejectionCode.of("COINBASE_INSUFFICIENT_FUND")));
        OrderRequest badTick = limit(Side.BUY, "0.1", new BigDecimal("100.001"), TimeInForce.GTC, false);
        assertThatThrownBy(() -> venue.place(badTick)).isInstanceOf(VenueException.class)
                .satisfies(e -> assertThat(((VenueException) e).code())
                        .isEqualTo(RejectionCode.of("COINBASE_INVALID_PRICE_PRECISION")));
        OrderRequest unknown = new OrderRequest(nextId(), Symbol.of("DOGE-USD"), Side.BUY, OrderType.MARKET,
                Quantity.of("1"), null, TimeInForce.GTC, false, false);
        assertThatThrownBy(() -> venue.place(unknown)).isInstanceOf(VenueException.class)
                .satisfies(e -> assertThat(((VenueException) e).code())
                        .isEqualTo(RejectionCode.of("COINBASE_INVALID_PRODUCT_ID")));
        assertThat(h.exchange.stats().get("orders_created")).isZero();
    }

    @Test
    void aLostOrderResponseIsAnUnknownOutcomeResolvedByPagingForTheClientId() throws Exception {
        CoinbaseVenue venue = start(KeyType.ED25519, 3);
        for (int i = 0; i < 7; i++) {
            venue.place(limit(Side.BUY, "0.01", new BigDecimal("1000.00"), TimeInForce.GTC, false));
        }
        h.exchange.inject(Fault.LOSE_ORDER_RESPONSE, 1, 0);
        OrderRequest lost = limit(Side.BUY, "0.01", new BigDecimal("1000.00"), TimeInForce.GTC, false);
        assertThatThrownBy(() -> venue.place(lost)).isInstanceOf(VenueException.class)
                .satisfies(e -> assertThat(((VenueException) e).isOutcomeUnknown()).isTrue());
        for (int i = 0; i < 4; i++) {
            venue.place(limit(Side.BUY, "0.01", new BigDecimal("1000.00"), TimeInForce.GTC, false));
        }
        Order found = venue.order(lost.clientOrderId()).orElseThrow();
        assertThat(found.status()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(found.request().quantity()).isEqualTo(Quantity.of("0.01"));
        assertThat(venue.order(ClientOrderId.of("never-sent"))).isEmpty();
        assertThat(h.exchange.stats().get("orders_created")).isEqualTo(12);
        assertThat(h.exchange.stats().get("client_id_reuses")).isZero();
    }

    @Test
    void aReusedClientOrderIdReturnsTheExistingOrderAndCreatesNone() throws Exception {
        CoinbaseVenue venue = start();
        OrderRequest r = limit(Side.BUY, "0.01", new BigDecimal("1000.00"), TimeInForce.GTC, false);
        venue.place(r);
        venue.place(r);
        assertThat(h.exchange.stats().get("orders_created")).isEqualTo(1);
        assertThat(h.exchange.stats().get("client_id_reuses")).isEqualTo(1);
    }

    @Test
    void rateLimitsAndServerErrorsFollowTheRetryRules() throws Exception {
        CoinbaseVenue venue = start();
        h.exchange.inject(Fault.RATE_LIMIT, 1, 0);
        OrderRequest r = OrderRequest.market(nextId(), BTC, Side.BUY, Quantity.of("0.01"));
        assertThatThrownBy(() -> venue.place(r)).isInstanceOf(VenueException.class).satisfies(e -> {
            VenueException v = (VenueException) e;
            assertThat(v.retryAfter()).contains(Duration.ofSeconds(1));
            assertThat(v.isOutcomeUnknown()).isFalse();
        });
        assertThat(h.exchange.stats().get("orders_created")).isZero();
        h.exchange.inject(Fault.SERVER_ERROR, 1, 0);
        assertThatThrownBy(() -> venue.place(r)).isInstanceOf(VenueException.class)
                .satisfies(e -> assertThat(((VenueException) e).isOutcomeUnknown()).isTrue());
        h.exchange.inject(Fault.SERVER_ERROR, 2, 0);
        assertThat(venue.openOrders()).isEmpty();
        h.exchange.inject(Fault.SERVER_ERROR, 3, 0);
        assertThatThrownBy(venue::openOrders).isInstanceOf(VenueException.class)
                .satisfies(e -> assertThat(((VenueException) e).isTransient()).isTrue());
    }

    @Test
    void aSlowAnswerToAnOrderIsAnUnknownOutcome() throws Exception {
        h = new ExchangeHarness(dir, KeyType.ED25519, 100);
        CoinbaseVenue venue = h.connect(Map.of("request_timeout", "200ms"));
        h.exchange.inject(Fault.SLOW, 1, 1_000);
        OrderRequest r = OrderRequest.market(nextId(), BTC, Side.BUY, Quantity.of("0.01"));
        assertThatThrownBy(() -> venue.place(r)).isInstanceOf(VenueException.class)
                .satisfies(e -> assertThat(((VenueException) e).isOutcomeUnknown()).isTrue());
    }

    @Test
    void marketDataBuildsTheBookAndPublishesTheMid() throws Exception {
        CoinbaseVenue venue = start();
        venue.subscribe(Set.of(BTC));
        assertThat(h.listener.await(WAIT, l -> l.quoteCount() >= 1)).isTrue();
        var q = h.listener.quotes().get(0);
        assertThat(q.bid()).isEqualTo(Price.of(h.bestBid("BTC-USD")));
        assertThat(q.ask()).isEqualTo(Price.of(h.bestAsk("BTC-USD")));
        for (int i = 0; i < 5; i++) {
            h.exchange.engine().tick();
        }
        assertThat(h.listener.await(WAIT, l -> l.quoteCount() >= 4)).isTrue();
        var last = h.listener.quotes().get(h.listener.quoteCount() - 1);
        assertThat(h.listener.await(WAIT, l -> l.quotes().get(l.quoteCount() - 1).ask()
                .equals(Price.of(h.bestAsk("BTC-USD"))))).isTrue();
        assertThat(last.defect()).isNull();
        assertThat(venue.feedStats().get("market_gaps")).isZero();
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"DROP_SEQUENCE", "REORDER_SEQUENCE", "TCP_CLOSE", "CLOSE_FRAME",
            "WS_ERROR", "SILENCE"})
    void aFeedFaultReconnectsResubscribesAndRebuildsTheBook(Fault fault) throws Exception {
        CoinbaseVenue venue = start();
        venue.subscribe(Set.of(BTC));
        assertThat(h.listener.await(WAIT, l -> l.quoteCount() >= 1)).isTrue();
        h.exchange.inject(fault, 1, 3_000);
        h.exchange.engine().tick();
        h.exchange.engine().tick();
        assertThat(h.listener.await(WAIT, l -> l.count("connection false") >= 1)).isTrue();
        assertThat(h.listener.await(WAIT, l -> l.count("connection true") >= 1)).isTrue();
        assertThat(h.listener.await(WAIT, l -> l.count("stale BTC-USD") == 1)).isTrue();
        assertThat(h.listener.await(WAIT, l -> venue.marketFeed().orElseThrow().depth("BTC-USD") > 0)).isTrue();
        int before = h.listener.quoteCount();
        h.exchange.engine().tick();
        assertThat(h.listener.await(WAIT, l -> l.quoteCount() > before)).isTrue();
        // the quote of the reconnect's snapshot is published after its book shows depth, so it may be the
        // one counted above: wait for the quote of the book as the step left it
        Price ask = Price.of(h.bestAsk("BTC-USD"));
        Price bid = Price.of(h.bestBid("BTC-USD"));
        assertThat(h.listener.await(WAIT, l -> {
            var q = l.quotes().get(l.quoteCount() - 1);
            return q.ask().equals(ask) && q.bid().equals(bid);
        })).as("a quote at %s / %s", bid, ask).isTrue();
        assertThat(venue.feedStats().get("market_reconnects")).isGreaterThanOrEqualTo(1);
        if (fault == Fault.DROP_SEQUENCE || fault == Fault.REORDER_SEQUENCE) {
            assertThat(venue.feedStats().get("market_gaps") + venue.feedStats().get("user_gaps")).isEqualTo(1);
        }
    }

    @Test
    void perpetualPositionsAndFundingComeFromThePortfolio() throws Exception {
        h = new ExchangeHarness(dir, KeyType.ED25519, 100);
        CoinbaseVenue venue = h.connect(Map.of("portfolio_uuid", io.tradehost.exchange.http.RestApi.PORTFOLIO,
                "funding_poll", "200ms"));
        Symbol perp = Symbol.of("BTC-PERP-INTX");
        ClientOrderId id = nextId();
        venue.place(OrderRequest.market(id, perp, Side.BUY, Quantity.of("2")));
        assertThat(h.listener.await(WAIT, l -> !l.fills(id).isEmpty())).isTrue();
        var account = venue.account();
        var position = account.position(perp).orElseThrow();
        assertThat(position.quantity()).isEqualTo(Quantity.of("2"));
        BigDecimal[] sizeAndCost = h.exchange.engine().positions().get("BTC-PERP-INTX");
        BigDecimal entry = sizeAndCost[1].divide(sizeAndCost[0], 10, java.math.RoundingMode.HALF_EVEN);
        BigDecimal liquidation = entry.multiply(new BigDecimal("0.95")).setScale(1, java.math.RoundingMode.HALF_EVEN);
        assertThat(account.liquidationPrice(perp)).as("entry x (1 - 1/max leverage + maintenance rate)")
                .contains(Price.of(liquidation));
        var booked = h.exchange.engine().chargeFunding();
        assertThat(booked).hasSize(1);
        BigDecimal expected = booked.getFirst().positionSize().multiply(booked.getFirst().mark())
                .multiply(new BigDecimal("0.0001")).negate();
        assertThat(booked.getFirst().amount().compareTo(expected)).isZero();
        List<io.tradehost.api.order.FundingPayment> payments = venue.fundingPayments();
        assertThat(payments).singleElement().satisfies(p -> {
            assertThat(p.symbol()).isEqualTo(perp);
            assertThat(p.amount()).isEqualTo(Money.of(expected));
            assertThat(p.positionSize()).isEqualTo(Quantity.of("2"));
        });
        assertThat(h.listener.await(WAIT, l -> l.count("funding funding-1 BTC-PERP-INTX") == 1)).isTrue();
        h.exchange.engine().chargeFunding();
        assertThat(h.listener.await(WAIT, l -> l.count("funding funding-2") == 1)).isTrue();
        assertThat(h.listener.count("funding funding-1")).isEqualTo(1);
    }

    @Test
    void aStopLimitGoesToCoinbaseAsStopLimitGtcAndFillsOnceTheMarketReachesItsTrigger() throws Exception {
        CoinbaseVenue venue = start();
        assertThat(venue.supportsNatively(OrderType.STOP_LIMIT)).isTrue();
        assertThat(venue.supportsNatively(OrderType.STOP_MARKET)).isFalse();
        BigDecimal mid = h.exchange.engine().mid("BTC-USD");
        Price trigger = Price.of(mid.add(new BigDecimal("20.00")));
        ClientOrderId id = nextId();
        venue.place(new OrderRequest(id, BTC, Side.BUY, OrderType.STOP_LIMIT, Quantity.of("0.05"),
                trigger.plus(Price.of("2000")), TimeInForce.GTC, false, false, trigger));
        io.tradehost.exchange.engine.ExchangeOrder atExchange = h.exchange.engine().orders(false, List.of()).getFirst();
        assertThat(atExchange.configuration).isEqualTo("stop_limit_stop_limit_gtc");
        assertThat(atExchange.stopDirection).isEqualTo("STOP_DIRECTION_STOP_UP");
        assertThat(atExchange.stopPrice).isEqualByComparingTo(trigger.toBigDecimal());
        Order open = venue.order(id).orElseThrow();
        assertThat(open.request().type()).isEqualTo(OrderType.STOP_LIMIT);
        assertThat(open.request().stopPrice()).isEqualTo(trigger);
        assertThat(open.status()).isEqualTo(OrderStatus.ACCEPTED);
        for (int i = 0; i < 5_000 && h.exchange.engine().mid("BTC-USD").compareTo(trigger.toBigDecimal()) < 0; i++) {
            h.exchange.engine().tick();
            if (h.exchange.engine().mid("BTC-USD").compareTo(trigger.toBigDecimal()) < 0) {
                assertThat(h.exchange.engine().fills(List.of(), List.of())).isEmpty();
            }
        }
        assertThat(h.listener.await(WAIT, l -> !l.fills(id).isEmpty())).isTrue();
        assertThat(venue.order(id).orElseThrow().status()).isEqualTo(OrderStatus.FILLED);
        assertThatThrownBy(() -> Wire.orderBody(new OrderRequest(nextId(), BTC, Side.SELL, OrderType.STOP_MARKET,
                Quantity.of("1"), null, TimeInForce.GTC, false, false, trigger))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anOversizedSnapshotIsAccepted() throws Exception {
        CoinbaseVenue venue = start();
        h.exchange.inject(Fault.OVERSIZED_SNAPSHOT, 1, 0);
        venue.subscribe(Set.of(BTC));
        assertThat(h.listener.await(WAIT, l -> l.quoteCount() >= 1)).isTrue();
        assertThat(venue.marketFeed().orElseThrow().depth("BTC-USD")).isGreaterThan(20_000);
        assertThat(h.exchange.stats().get("feed_bytes_sent")).isGreaterThan(2_000_000);
    }

    @Test
    void aDuplicatedUserUpdateReportsNothingTwice() throws Exception {
        CoinbaseVenue venue = start();
        h.exchange.inject(Fault.DUPLICATE_USER_UPDATE, 3, 0);
        ClientOrderId id = nextId();
        venue.place(OrderRequest.market(id, BTC, Side.BUY, Quantity.of(h.bestAskSize("BTC-USD")
                .add(new BigDecimal("0.1")))));
        int truth = h.exchange.engine().fills(List.of(), List.of()).size();
        assertThat(h.listener.await(WAIT, l -> l.fills(id).size() == truth)).isTrue();
        OrderRequest rest = limit(Side.BUY, "0.01", new BigDecimal("1000.00"), TimeInForce.GTC, false);
        venue.place(rest);
        venue.cancel(rest.clientOrderId());
        assertThat(h.listener.await(WAIT, l -> l.count("cancelled " + rest.clientOrderId()) == 1)).isTrue();
        assertThat(h.listener.fills(id)).hasSize(truth);
        assertThat(h.listener.count("cancelled")).isEqualTo(1);
    }
}
