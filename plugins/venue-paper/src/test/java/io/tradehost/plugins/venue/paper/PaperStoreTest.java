package io.tradehost.plugins.venue.paper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.event.OrderFilled;
import io.tradehost.api.event.QuoteReceived;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.OrderStatus;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.value.TimeInForce;
import io.tradehost.api.venue.VenueContext;
import io.tradehost.api.venue.VenueException;
import io.tradehost.api.venue.VenueListener;
import io.tradehost.kernel.Kernel;
import io.tradehost.kernel.VenueEventAdapter;
import io.tradehost.kernel.VirtualClock;
import io.tradehost.testkit.EventRecorder;
import io.tradehost.testkit.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The paper venue's book outlives the venue object, as an exchange outlives the host. */
class PaperStoreTest {
    private static final Symbol BTC = Symbol.of("BTC-PERP");

    @TempDir
    Path dir;

    private final VirtualClock clock = new VirtualClock(Fixtures.EPOCH);
    private final Kernel kernel = new Kernel(clock);
    private final EventRecorder events = new EventRecorder();

    private PaperVenue venue(VenueListener listener) {
        PaperVenue venue = (PaperVenue) new PaperVenueFactory().create(new PluginConfig("venue.config",
                Map.of("starting_cash", "10000")), new VenueContext(clock, kernel, listener, Map.of(), 3, dir));
        venue.connect();
        return venue;
    }

    private PaperVenue venue() {
        return venue(new VenueEventAdapter(events, clock));
    }

    @Test
    void aRestartedVenueHasTheSameAccountOrdersFillsAndMarket() throws VenueException {
        PaperVenue first = venue();
        first.subscribe(Set.of(BTC));
        kernel.advanceBy(Duration.ofSeconds(5));
        first.place(OrderRequest.market(ClientOrderId.of("a-1"), BTC, Side.BUY, Quantity.of("0.5")));
        Price far = Price.ofUnits(1000);
        first.place(new OrderRequest(ClientOrderId.of("a-2"), BTC, Side.BUY, OrderType.LIMIT, Quantity.of("0.1"), far,
                TimeInForce.GTC, false, false));
        var account = first.account();
        var quote = first.quoteOf(BTC);
        var fills = first.fills(ClientOrderId.of("a-1"));
        first.close();

        PaperVenue second = venue();
        assertThat(second.account().cash("USD")).isEqualTo(account.cash("USD"));
        assertThat(second.account().positions()).isEqualTo(account.positions());
        assertThat(second.fills(ClientOrderId.of("a-1"))).isEqualTo(fills);
        assertThat(second.openOrders()).extracting(Order::clientOrderId).containsExactly(ClientOrderId.of("a-2"));
        assertThat(second.order(ClientOrderId.of("a-1"))).map(Order::status).contains(OrderStatus.FILLED);
        assertThat(second.quoteOf(BTC).bid()).isEqualTo(quote.bid());
        second.place(OrderRequest.market(ClientOrderId.of("a-3"), BTC, Side.SELL, Quantity.of("0.5")));
        assertThat(second.fills(ClientOrderId.of("a-3"))).singleElement()
                .satisfies(f -> assertThat(f.tradeId()).as("trade ids continue").isEqualTo("PT-2"));
        second.subscribe(Set.of(BTC));
        kernel.advanceBy(Duration.ofSeconds(1));
        assertThat(second.quoteOf(BTC).bid()).as("the market moves on from where it was").isNotNull();
    }

    @Test
    void anOrderIsInTheBookBeforeTheHostHearsOfIt() throws VenueException {
        List<Boolean> seenInStore = new ArrayList<>();
        VenueListener probe = new VenueEventAdapter(event -> {
            if (event instanceof OrderFilled filled) {
                seenInStore.add(count("SELECT COUNT(*) FROM fills WHERE trade_id = '" + filled.fill().tradeId() + "'")
                        == 1);
            }
        }, clock);
        PaperVenue venue = venue(probe);
        venue.place(OrderRequest.market(ClientOrderId.of("b-1"), BTC, Side.BUY, Quantity.of("0.1")));
        assertThat(seenInStore).containsExactly(true);
        venue.close();
    }

    @Test
    void aSecondPlacementWithTheSameIdIsRefusedAndCounted() throws VenueException {
        PaperVenue venue = venue();
        OrderRequest order = OrderRequest.market(ClientOrderId.of("c-1"), BTC, Side.BUY, Quantity.of("0.1"));
        venue.place(order);
        assertThatThrownBy(() -> venue.place(order)).isInstanceOf(VenueException.class)
                .hasMessage("client order id c-1 was already used (placement 2)");
        assertThat(venue.duplicatePlacements()).isEqualTo(1);
        assertThat(count("SELECT attempts FROM placements WHERE client_id = 'c-1'")).isEqualTo(2);
        venue.close();
    }

    @Test
    void quotesReachTheHostOnlyAfterTheMarketIsSaved() throws VenueException {
        PaperVenue venue = venue();
        venue.subscribe(Set.of(BTC));
        kernel.advanceBy(Duration.ofSeconds(1));
        assertThat(events.of(QuoteReceived.class)).isNotEmpty();
        assertThat(count("SELECT steps FROM markets WHERE symbol = 'BTC-PERP'")).isEqualTo(5);
        venue.close();
    }

    @Test
    void aBookWithIntegerAmountsFromAnOlderReleaseIsConvertedExactly() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("paper.db"));
             Statement s = c.createStatement()) {
            // the layout of version 0, amounts as integers scaled by 10^8
            s.execute("CREATE TABLE account(id INTEGER PRIMARY KEY CHECK (id = 1), cash INTEGER NOT NULL,"
                    + " trade_sequence INTEGER NOT NULL, order_sequence INTEGER NOT NULL)");
            s.execute("CREATE TABLE positions(symbol TEXT PRIMARY KEY, quantity INTEGER NOT NULL,"
                    + " cost_basis INTEGER NOT NULL, realized_pnl INTEGER NOT NULL, fees INTEGER NOT NULL)");
            s.execute("CREATE TABLE markets(symbol TEXT PRIMARY KEY, bid INTEGER NOT NULL, ask INTEGER NOT NULL,"
                    + " steps INTEGER NOT NULL)");
            s.execute("CREATE TABLE orders(client_id TEXT PRIMARY KEY, seq INTEGER NOT NULL, venue_order_id TEXT,"
                    + " symbol TEXT NOT NULL, side TEXT NOT NULL, type TEXT NOT NULL, quantity INTEGER NOT NULL,"
                    + " limit_price INTEGER, time_in_force TEXT NOT NULL, reduce_only INTEGER NOT NULL,"
                    + " post_only INTEGER NOT NULL, status TEXT NOT NULL, filled INTEGER NOT NULL,"
                    + " resting INTEGER NOT NULL)");
            s.execute("CREATE TABLE fills(trade_id TEXT PRIMARY KEY, client_id TEXT NOT NULL, symbol TEXT NOT NULL,"
                    + " side TEXT NOT NULL, quantity INTEGER NOT NULL, price INTEGER NOT NULL, fee INTEGER NOT NULL,"
                    + " liquidity TEXT NOT NULL, ts INTEGER NOT NULL)");
            s.execute("CREATE TABLE placements(client_id TEXT PRIMARY KEY, attempts INTEGER NOT NULL)");
            s.execute("INSERT INTO account VALUES (1, 999950000000, 1, 2)");
            s.execute("INSERT INTO positions VALUES ('BTC-PERP', -10000000, -642505000000, -5, 321252500)");
            s.execute("INSERT INTO markets VALUES ('BTC-PERP', 6425000000000, 6425100000000, 40)");
            s.execute("INSERT INTO orders VALUES ('o-1', 1, 'PV-1', 'BTC-PERP', 'SELL', 'MARKET', 10000000, NULL,"
                    + " 'GTC', 0, 0, 'FILLED', 10000000, 0)");
            s.execute("INSERT INTO orders VALUES ('o-2', 2, 'PV-2', 'BTC-PERP', 'BUY', 'LIMIT', 10000000,"
                    + " 100000000000, 'GTC', 0, 0, 'ACCEPTED', 0, 1)");
            s.execute("INSERT INTO fills VALUES ('PT-1', 'o-1', 'BTC-PERP', 'SELL', 10000000, 6425050000000,"
                    + " 321252500, 'TAKER', 7)");
            s.execute("INSERT INTO placements VALUES ('o-1', 1)");
        }
        PaperVenue venue = venue();
        assertThat(venue.account().cash("USD")).isEqualTo(io.tradehost.api.value.Money.of("9999.5"));
        assertThat(venue.account().positions()).singleElement().satisfies(p -> {
            assertThat(p.quantity()).isEqualTo(Quantity.of("-0.1"));
            assertThat(p.costBasis()).isEqualTo(io.tradehost.api.value.Money.of("-6425.05"));
            assertThat(p.realizedPnl()).isEqualTo(io.tradehost.api.value.Money.of("-0.00000005"));
            assertThat(p.fees()).isEqualTo(io.tradehost.api.value.Money.of("3.212525"));
        });
        assertThat(venue.quoteOf(BTC).bid()).isEqualTo(Price.of("64250"));
        assertThat(venue.fills(ClientOrderId.of("o-1"))).singleElement()
                .satisfies(f -> assertThat(f.price()).isEqualTo(Price.of("64250.5")));
        assertThat(venue.openOrders()).singleElement()
                .satisfies(o -> assertThat(o.request().limitPrice()).isEqualTo(Price.of("1000")));
        assertThat(count("PRAGMA user_version")).isEqualTo(PaperStore.VERSION);
        venue.close();
    }

    @Test
    void anUnusableDirectorySaysWhichFile() throws Exception {
        Path blocked = dir.resolve("file");
        Files.writeString(blocked, "x");
        assertThatThrownBy(() -> new PaperVenueFactory().create(new PluginConfig("venue.config", Map.of()),
                new VenueContext(clock, kernel, new VenueEventAdapter(events, clock), Map.of(), 3, blocked)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("paper venue cannot open its store " + blocked.resolve("paper.db"));
    }

    private long count(String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("paper.db"));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
