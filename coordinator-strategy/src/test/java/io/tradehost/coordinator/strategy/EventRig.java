package io.tradehost.coordinator.strategy;

import io.tradehost.api.command.CancelOrder;
import io.tradehost.api.command.OrderIntent;
import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.event.IntentNotRecorded;
import io.tradehost.api.event.IntentRecorded;
import io.tradehost.api.event.IntentRejected;
import io.tradehost.api.event.MarkUpdated;
import io.tradehost.api.event.OrderAccepted;
import io.tradehost.api.event.OrderCancelRejected;
import io.tradehost.api.event.OrderCancelled;
import io.tradehost.api.event.OrderFilled;
import io.tradehost.api.event.OrderReconciled;
import io.tradehost.api.event.OrderRejected;
import io.tradehost.api.event.PositionChanged;
import io.tradehost.api.event.StateReasonChanged;
import io.tradehost.api.event.TradeReceived;
import io.tradehost.api.event.TradingStateChanged;
import io.tradehost.api.host.PluginIsolation;
import io.tradehost.api.market.Bar;
import io.tradehost.api.market.Mark;
import io.tradehost.api.market.Quote;
import io.tradehost.api.market.Trade;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.Liquidity;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.Position;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.strategy.event.EventStrategy;
import io.tradehost.api.strategy.event.EventStrategyFactory;
import io.tradehost.api.strategy.event.OrderEvent;
import io.tradehost.api.strategy.event.Restored;
import io.tradehost.api.strategy.event.StrategyHost;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.value.TimeInForce;
import io.tradehost.kernel.Kernel;
import io.tradehost.kernel.VirtualClock;
import io.tradehost.testkit.EventRecorder;
import io.tradehost.testkit.Fixtures;
import io.tradehost.testkit.ScriptedVenue;
import io.tradehost.testkit.StubMarket;
import io.tradehost.testkit.StubPortfolio;
import io.tradehost.testkit.StubTradingState;
import io.tradehost.testkit.StubVenueAccess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * An event-driven strategy in the real coordinator on a stepped kernel, for the coordinator's own tests:
 * the probe strategy writes every callback it hears into {@link #heard} as one line, and runs what the
 * test scripted for it; commands to execution are only recorded, and the test answers them by
 * publishing the events execution and the venue would.
 */
final class EventRig {
    static final Symbol BTC = Symbol.of("BTC-PERP");
    static final Symbol ETH = Symbol.of("ETH-PERP");

    final VirtualClock clock = new VirtualClock(Fixtures.EPOCH);
    final Kernel kernel = new Kernel(clock);
    final EventRecorder events = new EventRecorder();
    final StubMarket market = new StubMarket();
    final StubPortfolio portfolio = new StubPortfolio(Money.of("10000"));
    final StubTradingState tradingState = new StubTradingState();
    ScriptedVenue venue = new ScriptedVenue(List.of(Fixtures.perpetual("BTC-PERP"),
            Fixtures.perpetual("ETH-PERP")));
    final List<String> heard = new ArrayList<>();
    final List<OrderIntent> intents = new ArrayList<>();
    /** What execution does with an intent: by default only records it. */
    Consumer<OrderIntent> onIntent = intents::add;
    final List<CancelOrder> cancels = new ArrayList<>();
    final List<io.tradehost.api.command.AmendOrder> amends = new ArrayList<>();
    /** What the probe does on start (by default: subscribes to both symbols' quotes), and on every other callback. */
    Consumer<StrategyHost> onStart = h -> {
        h.subscribeQuotes(BTC);
        h.subscribeQuotes(ETH);
    };
    BiConsumer<StrategyHost, Object> onEvent = (h, e) -> { };
    StrategyHost host;
    /** What the probe got back at its last start. */
    Restored lastRestored;
    /** What the probe saves; null (nothing) by default. */
    java.util.function.Supplier<byte[]> state = () -> null;
    /** The journal the coordinator restores from and saves to; none by default. */
    io.tradehost.api.journal.OrderJournal journal;
    final List<io.tradehost.api.command.RecordStrategyState> saves = new ArrayList<>();
    /** The contingent lists journaled (only when the rig has a {@link #journal}). */
    final List<io.tradehost.api.command.RecordOrderList> lists = new ArrayList<>();
    StrategyCoordinator coordinator;
    PluginIsolation isolation = PluginIsolation.inline();
    private long trades;

    /** The probe: hears everything, records it, and hands it to {@link #onEvent}. */
    final class Probe implements EventStrategy {
        @Override
        public void onStart(StrategyHost h, Restored restored) {
            host = h;
            lastRestored = restored;
            heard.add("start " + h.symbols() + " " + restored);
            EventRig.this.onStart.accept(h);
        }

        @Override
        public void onQuote(Quote quote) {
            heard.add("quote " + quote.symbol() + " " + quote.bid() + "/" + quote.ask());
            onEvent.accept(host, quote);
        }

        @Override
        public void onTrade(Trade trade) {
            heard.add("trade " + trade.symbol() + " " + trade.size() + "@" + trade.price());
            onEvent.accept(host, trade);
        }

        @Override
        public void onBook(io.tradehost.api.market.BookDepth book) {
            heard.add("book " + book.symbol() + " " + book.bids().stream().map(l -> l.size() + "@" + l.price())
                    .toList() + " " + book.asks().stream().map(l -> l.size() + "@" + l.price()).toList());
            onEvent.accept(host, book);
        }

        @Override
        public void onFundingRate(io.tradehost.api.market.FundingRate funding) {
            heard.add("funding " + funding.symbol() + " " + funding.rate() + " next " + funding.nextFundingNanos());
            onEvent.accept(host, funding);
        }

        @Override
        public void onBar(Bar bar) {
            heard.add("bar " + bar.symbol() + " " + bar.interval() + " " + (bar.startNanos() - start()) / 1_000_000_000L
                    + "s O" + bar.open() + " H" + bar.high() + " L" + bar.low() + " C" + bar.close() + " V"
                    + bar.volume() + " n" + bar.count());
            onEvent.accept(host, bar);
        }

        @Override
        public void onOrderEvent(OrderEvent event) {
            heard.add(event.getClass().getSimpleName() + " #" + event.handle().id() + " " + event.handle().status()
                    + " " + event.handle().filled() + "/" + event.handle().quantity() + switch (event) {
                        case OrderEvent.Rejected r -> " " + r.code();
                        case OrderEvent.Cancelled c -> " " + c.reason();
                        case OrderEvent.CancelRejected c -> " " + c.code();
                        case OrderEvent.ModifyRejected m -> " " + m.code();
                        case OrderEvent.Filled f -> " " + f.fill().quantity() + "@" + f.fill().price()
                                + (f.complete() ? " complete" : "");
                        default -> "";
                    });
            onEvent.accept(host, event);
        }

        @Override
        public void onPositionChanged(Position position) {
            heard.add("position " + position.symbol() + " " + position.quantity());
        }

        @Override
        public void onTradingStateChanged(Symbol symbol, TradingState s) {
            heard.add("state " + symbol + " " + s);
            onEvent.accept(host, s);
        }

        @Override
        public void onTimer(String name, long nowNanos) {
            heard.add("timer " + name + " " + (nowNanos - start()) / 1_000_000_000L + "s");
            onEvent.accept(host, name);
        }

        @Override
        public void onStop() {
            heard.add("stop");
        }

        @Override
        public byte[] saveState() {
            return state.get();
        }
    }

    StubTradingState state() {
        return tradingState;
    }

    long start() {
        return Fixtures.nanos(Fixtures.EPOCH);
    }

    EventStrategyFactory factory(String name) {
        return new EventStrategyFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return "probe";
            }

            @Override
            public EventStrategy createEventStrategy(PluginConfig config) {
                config.integer("known", 1, 0, 9);
                return new Probe();
            }
        };
    }

    /** Starts the probe as {@code probe} over both symbols. */
    EventRig started() {
        return started(StrategySettings.single("probe", PluginConfig.empty("strategy.config.probe"),
                CycleMode.ON_MARK, Duration.ofSeconds(5)));
    }

    EventRig started(StrategySettings settings) {
        coordinator = new StrategyCoordinator(settings, List.of(factory("probe")),
                new StubVenueAccess(venue, venue.products()), market, portfolio, this.state(), kernel, kernel, clock,
                kernel, isolation, journal);
        kernel.own(io.tradehost.api.command.RecordStrategyState.class, "journal.strategy-state",
                Kernel.FailurePolicy.LOG_AND_COUNT, saves::add);
        kernel.own(io.tradehost.api.command.RecordOrderList.class, "journal.order-list",
                Kernel.FailurePolicy.LOG_AND_COUNT, lists::add);
        Kernel.FailurePolicy log = Kernel.FailurePolicy.LOG_AND_COUNT;
        kernel.own(OrderIntent.class, "execution.place", log, i -> onIntent.accept(i));
        kernel.own(CancelOrder.class, "execution.cancel-one", log, cancels::add);
        kernel.own(io.tradehost.api.command.AmendOrder.class, "execution.amend", log, amends::add);
        StrategyRoutes.of(coordinator).forEach(r -> subscribe(kernel, r));
        kernel.observe(events);
        coordinator.initialize();
        coordinator.start();
        kernel.advanceBy(Duration.ZERO);
        return this;
    }

    private static <E extends io.tradehost.api.event.Event> void subscribe(Kernel kernel, StrategyRoutes.Route<E> r) {
        kernel.subscribe(r.type(), r.name(), Kernel.FailurePolicy.LOG_AND_COUNT, r.handler());
    }

    void quote(Symbol symbol, String bid, String ask) {
        Mark mark = Mark.of(new Quote(symbol, Price.of(bid), Quantity.ofUnits(5), Price.of(ask), Quantity.ofUnits(5),
                clock.nanos()));
        market.put(mark);
        kernel.publish(new MarkUpdated(mark));
        kernel.runUntilIdle();
    }

    void trade(Symbol symbol, String price, String size) {
        kernel.publish(new TradeReceived(new Trade(symbol, Price.of(price), Quantity.of(size), Side.BUY,
                "t" + (++trades), clock.nanos())));
        kernel.runUntilIdle();
    }

    void advance(Duration d) {
        kernel.advanceBy(d);
        kernel.runUntilIdle();
    }

    /** The journal recorded intent {@code i} (its n-th, from 1) as order {@code o-n}: what execution would publish. */
    OrderRequest record(int i) {
        OrderIntent intent = intents.get(i - 1);
        OrderRequest request = new OrderRequest(id(i), intent.symbol(), intent.side(), intent.type(),
                intent.quantity(), intent.limitPrice(), TimeInForce.GTC, intent.reduceOnly(), intent.postOnly(),
                intent.stopPrice());
        // as execution journals it: held by the host when a trailing stop or a stop the venue does not take
        boolean held = intent.trail() != null || intent.type().isStop() && !venue.supportsNatively(intent.type());
        kernel.publish(new IntentRecorded(request, intent.sequence(), clock.nanos(), held
                ? io.tradehost.api.journal.OrderOwner.NONE.asHeldByHost() : io.tradehost.api.journal.OrderOwner.NONE));
        kernel.runUntilIdle();
        return request;
    }

    static ClientOrderId id(int n) {
        return ClientOrderId.of("o", n);
    }

    void accept(int n) {
        publish(new OrderAccepted(id(n), BTC, "v" + n, clock.nanos()));
    }

    void fill(int n, Symbol symbol, Side side, String quantity, String price, String position) {
        Fill fill = new Fill("f" + (++trades), id(n), symbol, side, Quantity.of(quantity), Price.of(price), Money.ZERO,
                Liquidity.MAKER, clock.nanos());
        Position after = new Position(symbol, Quantity.of(position), Money.ZERO, Money.ZERO, Money.ZERO);
        portfolio.position(after);
        kernel.publish(new OrderFilled(fill)); // as execution hears the venue, then books it
        publish(new PositionChanged(after, fill, Money.of("10000")));
    }

    void cancelled(int n, String reason) {
        publish(new OrderCancelled(id(n), BTC, reason, clock.nanos()));
    }

    void publish(io.tradehost.api.event.Event event) {
        kernel.publish(event);
        kernel.runUntilIdle();
    }

    Map<String, String> health() {
        return coordinator.health().details();
    }
}
