package io.tradehost.plugins.strategies.events;

import static io.tradehost.plugins.strategies.events.GridTest.BTC;
import static io.tradehost.plugins.strategies.events.GridTest.UNITS;
import static io.tradehost.plugins.strategies.events.GridTest.id;
import static io.tradehost.plugins.strategies.events.GridTest.limit;
import static io.tradehost.plugins.strategies.events.GridTest.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.market.Quote;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.Position;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.strategy.event.EventStrategy;
import io.tradehost.api.strategy.event.EventStrategyFactory;
import io.tradehost.api.strategy.event.OrderEvent;
import io.tradehost.api.strategy.event.OrderHandle;
import io.tradehost.api.strategy.event.OrderSpec;
import io.tradehost.api.strategy.event.Restored;
import io.tradehost.api.strategy.event.StrategyHost;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.strategy.testkit.EventStrategyHarness;
import io.tradehost.testkit.Fixtures;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class GridRestartTest {
    /**
     * The grid behind a stand-in for a restart: the harness keeps no journal, so {@link #restart} hands a
     * fresh instance the open orders (the same live handles) and the state the old one saved, as the host
     * does after a restart. While {@link #down}, the old instance hears nothing, as a crashed one would not.
     */
    static final class Restartable implements EventStrategyFactory, EventStrategy {
        private final Map<String, Object> config;
        private EventStrategy grid;
        private StrategyHost host;
        private Consumer<StrategyHost> atNextQuote;
        boolean down;

        Restartable(Map<String, Object> config) {
            this.config = config;
        }

        @Override
        public String name() {
            return "grid";
        }

        @Override
        public String description() {
            return "a grid restarted by the test";
        }

        @Override
        public EventStrategy createEventStrategy(PluginConfig pluginConfig) {
            grid = new GridFactory().createEventStrategy(pluginConfig);
            return this;
        }

        /** Runs {@code action} inside the next quote's callback, before the grid hears the quote. */
        void atNextQuote(Consumer<StrategyHost> action) {
            atNextQuote = action;
        }

        /** At the next quote, a fresh grid starts with the open orders and, if {@code saved}, the saved state. */
        void restart(boolean saved) {
            atNextQuote(h -> {
                byte[] state = saved ? grid.saveState() : null;
                List<OrderHandle> open = h.symbols().stream().flatMap(s -> h.openOrders(s).stream()).toList();
                grid = new GridFactory().createEventStrategy(new PluginConfig("strategy.config.grid", config));
                down = false;
                grid.onStart(h, new Restored(open, state == null ? new byte[0] : state));
            });
        }

        @Override
        public void onStart(StrategyHost strategyHost, Restored restored) {
            host = strategyHost;
            grid.onStart(strategyHost, restored);
        }

        @Override
        public void onQuote(Quote quote) {
            Consumer<StrategyHost> action = atNextQuote;
            atNextQuote = null;
            if (action != null) {
                action.accept(host);
            }
            if (!down) {
                grid.onQuote(quote);
            }
        }

        @Override
        public void onOrderEvent(OrderEvent event) {
            if (!down) {
                grid.onOrderEvent(event);
            }
        }

        @Override
        public void onPositionChanged(Position position) {
            if (!down) {
                grid.onPositionChanged(position);
            }
        }

        @Override
        public void onTradingStateChanged(Symbol symbol, TradingState state) {
            if (!down) {
                grid.onTradingStateChanged(symbol, state);
            }
        }
    }

    @Test
    void aRestartAdoptsItsOrdersByLevelAndPlacesOnlyTheLevelsThatAreMissing() {
        Map<String, Object> config = with(UNITS, "centre", "mid");
        Restartable grid = new Restartable(config);
        try (EventStrategyHarness h = EventStrategyHarness.start(grid, config, Fixtures.perpetual("BTC-PERP"))) {
            h.quote(BTC, "99.99", "100.01"); // centre 100: buys 99, 98, 97, sells 101, 102, 103
            grid.restart(true);
            h.quote(BTC, "99.99", "100.01");
            assertThat(h.sent()).as("all six levels came back: nothing new").hasSize(6);
            assertThat(h.cancels()).isEmpty();

            grid.down = true; // the buy at 99 fills while the grid is down: its sell was never placed
            h.fill(id(1), Quantity.of("1"), Price.of("99"));
            grid.restart(true);
            h.quote(BTC, "99.00", "99.02");
            // the saved centre 100 (not the mid 99.01) finds the five orders' levels; of the free levels 99 and
            // 100, the one nearest the mark is the gap, the other sells: 99 x 1.01, as had the fill been heard
            assertThat(h.sent()).hasSize(7).last().isEqualTo(limit(7, Side.SELL, "1", "99.99"));
            assertThat(h.cancels()).isEmpty();

            grid.atNextQuote(host -> { // a level held twice and an order on no level, as an older run might leave
                host.submit(OrderSpec.limit(BTC, Side.BUY, Quantity.of("1"), Price.of("98")).asPostOnly());
                host.submit(OrderSpec.limit(BTC, Side.SELL, Quantity.of("1"), Price.of("150")).asPostOnly());
            });
            h.quote(BTC, "99.00", "99.02");
            grid.restart(true);
            h.quote(BTC, "99.00", "99.02");
            assertThat(h.cancels()).containsExactly(id(8), id(9));
            assertThat(h.sent()).hasSize(9);
            assertThat(h.open()).extracting(o -> o.request().side() + " " + o.request().limitPrice())
                    .containsExactlyInAnyOrder("BUY 98", "BUY 97", "SELL 99.99", "SELL 101", "SELL 102", "SELL 103");
        }
    }

    @Test
    void aRestartedGridTradesItsAdoptedOrdersOnAndOneWithoutSavedStateCancelsWhatIsOffItsNewLevels() {
        Map<String, Object> config = with(UNITS, "centre", "mid");
        Restartable grid = new Restartable(config);
        try (EventStrategyHarness h = EventStrategyHarness.start(grid, config, Fixtures.perpetual("BTC-PERP"))) {
            h.quote(BTC, "99.99", "100.01");
            h.fill(id(1), Quantity.of("0.5"), Price.of("99")); // half the buy at 99 before the restart
            grid.restart(true);
            h.quote(BTC, "98.99", "99.01");
            h.fill(id(1), Quantity.of("0.5"), Price.of("99"));
            assertThat(h.sent()).as("the adopted order's whole unit sold a level up").hasSize(7).last()
                    .isEqualTo(limit(7, Side.SELL, "1", "99.99"));

            grid.restart(false); // no saved centre: the mid 100.50 lays a new grid, 1 % apart from it
            h.quote(BTC, "100.49", "100.51");
            assertThat(h.cancels()).containsExactly(id(2), id(3), id(4), id(5), id(6), id(7));
            // long 1 at 99: 100.5 x 0.99 = 99.495 rounds down to 99.49, 100.5 x 1.01 = 101.505 up to 101.51, ...
            assertThat(h.sent()).hasSize(13).endsWith(limit(8, Side.BUY, "1", "99.49"), limit(9, Side.BUY, "1", "98.49"),
                    limit(10, Side.BUY, "1", "97.48"), limit(11, Side.SELL, "1", "101.51"),
                    limit(12, Side.SELL, "1", "102.51"), limit(13, Side.SELL, "1", "103.52"));
        }
    }

    @Test
    void overATapeDownAndUpAndBackEachLevelRoundTripsOneSpacingAndNoLevelIsEverHeldTwice() {
        try (EventStrategyHarness h = EventStrategyHarness.start(new GridFactory(), UNITS,
                Fixtures.perpetual("BTC-PERP"))) {
            int fills = 0;
            for (int[] leg : new int[][] {{10_000, 9_650}, {9_650, 10_350}, {10_350, 10_000}}) {
                int step = leg[1] > leg[0] ? 25 : -25;
                for (int cents = leg[0]; cents != leg[1] + step; cents += step) {
                    fills += tick(h, BigDecimal.valueOf(cents, 2));
                }
            }
            // down: 99, 98, 97 bought, sold one level up at 99.99, 98.98, 97.97; up: those three sold, and 101, 102,
            // 103, bought back one level down at 99.99, 100.98, 101.97; back to 100: 101.97 and 100.98 bought
            assertThat(fills).isEqualTo(11);
            assertThat(h.sent()).hasSize(17);
            Position position = h.position(BTC);
            assertThat(position.quantity()).isEqualTo(Quantity.of("-1"));
            // 0.97 + 0.98 + 0.99 on the first three round trips, 1.02 + 1.03 on 102 and 103, 1.00 open on 101
            assertThat(position.realizedPnl().plus(position.unrealizedPnl(Price.of("100"))))
                    .isEqualTo(Money.of("5.99"));
        }
    }

    /**
     * One row of the tape: the quote one cent either side of {@code mid}; every resting order it trades
     * through fills whole at its limit, as a matching venue would fill it (what that fill places is
     * matched again). Checks that no level is held twice and at most two sides' worth rest.
     */
    private static int tick(EventStrategyHarness h, BigDecimal mid) {
        Price bid = Price.of(mid.subtract(new BigDecimal("0.01")));
        Price ask = Price.of(mid.add(new BigDecimal("0.01")));
        h.quote(BTC, bid.toString(), ask.toString());
        int fills = 0;
        for (Order crossed = crossed(h.open(), bid, ask); crossed != null; crossed = crossed(h.open(), bid, ask)) {
            h.fill(crossed.clientOrderId(), crossed.request().quantity(), crossed.request().limitPrice());
            fills++;
        }
        List<String> levels = h.open().stream().map(o -> o.request().side() + " " + o.request().limitPrice()).toList();
        assertThat(levels).doesNotHaveDuplicates().hasSizeLessThanOrEqualTo(6);
        return fills;
    }

    private static Order crossed(List<Order> open, Price bid, Price ask) {
        return open.stream().filter(o -> o.request().side() == Side.BUY ? !ask.isGreaterThan(o.request().limitPrice())
                : !bid.isLessThan(o.request().limitPrice())).findFirst().orElse(null);
    }
}
