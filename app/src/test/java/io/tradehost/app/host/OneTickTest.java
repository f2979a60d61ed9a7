package io.tradehost.app.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.api.command.OrderIntent;
import io.tradehost.api.command.RecordIntent;
import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.event.IntentRecorded;
import io.tradehost.api.journal.OrderOwner;
import io.tradehost.api.event.IntentRejected;
import io.tradehost.api.event.MarkUpdated;
import io.tradehost.api.event.Message;
import io.tradehost.api.event.OrderAccepted;
import io.tradehost.api.event.OrderFilled;
import io.tradehost.api.event.OrderRejected;
import io.tradehost.api.event.OrderSubmitted;
import io.tradehost.api.event.PositionChanged;
import io.tradehost.api.event.QuoteReceived;
import io.tradehost.api.market.Mark;
import io.tradehost.api.market.Quote;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.Liquidity;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.Position;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.strategy.Decision;
import io.tradehost.api.strategy.Strategy;
import io.tradehost.api.strategy.StrategyFactory;
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
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
/**
 * The one-tick sequence, pinned: one quote into the real wiring (pipeline, coordinators, journal,
 * built-in guards), and the whole list of messages it causes, compared with the list written out
 * here. A change to who hears what, or in which order, fails this test.
 */
class OneTickTest {
    private static final Symbol BTC = Symbol.of("BTC-PERP");

    private final VirtualClock clock = new VirtualClock(Fixtures.EPOCH);
    private final long now = Fixtures.nanos(Fixtures.EPOCH);
    private final EventRecorder recorder = new EventRecorder();
    private final ScriptedVenue venue = new ScriptedVenue(List.of(Fixtures.perpetual("BTC-PERP")));

    /** Buys 1000 of notional at the first mark. */
    private static StrategyFactory buyOnce() {
        return new StrategyFactory() {
            @Override
            public String name() {
                return "buy-once";
            }

            @Override
            public String description() {
                return "buys 1000 of notional when flat";
            }

            @Override
            public Strategy create(PluginConfig config) {
                return ctx -> ctx.position().isFlat() ? Decision.buy(Money.of("1000"), "first mark")
                        : Decision.hold("done");
            }
        };
    }

    /** The real wiring on the scripted venue, after start, with the recorder observing. */
    private Host started(String... overrides) {
        PluginCatalog builtIns = PluginCatalog.fromLayer(ModuleLayer.boot());
        List<PluginCatalog.Found<StrategyFactory>> strategies = new ArrayList<>();
        builtIns.strategies().forEach(f -> strategies.add(new PluginCatalog.Found<>(f, new PluginInfo("strategy",
                f.name(), "", "test", "1", "image", PluginInfo.LOADED, "", false, ""))));
        strategies.add(new PluginCatalog.Found<>(buyOnce(), new PluginInfo("strategy", "buy-once", "", "test", "1",
                "test", PluginInfo.LOADED, "", false, "")));
        PluginCatalog catalog = new PluginCatalog(strategies, builtIns.guards().stream().map(g ->
                new PluginCatalog.Found<>(g, new PluginInfo("guard", g.name(), "", "test", "1", "image",
                        PluginInfo.LOADED, "", false, ""))).toList(),
                List.of(new PluginCatalog.Found<>(ScriptedVenue.factory("scripted", List.of(), venue),
                        new PluginInfo("venue", "scripted", "", "test", "1", "test", PluginInfo.LOADED, "", false, ""))),
                builtIns.runtimeGuards().stream().map(g -> new PluginCatalog.Found<>(g, new PluginInfo(
                        "runtime-guard", g.name(), "", "test", "1", "image", PluginInfo.LOADED, "", false, "")))
                        .toList(), List.of());
        Host host = HostComponent.wire(ConfigLoader.load(config(), List.of(overrides)),
                HostInputs.of("t", clock, 1, Map.of()), catalog, clock);
        host.start();
        host.kernel().runUntilIdle();
        host.kernel().observe(recorder);
        venue.fillPrice(Price.of("100.01")).fee(Money.of("0.05"));
        return host;
    }

    @TempDir
    Path dir;

    /** One symbol on the scripted venue, the built-in guards, no runtime guards (they would only watch). */
    private Path config() {
        try {
            return Files.writeString(dir.resolve("host.toml"), """
                    [host]
                    symbols = ["BTC-PERP"]
                    [venue]
                    name = "scripted"
                    [strategy]
                    name = "buy-once"
                    [guards]
                    order = ["kill-switch", "trading-state", "max-order-notional", "symbol-exposure", "total-exposure",
                             "leverage", "liquidation-buffer", "quote-quality", "order-rate"]
                    [runtime_guards]
                    order = []
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Message> tick(Host host) {
        venue.emit(quote());
        host.kernel().runUntilIdle();
        return recorder.all();
    }

    private Quote quote() {
        return new Quote(BTC, Price.of("99.99"), Quantity.ofUnits(10_000), Price.of("100.01"),
                Quantity.ofUnits(10_000), now);
    }

    private OrderIntent intent() {
        return new OrderIntent(1, BTC, Side.BUY, false, null, Money.of("1000"), OrderType.MARKET, null, null, false,
                false, "buy-once", "first mark", Price.of("100"), now);
    }

    private static OrderRequest request() {
        return new OrderRequest(ClientOrderId.of("t-1"), BTC, Side.BUY, OrderType.MARKET, Quantity.of("10"), null,
                TimeInForce.GTC, false, false);
    }

    @Test
    void aMarkThatFillsAnOrder() {
        Host host = started();
        Fill fill = new Fill("t-1", ClientOrderId.of("t-1"), BTC, Side.BUY, Quantity.of("10"), Price.of("100.01"),
                Money.of("0.05"), Liquidity.TAKER, 0);
        Position after = Position.flat(BTC).apply(fill);
        assertThat(tick(host)).containsExactly(
                new QuoteReceived(quote()),
                new MarkUpdated(Mark.of(quote())),
                intent(),
                new RecordIntent(request(), 1, 1, now, new OrderOwner("buy-once", "first mark", false)),
                new IntentRecorded(request(), 1, now, new OrderOwner("buy-once", "first mark", false)),
                new OrderSubmitted(request(), 1, now),
                new OrderAccepted(ClientOrderId.of("t-1"), BTC, "v-t-1", now),
                new OrderFilled(fill),
                new PositionChanged(after, fill, Money.of("10000").minus(Money.of("0.05")).plus(after.realizedPnl())));
        host.stop();
    }

    @Test
    void aMarkWhoseOrderAGuardRejects() {
        Host host = started("guards.config.max-order-notional.max=\"500\"");
        assertThat(tick(host)).containsExactly(
                new QuoteReceived(quote()),
                new MarkUpdated(Mark.of(quote())),
                intent(),
                new IntentRejected(intent(), "max-order-notional", RejectionCode.of("MAX_ORDER_NOTIONAL"),
                        "order notional 1000 > max 500"));
        assertThat(venue.placed()).isEmpty();
        host.stop();
    }

    @Test
    void aMarkWhoseOrderTheVenueRefuses() {
        Host host = started();
        venue.answer(ScriptedVenue.Answer.REFUSE);
        assertThat(tick(host)).containsExactly(
                new QuoteReceived(quote()),
                new MarkUpdated(Mark.of(quote())),
                intent(),
                new RecordIntent(request(), 1, 1, now, new OrderOwner("buy-once", "first mark", false)),
                new IntentRecorded(request(), 1, now, new OrderOwner("buy-once", "first mark", false)),
                new OrderSubmitted(request(), 1, now),
                new OrderRejected(ClientOrderId.of("t-1"), BTC, RejectionCode.of("ACCOUNT_LOCKED"),
                        "placing failed: scripted refusal", now));
        host.stop();
    }
}
