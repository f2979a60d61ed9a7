package io.tradehost.strategy.testkit;

import io.tradehost.api.command.CancelOrder;
import io.tradehost.api.command.CancelOrders;
import io.tradehost.api.command.OrderIntent;
import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.event.IntentNotRecorded;
import io.tradehost.api.event.IntentRecorded;
import io.tradehost.api.event.IntentRejected;
import io.tradehost.api.event.MarkUpdated;
import io.tradehost.api.event.Message;
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
import io.tradehost.api.host.Health;
import io.tradehost.api.host.PluginIsolation;
import io.tradehost.api.market.Mark;
import io.tradehost.api.market.Quote;
import io.tradehost.api.market.Trade;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.Liquidity;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.Position;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.state.ClearingRule;
import io.tradehost.api.state.ReasonCode;
import io.tradehost.api.state.ReasonSource;
import io.tradehost.api.state.StateReason;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.strategy.event.EventStrategyFactory;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Product;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.coordinator.strategy.CycleMode;
import io.tradehost.coordinator.strategy.StrategyCoordinator;
import io.tradehost.coordinator.strategy.StrategySettings;
import io.tradehost.kernel.Kernel;
import io.tradehost.kernel.VirtualClock;
import io.tradehost.testkit.EventRecorder;
import io.tradehost.testkit.Fixtures;
import io.tradehost.testkit.ScriptedVenue;
import io.tradehost.testkit.StubMarket;
import io.tradehost.testkit.StubTradingState;
import io.tradehost.testkit.StubVenueAccess;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs one event-driven strategy in the host's real strategy coordinator, on a stepped kernel and a
 * virtual clock starting at {@link Fixtures#EPOCH}, with a stand-in for execution and the venue that
 * the test drives. Feed it quotes, trades and time; read the orders the strategy sent; answer them
 * (fill, cancel, reject); compare the messages it recorded.
 *
 * <pre>{@code
 * try (var h = EventStrategyHarness.start(new MyFactory(), Map.of("length", 3), Fixtures.perpetual("BTC-PERP"))) {
 *     h.trade(BTC, "100", "1");
 *     h.advance(Duration.ofMinutes(1));      // the 1m bar closes; the strategy may order
 *     OrderRequest order = h.sent().getLast();
 *     h.fill(order.clientOrderId(), order.quantity(), Price.of("100"));
 * }
 * }</pre>
 *
 * What the stand-in does: every order is accepted at once (or refused, see {@link #refuseNext}); a market
 * order fills at the touch of the last quote, a post-only limit that would take is rejected, the rest
 * rest until the test fills or cancels them; the strategy's cancels are confirmed at once. Positions and
 * cash are booked as for a perpetual, from 10 000 of cash. Built-ins run inline; nothing here is
 * thread-safe: call it from the test's thread.
 */
public final class EventStrategyHarness implements AutoCloseable {
    private final VirtualClock clock = new VirtualClock(Fixtures.EPOCH);
    private final Kernel kernel = new Kernel(clock);
    private final EventRecorder recorder = new EventRecorder();
    private final StubMarket market = new StubMarket();
    private final StubTradingState state = new StubTradingState();
    private final HarnessBook book = new HarnessBook(market, Money.ofUnits(10_000));
    private final HarnessExecution execution;
    private final StrategyCoordinator coordinator;
    private final ScriptedVenue venue;

    private EventStrategyHarness(EventStrategyFactory factory, Map<String, ?> config, boolean trades,
                                 List<Product> products) {
        venue = new ScriptedVenue(products).publishesTrades(trades);
        StubVenueAccess access = new StubVenueAccess(venue, products);
        execution = new HarnessExecution(kernel, clock, market, book, access::product);
        String name = factory.name();
        StrategySettings settings = new StrategySettings(name, Map.of(),
                n -> new PluginConfig("strategy.config." + n, config), CycleMode.ON_MARK, Duration.ofSeconds(5),
                StrategySettings.DEFAULT_QUARANTINE_AFTER, Duration.ofDays(1), StrategySettings.DEFAULT_QUARANTINE_AFTER,
                StrategySettings.DEFAULT_MAX_DECISION_LEVERAGE, true);
        coordinator = new StrategyCoordinator(settings, List.of(factory), access, market, book, state, kernel, kernel,
                clock, kernel, PluginIsolation.inline());
        Kernel.FailurePolicy log = Kernel.FailurePolicy.LOG_AND_COUNT;
        kernel.own(OrderIntent.class, "execution.place", log, execution::place);
        kernel.own(CancelOrder.class, "execution.cancel-one", log, execution::cancel);
        kernel.own(CancelOrders.class, "execution.cancel", log, execution::cancelAll);
        kernel.own(io.tradehost.api.command.AmendOrder.class, "execution.amend", log, execution::amend);
        io.tradehost.coordinator.strategy.StrategyRoutes.of(coordinator).forEach(r -> subscribe(kernel, r));
        kernel.observe(recorder);
    }

    /**
     * Starts {@code factory}'s strategy over {@code products} (all assigned to it), configured with
     * {@code config}; its bars are built from trades.
     */
    public static EventStrategyHarness start(EventStrategyFactory factory, Map<String, ?> config,
                                             Product... products) {
        return start(factory, config, true, products);
    }

    /** As {@link #start(EventStrategyFactory, Map, Product...)}; {@code trades} false builds bars from quote mids. */
    public static EventStrategyHarness start(EventStrategyFactory factory, Map<String, ?> config, boolean trades,
                                             Product... products) {
        EventStrategyHarness harness = new EventStrategyHarness(factory, config, trades, List.of(products));
        harness.coordinator.initialize();
        harness.coordinator.start();
        harness.kernel.advanceBy(java.time.Duration.ZERO); // the strategy starts once start-up is dispatched
        return harness;
    }

    private static <E extends io.tradehost.api.event.Event> void subscribe(Kernel kernel,
            io.tradehost.coordinator.strategy.StrategyRoutes.Route<E> r) {
        kernel.subscribe(r.type(), r.name(), Kernel.FailurePolicy.LOG_AND_COUNT, r.handler());
    }

    /** A validated quote (a mark) of {@code symbol}, 1000 on each side, at the clock's time. */
    public void quote(Symbol symbol, String bid, String ask) {
        Mark mark = Mark.of(new Quote(symbol, Price.of(bid), Quantity.ofUnits(1_000), Price.of(ask),
                Quantity.ofUnits(1_000), clock.nanos()));
        market.put(mark);
        kernel.publish(new MarkUpdated(mark));
        kernel.runUntilIdle();
    }

    /** A public trade of {@code symbol} at the clock's time. */
    public void trade(Symbol symbol, String price, String size, Side aggressor) {
        kernel.publish(new TradeReceived(new Trade(symbol, Price.of(price), Quantity.of(size), aggressor, "",
                clock.nanos())));
        kernel.runUntilIdle();
    }

    /** The venue's order book of {@code book.symbol()} changed: strategies subscribed hear its top levels. */
    public void book(io.tradehost.api.market.BookDepth book) {
        kernel.publish(new io.tradehost.api.event.BookReceived(book));
        kernel.runUntilIdle();
    }

    /** The venue reported {@code funding} for a perpetual. */
    public void fundingRate(io.tradehost.api.market.FundingRate funding) {
        kernel.publish(new io.tradehost.api.event.FundingRateReceived(funding));
        kernel.runUntilIdle();
    }

    /** Moves the virtual clock on, firing the timers (bar closes, the strategy's timers) due meanwhile. */
    public void advance(Duration duration) {
        kernel.advanceBy(duration);
        kernel.runUntilIdle();
    }

    /** Refuses the next order, or amend, as a guard would, with {@code code}. */
    public void refuseNext(RejectionCode code, String message) {
        execution.refuseNext(code, message);
    }

    /** Fills {@code quantity} of an open order at {@code price}, as maker. */
    public Fill fill(ClientOrderId id, Quantity quantity, Price price) {
        Fill fill = execution.fill(id, quantity, price, Liquidity.MAKER);
        kernel.runUntilIdle();
        return fill;
    }

    /** The venue cancels an open order on its own (an operator, an expiry). */
    public void cancelAtVenue(ClientOrderId id, String reason) {
        execution.cancelled(id, reason);
        kernel.runUntilIdle();
    }

    /** The venue rejects an order it had accepted. */
    public void rejectAtVenue(ClientOrderId id, RejectionCode code) {
        execution.rejected(id, code);
        kernel.runUntilIdle();
    }

    /** Puts the host in {@code next} (a reason raised, or every reason cleared for ACTIVE). */
    public void tradingState(TradingState next) {
        TradingState before = state.state();
        state.reasons().forEach(r -> state.clear(r.code(), "harness"));
        if (next != TradingState.ACTIVE) {
            state.raise(new StateReason(ReasonCode.of(next == TradingState.HALTED ? "operator.halt"
                    : "operator.reduce_only"), ReasonSource.OPERATOR, next, "set by the test", Map.of(), clock.nanos(),
                    null, ClearingRule.OPERATOR));
        }
        kernel.publish(new TradingStateChanged(before, next, state.reasons(), clock.nanos()));
        kernel.runUntilIdle();
    }

    /** Every order the strategy got sent, in order, as the host would send it (client ids {@code h-1}, {@code h-2}, ...). */
    public List<OrderRequest> sent() {
        return execution.sent();
    }

    /** The orders resting now. */
    public List<Order> open() {
        return execution.open();
    }

    /**
     * Makes the venue amend resting limit orders in place (false by default: every modification is
     * then the host's cancel-replace); its amends are confirmed at once, see {@link #amends()}.
     */
    public EventStrategyHarness venueAmends(boolean amends) {
        venue.supportsAmend(amends);
        return this;
    }

    /** The amends the host asked of the venue, in order (the strategy's modifications of resting limit orders). */
    public List<io.tradehost.api.command.AmendOrder> amends() {
        return execution.amends();
    }

    /** The orders the strategy asked to cancel, in order. */
    public List<ClientOrderId> cancels() {
        return execution.cancels();
    }

    public Position position(Symbol symbol) {
        return book.position(symbol);
    }

    /** Every message the kernel dispatched since the harness started, in order. */
    public List<Message> messages() {
        return recorder.all();
    }

    /** Messages of one type, in order. */
    public <T extends Message> List<T> messages(Class<T> type) {
        return recorder.of(type);
    }

    /** The strategy coordinator's health: failures, late calls, quarantine. */
    public Health health() {
        return coordinator.health();
    }

    public long nanos() {
        return clock.nanos();
    }

    /** Stops the strategy (its open orders cancelled) and dispatches what that sent. */
    @Override
    public void close() {
        coordinator.stop();
        kernel.runUntilIdle();
    }
}
