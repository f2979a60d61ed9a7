package io.tradehost.app.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.api.command.OrderIntent;
import io.tradehost.api.command.RecordIntent;
import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.event.IntentRecorded;
import io.tradehost.api.journal.OrderOwner;
import io.tradehost.api.event.MarkUpdated;
import io.tradehost.api.event.Message;
import io.tradehost.api.event.OrderAccepted;
import io.tradehost.api.event.OrderFilled;
import io.tradehost.api.event.OrderSubmitted;
import io.tradehost.api.event.PositionChanged;
import io.tradehost.api.event.QuoteReceived;
import io.tradehost.api.event.TradeReceived;
import io.tradehost.api.market.Bar;
import io.tradehost.api.market.BarInterval;
import io.tradehost.api.market.Mark;
import io.tradehost.api.market.Quote;
import io.tradehost.api.market.Trade;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.Liquidity;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.Position;
import io.tradehost.api.strategy.StrategyFactory;
import io.tradehost.api.strategy.event.EventStrategy;
import io.tradehost.api.strategy.event.EventStrategyFactory;
import io.tradehost.api.strategy.event.OrderEvent;
import io.tradehost.api.strategy.event.OrderSpec;
import io.tradehost.api.strategy.event.Restored;
import io.tradehost.api.strategy.event.StrategyHost;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.value.TimeInForce;
import io.tradehost.app.config.ConfigLoader;
import io.tradehost.app.plugins.PluginCatalog;
import io.tradehost.app.plugins.PluginInfo;
import io.tradehost.app.wiring.HostComponent;
import io.tradehost.app.wiring.HostInputs;
import io.tradehost.kernel.VirtualClock;
import io.tradehost.testkit.EventRecorder;
import io.tradehost.testkit.Fixtures;
import io.tradehost.testkit.ScriptedVenue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one-tick sequence of the event api, pinned through the real wiring (pipeline, coordinators,
 * journal, built-in guards): a trade in, the 1-minute bar out when the minute ends, the strategy's
 * order, and its acceptance and fill back to the strategy. Both the host's messages and what the
 * strategy heard are compared whole.
 */
class EventTickTest {
    private static final Symbol BTC = Symbol.of("BTC-PERP");

    private final VirtualClock clock = new VirtualClock(Fixtures.EPOCH);
    private final long start = Fixtures.nanos(Fixtures.EPOCH);
    private final EventRecorder recorder = new EventRecorder();
    private final ScriptedVenue venue = new ScriptedVenue(List.of(Fixtures.perpetual("BTC-PERP"))).publishesTrades(true);
    private final List<String> heard = new ArrayList<>();

    @TempDir
    Path dir;

    /** Buys 2 at the market on the first 1-minute bar, tagged "first bar"; writes down what it hears. */
    private EventStrategyFactory barBuyer() {
        return new EventStrategyFactory() {
            @Override
            public String name() {
                return "bar-buyer";
            }

            @Override
            public String description() {
                return "buys on the first bar";
            }

            @Override
            public EventStrategy createEventStrategy(PluginConfig config) {
                return new EventStrategy() {
                    private StrategyHost host;

                    @Override
                    public void onStart(StrategyHost h, Restored restored) {
                        host = h;
                        heard.add("start " + restored);
                        h.subscribeBars(BTC, BarInterval.parse("1m"));
                    }

                    @Override
                    public void onBar(Bar bar) {
                        heard.add("bar " + bar);
                        host.submit(OrderSpec.market(BTC, Side.BUY, Quantity.of("2")).withTag("first bar"));
                    }

                    @Override
                    public void onOrderEvent(OrderEvent event) {
                        heard.add(event.getClass().getSimpleName() + " " + event.handle().status() + " "
                                + event.handle().clientOrderId());
                    }

                    @Override
                    public void onPositionChanged(Position position) {
                        heard.add("position " + position.quantity());
                    }
                };
            }
        };
    }

    private Host started() throws IOException {
        PluginCatalog builtIns = PluginCatalog.fromLayer(ModuleLayer.boot());
        PluginInfo info = new PluginInfo("strategy", "bar-buyer", "", "test", "1", "test", PluginInfo.LOADED, "",
                false, "");
        List<PluginCatalog.Found<StrategyFactory>> strategies = List.of(new PluginCatalog.Found<>(barBuyer(), info));
        PluginCatalog catalog = new PluginCatalog(strategies, builtIns.guards().stream().map(g ->
                new PluginCatalog.Found<>(g, new PluginInfo("guard", g.name(), "", "test", "1", "image",
                        PluginInfo.LOADED, "", false, ""))).toList(),
                List.of(new PluginCatalog.Found<>(ScriptedVenue.factory("scripted", List.of(), venue),
                        new PluginInfo("venue", "scripted", "", "test", "1", "test", PluginInfo.LOADED, "", false, ""))),
                List.of(), List.of());
        Path config = Files.writeString(dir.resolve("host.toml"), """
                [host]
                symbols = ["BTC-PERP"]
                [venue]
                name = "scripted"
                [strategy]
                name = "bar-buyer"
                [guards]
                order = ["kill-switch", "trading-state", "max-order-notional", "symbol-exposure", "total-exposure",
                         "leverage", "liquidation-buffer", "quote-quality", "order-rate"]
                [runtime_guards]
                order = []
                [runtime.reconciliation]
                interval = "1h"
                """);
        Host host = HostComponent.wire(ConfigLoader.load(config, List.of()), HostInputs.of("t", clock, 1, Map.of()),
                catalog, clock);
        host.start();
        host.kernel().runUntilIdle();
        host.kernel().observe(recorder);
        venue.fillPrice(Price.of("100.01")).fee(Money.of("0.05"));
        return host;
    }

    @Test
    void aTradeABarAtTheMinutesEndTheStrategysOrderAndItsFillBackToTheStrategy() throws IOException {
        Host host = started();
        host.kernel().advanceBy(Duration.ofSeconds(10));
        long at = start + Duration.ofSeconds(10).toNanos();
        Quote quote = new Quote(BTC, Price.of("99.99"), Quantity.ofUnits(10_000), Price.of("100.01"),
                Quantity.ofUnits(10_000), at);
        Trade trade = new Trade(BTC, Price.of("100"), Quantity.of("0.5"), Side.SELL, "x-1", at);
        venue.emit(quote);
        venue.emitTrade(trade);
        host.kernel().runUntilIdle();
        host.kernel().advanceBy(Duration.ofSeconds(45));
        Quote fresh = new Quote(BTC, Price.of("99.99"), Quantity.ofUnits(10_000), Price.of("100.01"),
                Quantity.ofUnits(10_000), at + Duration.ofSeconds(45).toNanos());
        venue.emit(fresh); // the quote-quality guard wants a mark younger than 30 s when the bar's order goes
        host.kernel().runUntilIdle();
        host.kernel().advanceBy(Duration.ofMillis(4_999));
        assertThat(heard).as("the bar is not closed before its end").hasSize(1);
        host.kernel().advanceBy(Duration.ofMillis(250));
        assertThat(heard).as("nor before strategy.bar_close_delay (250 ms) after it").hasSize(1);
        host.kernel().advanceBy(Duration.ofMillis(1));
        long end = start + Duration.ofMinutes(1).plusMillis(250).toNanos();
        OrderRequest request = new OrderRequest(ClientOrderId.of("t-1"), BTC, Side.BUY, OrderType.MARKET,
                Quantity.of("2"), null, TimeInForce.GTC, false, false);
        Fill fill = new Fill("t-1", ClientOrderId.of("t-1"), BTC, Side.BUY, Quantity.of("2"), Price.of("100.01"),
                Money.of("0.05"), Liquidity.TAKER, 0);
        Position after = Position.flat(BTC).apply(fill);
        List<Message> expected = List.of(
                new QuoteReceived(quote),
                new TradeReceived(trade), // both came from the venue's thread before the kernel took the first
                new MarkUpdated(Mark.of(quote)),
                new QuoteReceived(fresh),
                new MarkUpdated(Mark.of(fresh)),
                new OrderIntent(1, BTC, Side.BUY, false, Quantity.of("2"), null, OrderType.MARKET, null, null, false,
                        false, "bar-buyer", "first bar", Price.of("100"), end, null, true),
                new RecordIntent(request, 1, 1, end, new OrderOwner("bar-buyer", "first bar", true)),
                new IntentRecorded(request, 1, end, new OrderOwner("bar-buyer", "first bar", true)),
                new OrderSubmitted(request, 1, end),
                new OrderAccepted(ClientOrderId.of("t-1"), BTC, "v-t-1", end),
                new OrderFilled(fill),
                new PositionChanged(after, fill, Money.of("10000").minus(Money.of("0.05"))));
        assertThat(recorder.all()).containsExactlyElementsOf(expected);
        assertThat(heard).containsExactly("start Restored[0 open order(s), 0 list(s), 0 byte(s) of state]",
                "bar " + new Bar(BTC, BarInterval.parse("1m"), start, Price.of("100"), Price.of("100"), Price.of("100"),
                        Price.of("100"), Quantity.of("0.5"), 1),
                "Accepted WORKING t-1", "Filled FILLED t-1", "position 2");
        host.stop();
        assertThat(venue.cancelled()).as("nothing left open to cancel at the stop").isEmpty();
    }
}
