package io.tradehost.coordinator.execution;

import static io.tradehost.kernel.Kernel.FailurePolicy.FAIL_CLOSED;
import static io.tradehost.kernel.Kernel.FailurePolicy.LOG_AND_COUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.tradehost.api.command.CancelOrder;
import io.tradehost.api.command.CancelOrders;
import io.tradehost.api.command.OrderIntent;
import io.tradehost.api.command.RecordIntent;
import io.tradehost.api.event.AccountObserved;
import io.tradehost.api.event.FundingBooked;
import io.tradehost.api.event.FundingPaid;
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
import io.tradehost.api.event.OrderSubmitted;
import io.tradehost.api.event.PositionChanged;
import io.tradehost.api.guard.GuardVerdict;
import io.tradehost.api.host.EventBus;
import io.tradehost.api.host.HealthStatus;
import io.tradehost.api.host.OrderCounters;
import io.tradehost.api.host.StartupException;
import io.tradehost.api.journal.JournalSnapshot;
import io.tradehost.api.order.AccountSnapshot;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.FundingPayment;
import io.tradehost.api.order.Liquidity;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.OrderStatus;
import io.tradehost.api.order.Position;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.state.ClearingRule;
import io.tradehost.api.state.ReasonCode;
import io.tradehost.api.state.ReasonSource;
import io.tradehost.api.state.StateReason;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Ratio;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.value.TimeInForce;
import io.tradehost.api.venue.Venue;
import io.tradehost.api.venue.VenueException;
import io.tradehost.kernel.Kernel;
import io.tradehost.kernel.VenueEventAdapter;
import io.tradehost.kernel.VirtualClock;
import io.tradehost.testkit.EventRecorder;
import io.tradehost.testkit.Fixtures;
import io.tradehost.testkit.InMemoryJournal;
import io.tradehost.testkit.ScriptedVenue.Answer;
import io.tradehost.testkit.ScriptedVenue;
import io.tradehost.testkit.StubMarket;
import io.tradehost.testkit.StubTradingState;
import io.tradehost.testkit.StubVenueAccess;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
class ExecutionCoordinatorTest {
    private static final RetryPolicy RETRIES = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofMillis(400));
    private static final Symbol BTC = Symbol.of("BTC-PERP");
    private static final Symbol SOL = Symbol.of("SOL-USD");

    private final VirtualClock clock = new VirtualClock(Fixtures.EPOCH);
    private final ScriptedVenue venue = new ScriptedVenue(List.of(Fixtures.perpetual("BTC-PERP"),
            Fixtures.spot("SOL-USD")));
    private Kernel kernel;
    private EventRecorder events;
    private final StubMarket market = new StubMarket();
    private final StubTradingState state = new StubTradingState();
    private final List<GuardChain.Named> guards = new ArrayList<>();
    private InMemoryJournal journal = new InMemoryJournal("run1");
    private ExecutionCoordinator execution;
    private long sequence;

    /** A fresh kernel, recorder and coordinator with the current guards. */
    @BeforeEach
    void wire() {
        kernel = new Kernel(clock);
        events = new EventRecorder();
        venue.listener(new VenueEventAdapter(kernel, clock));
        market.put(Fixtures.mark("BTC-PERP", "100")).put(Fixtures.mark("SOL-USD", "10"));
        execution = coordinator(new GuardChain(guards), new StubVenueAccess(venue, venue.products()), market, kernel);
        route(kernel, execution, journal);
        kernel.observe(events);
        execution.initialize();
        execution.start();
    }

    private ExecutionCoordinator coordinator(GuardChain chain, StubVenueAccess access, StubMarket marks,
                                             EventBus bus) {
        return new ExecutionCoordinator(new ExecutionSettings(TimeInForce.GTC, RETRIES, 7), chain, access, marks, state,
                journal, bus, kernel, kernel, clock);
    }

    /** Execution's routes as the host's pipeline declares them, with the journal double owning RecordIntent. */
    static void route(Kernel kernel, ExecutionCoordinator execution, InMemoryJournal journal) {
        kernel.own(OrderIntent.class, "execution.place", FAIL_CLOSED, execution::place);
        kernel.own(CancelOrders.class, "execution.cancel", LOG_AND_COUNT, execution::cancel);
        kernel.own(CancelOrder.class, "execution.cancel-one", LOG_AND_COUNT, execution::cancelOne);
        kernel.own(RecordIntent.class, "journal.record", FAIL_CLOSED, journal.answerOn(kernel)::record);
        kernel.subscribe(IntentRecorded.class, "execution.recorded", FAIL_CLOSED, execution::onIntentRecorded);
        kernel.subscribe(IntentNotRecorded.class, "execution.not-recorded", FAIL_CLOSED,
                execution::onIntentNotRecorded);
        kernel.subscribe(OrderAccepted.class, "execution.accepted", FAIL_CLOSED, execution::onAccepted);
        kernel.subscribe(OrderRejected.class, "execution.rejected", FAIL_CLOSED, execution::onRejected);
        kernel.subscribe(OrderCancelled.class, "execution.cancelled", FAIL_CLOSED, execution::onCancelled);
        kernel.subscribe(OrderFilled.class, "execution.fill", FAIL_CLOSED, execution::onFilled);
        kernel.subscribe(OrderReconciled.class, "execution.reconciled", FAIL_CLOSED, execution::onReconciled);
        kernel.subscribe(FundingPaid.class, "execution.funding", FAIL_CLOSED, execution::onFunding);
        kernel.subscribe(MarkUpdated.class, "execution.stops", FAIL_CLOSED, execution::onMark);
        kernel.subscribe(AccountObserved.class, "execution.account", LOG_AND_COUNT, execution::onAccount);
    }

    private OrderIntent stop(Symbol symbol, Side side, String quantity, OrderType type, String limit, String trigger) {
        return new OrderIntent(++sequence, symbol, side, false, Quantity.of(quantity), null, type,
                limit == null ? null : Price.of(limit), null, false, false, "test", "stop", Price.of("100"), 0,
                Price.of(trigger));
    }

    private void mark(String symbol, String price) {
        io.tradehost.api.market.Mark m = Fixtures.mark(symbol, price);
        market.put(m);
        kernel.publish(new MarkUpdated(m));
        kernel.runUntilIdle();
    }

    private OrderIntent buyNotional(Symbol symbol, String notional) {
        return new OrderIntent(++sequence, symbol, Side.BUY, false, null, Money.of(notional), OrderType.MARKET, null,
                null, false, false, "test", "because", Price.of("100"), 0);
    }

    private OrderIntent close(Symbol symbol) {
        return new OrderIntent(++sequence, symbol, null, true, null, null, OrderType.MARKET, null, null, true, false,
                "test", "exit", Price.of("100"), 0);
    }

    private void send(OrderIntent intent) {
        kernel.send(intent);
        kernel.runUntilIdle();
    }

    private List<String> rejectionCodes() {
        return events.of(IntentRejected.class).stream().map(r -> r.code().value()).toList();
    }

    @Test
    void anIntentIsSizedPlacedFilledAndBooked() {
        venue.fillPrice(Price.of("100")).fee(Money.of("0.5"));
        send(buyNotional(BTC, "1000.99"));

        OrderRequest placed = venue.placed().getFirst();
        assertThat(placed.clientOrderId()).isEqualTo(ClientOrderId.of("run1-1"));
        assertThat(placed.quantity()).isEqualTo(Quantity.of("10.009"));
        assertThat(placed.side()).isEqualTo(Side.BUY);
        assertThat(placed.timeInForce()).isEqualTo(TimeInForce.GTC);
        assertThat(events.of(OrderSubmitted.class)).hasSize(1);
        Position position = execution.portfolio().position(BTC);
        assertThat(position.quantity()).isEqualTo(Quantity.of("10.009"));
        assertThat(events.of(PositionChanged.class)).extracting(PositionChanged::position).containsExactly(position);
        assertThat(execution.portfolio().cash()).isEqualTo(Money.of("9999.5"));
        assertThat(execution.portfolio().equity()).isEqualTo(Money.of("9999.5"));
        assertThat(execution.counters()).isEqualTo(new OrderCounters(1, 1, 1, 0, Map.of()));
        assertThat(execution.portfolio().counters()).isEqualTo(execution.counters());
        assertThat(execution.health().status()).isEqualTo(HealthStatus.HEALTHY);
    }

    @Test
    void spotFillsMoveCashByNotionalAndCloseTakesTheWholePosition() {
        venue.fillPrice(Price.of("10"));
        send(buyNotional(SOL, "100"));
        assertThat(execution.portfolio().cash()).isEqualTo(Money.of("9900"));
        assertThat(execution.portfolio().equity()).isEqualTo(Money.of("10000"));
        assertThat(execution.portfolio().grossExposure()).isEqualTo(Money.of("100"));
        venue.fillPrice(Price.of("12"));
        send(close(SOL));
        OrderRequest closing = venue.placed().get(1);
        assertThat(closing.side()).isEqualTo(Side.SELL);
        assertThat(closing.quantity()).isEqualTo(Quantity.of("10"));
        assertThat(closing.reduceOnly()).isTrue();
        assertThat(execution.portfolio().cash()).isEqualTo(Money.of("10020"));
        assertThat(execution.portfolio().position(SOL).realizedPnl()).isEqualTo(Money.of("20"));
        assertThat(execution.portfolio().positions()).hasSize(1);
    }

    @Test
    void aSecondIntentWhileAnOrderIsInFlightIsRefused() {
        venue.answer(Answer.ACCEPT);
        send(buyNotional(BTC, "500"));
        send(buyNotional(BTC, "500"));
        assertThat(venue.placed()).hasSize(1);
        assertThat(rejectionCodes()).containsExactly("IN_FLIGHT");
        send(buyNotional(SOL, "50"));
        assertThat(venue.placed()).hasSize(2);
        assertThat(execution.health().details()).containsEntry("openOrders", "1");
    }

    @Test
    void theLockIsReleasedWhenTheOrderEnds() {
        venue.answer(Answer.REJECT);
        send(buyNotional(BTC, "500"));
        send(buyNotional(BTC, "500"));
        assertThat(venue.placed()).hasSize(2);
        assertThat(execution.counters().rejectionsByCode()).containsEntry("INSUFFICIENT_FUNDS", 1L);
        assertThat(execution.counters().filled()).isEqualTo(1);
    }

    @Test
    void aStopTheVenueDoesNotTakeIsHeldAndSentAsItsOrderOnceAMarkReachesTheTrigger() {
        send(stop(BTC, Side.BUY, "1", OrderType.STOP_MARKET, null, "105"));
        send(stop(SOL, Side.BUY, "2", OrderType.STOP_LIMIT, "11", "10.5"));
        assertThat(venue.placed()).isEmpty();
        assertThat(events.of(OrderSubmitted.class)).isEmpty();
        mark("BTC-PERP", "104.99");
        mark("SOL-USD", "10.49");
        assertThat(venue.placed()).isEmpty();
        mark("BTC-PERP", "105");
        assertThat(venue.placed()).singleElement().satisfies(r -> {
            assertThat(r.clientOrderId()).isEqualTo(ClientOrderId.of("run1", 1));
            assertThat(r.type()).isEqualTo(OrderType.MARKET);
            assertThat(r.stopPrice()).isEqualTo(Price.of("105"));
            assertThat(r.quantity()).isEqualTo(Quantity.of("1"));
        });
        mark("SOL-USD", "12");
        assertThat(venue.placed()).hasSize(2);
        assertThat(venue.placed().get(1).type()).isEqualTo(OrderType.LIMIT);
        assertThat(venue.placed().get(1).limitPrice()).isEqualTo(Price.of("11"));
        assertThat(events.of(OrderSubmitted.class)).extracting(s -> s.request().type())
                .containsExactly(OrderType.MARKET, OrderType.LIMIT);
        mark("BTC-PERP", "200");
        assertThat(venue.placed()).hasSize(2);
    }

    @Test
    void aSellStopTriggersOnTheWayDownAndTheTradingStateDecidesWhetherATriggeredStopGoes() {
        send(buyNotional(BTC, "1000"));
        assertThat(venue.placed()).hasSize(1);
        send(stop(BTC, Side.SELL, "4", OrderType.STOP_MARKET, null, "95"));
        mark("BTC-PERP", "95.01");
        assertThat(venue.placed()).hasSize(1);
        state.raise(new StateReason(ReasonCode.of("test_reduce"), ReasonSource.OPERATOR, TradingState.REDUCE_ONLY,
                "test", Map.of(), 0, null, ClearingRule.OPERATOR));
        mark("BTC-PERP", "94");
        assertThat(venue.placed()).hasSize(2);
        assertThat(venue.placed().get(1).side()).isEqualTo(Side.SELL);
        assertThat(venue.placed().get(1).type()).isEqualTo(OrderType.MARKET);

        send(stop(SOL, Side.BUY, "1", OrderType.STOP_MARKET, null, "11"));
        mark("SOL-USD", "11.5");
        assertThat(venue.placed()).hasSize(2);
        assertThat(events.of(OrderCancelled.class)).singleElement().satisfies(c -> {
            assertThat(c.symbol()).isEqualTo(SOL);
            assertThat(c.reason()).contains("REDUCE_ONLY");
        });
    }

    @Test
    void heldStopsAreJournaledAsHeldCancelledByCancelOrdersAndKeptAtStop() {
        send(stop(BTC, Side.BUY, "1", OrderType.STOP_MARKET, null, "105"));
        send(stop(SOL, Side.BUY, "1", OrderType.STOP_MARKET, null, "11"));
        kernel.send(new CancelOrders(BTC, "operator", 0));
        kernel.runUntilIdle();
        assertThat(events.of(OrderCancelled.class)).extracting(OrderCancelled::clientOrderId)
                .containsExactly(ClientOrderId.of("run1", 1));
        mark("BTC-PERP", "110");
        assertThat(venue.placed()).isEmpty();
        assertThat(journal.owners()).as("journaled as held, so that a restart arms them again")
                .containsOnlyKeys(ClientOrderId.of("run1", 1), ClientOrderId.of("run1", 2))
                .allSatisfy((id, owner) -> assertThat(owner.heldByHost()).isTrue());
        execution.stop();
        kernel.runUntilIdle();
        assertThat(events.of(OrderRejected.class)).as("a held stop outlives the stop, in the journal").isEmpty();
        mark("SOL-USD", "12");
        assertThat(venue.placed()).isEmpty();
    }

    @Test
    void guardsSeeTheVenuesLiquidationPriceOfAnOpenPosition() {
        List<Price> seen = new ArrayList<>();
        guards.add(new GuardChain.Named("probe", check -> {
            seen.add(check.liquidationPrice());
            return GuardVerdict.ALLOW;
        }));
        wire();
        kernel.publish(new AccountObserved(new AccountSnapshot(List.of(), List.of(), 0,
                Map.of(BTC, Price.of("80"), SOL, Price.of("5")))));
        kernel.runUntilIdle();
        send(buyNotional(BTC, "1000"));
        send(buyNotional(BTC, "500"));
        kernel.publish(new AccountObserved(new AccountSnapshot(List.of(), List.of(), 0, Map.of())));
        kernel.runUntilIdle();
        send(buyNotional(BTC, "500"));
        assertThat(seen).as("flat: none; open: the venue's figure; no longer reported: none")
                .containsExactly(null, Price.of("80"), null);
    }

    @Test
    void fundingIsBookedOnceAsCashOfItsSymbolAndPublishedWithTheCash() {
        Money before = execution.portfolio().cash();
        FundingPayment paid = new FundingPayment("f-1", BTC, Money.of("-1.25"), Ratio.of("0.0001"), Quantity.of("1"),
                Price.of("12500"), 7);
        FundingPayment received = new FundingPayment("f-2", BTC, Money.of("0.5"), Ratio.of("-0.00004"),
                Quantity.of("1"), Price.of("12500"), 8);
        for (FundingPayment p : List.of(paid, received, paid)) {
            kernel.publish(new FundingPaid(p));
            kernel.runUntilIdle();
        }
        assertThat(events.of(FundingBooked.class)).containsExactly(
                new FundingBooked(paid, before.plus(Money.of("-1.25"))),
                new FundingBooked(received, before.plus(Money.of("-0.75"))));
        assertThat(execution.portfolio().cash()).isEqualTo(before.plus(Money.of("-0.75")));
        assertThat(execution.portfolio().funding(BTC)).isEqualTo(Money.of("-0.75"));
        assertThat(execution.portfolio().funding(SOL)).isEqualTo(Money.ZERO);
    }

    @Test
    void aStaleMarkRefusesOpeningOrdersButLetsClosingOnesThrough() {
        send(buyNotional(BTC, "100"));
        market.stale(BTC);
        send(buyNotional(BTC, "100"));
        send(close(BTC));
        assertThat(rejectionCodes()).containsExactly("MARK_STALE");
        assertThat(venue.placed()).hasSize(2);
        assertThat(venue.placed().get(1).reduceOnly()).isTrue();
        market.put(Fixtures.mark("BTC-PERP", "101"));
        send(buyNotional(BTC, "100"));
        assertThat(venue.placed()).hasSize(3);
    }

    @Test
    void intentsWithoutAMarkOrASizeAboveTheMinimumAreRefused() {
        StubMarket empty = new StubMarket();
        ExecutionCoordinator blind = coordinator(new GuardChain(List.of()), new StubVenueAccess(venue,
                venue.products()), empty, events);
        blind.initialize();
        blind.place(buyNotional(BTC, "100"));
        send(buyNotional(BTC, "0.05"));
        send(close(BTC));
        send(new OrderIntent(++sequence, BTC, Side.BUY, false, null, null, OrderType.MARKET, null, null, false, false,
                "test", "", Price.of("1"), 0));
        assertThat(rejectionCodes()).containsExactly("NO_MARK", "SIZE_BELOW_MINIMUM", "NOTHING_TO_CLOSE", "NO_SIZE");
        assertThat(venue.placed()).isEmpty();
        assertThat(events.of(IntentRejected.class).get(1).message())
                .isEqualTo("BTC-PERP: size 0.0005 rounds to 0, below the minimum 0.001 (lot 0.001)");
    }

    @Test
    void anExplicitQuantityAndLimitAndTimeInForceAreKept() {
        send(new OrderIntent(++sequence, BTC, Side.SELL, false, Quantity.of("1.2345"), null, OrderType.LIMIT,
                Price.of("99"), TimeInForce.IOC, false, true, "test", "", Price.of("100"), 0));
        OrderRequest r = venue.placed().getFirst();
        assertThat(r.quantity()).isEqualTo(Quantity.of("1.234"));
        assertThat(r.limitPrice()).isEqualTo(Price.of("99"));
        assertThat(r.timeInForce()).isEqualTo(TimeInForce.IOC);
        assertThat(r.postOnly()).isTrue();
        assertThat(execution.portfolio().position(BTC).quantity()).isEqualTo(Quantity.of("-1.234"));
    }

    @Test
    void guardsSeeTheOrderAndTheFirstRejectionWins() {
        List<String> seen = new ArrayList<>();
        guards.add(new GuardChain.Named("first", check -> {
            seen.add("first " + check.order().quantity() + " " + check.tradingState() + " " + check.equity());
            return GuardVerdict.ALLOW;
        }));
        guards.add(new GuardChain.Named("second", check -> GuardVerdict.reject("TOO_BIG", "no")));
        guards.add(new GuardChain.Named("third", check -> {
            seen.add("third");
            return GuardVerdict.ALLOW;
        }));
        state.raise(new StateReason(ReasonCode.of("x"), ReasonSource.OPERATOR, TradingState.REDUCE_ONLY, "m", Map.of(), 0));
        wire();
        send(buyNotional(BTC, "200"));
        assertThat(seen).containsExactly("first 2 REDUCE_ONLY 10000");
        assertThat(events.of(IntentRejected.class)).extracting(IntentRejected::stage, (IntentRejected r) -> r.code().value())
                .containsExactly(tuple("second", "TOO_BIG"));
        assertThat(venue.placed()).isEmpty();
    }

    @Test
    void aGuardThatThrowsOrAnswersNothingFailsClosed() {
        guards.add(new GuardChain.Named("broken", check -> {
            throw new IllegalStateException("bug");
        }));
        wire();
        send(buyNotional(BTC, "200"));
        assertThat(events.of(IntentRejected.class)).extracting(IntentRejected::stage, (IntentRejected r) -> r.code().value(),
                IntentRejected::message).containsExactly(tuple("broken", "GUARD_FAILURE",
                "guard 'broken' threw IllegalStateException: bug"));

        guards.clear();
        guards.add(new GuardChain.Named("silent", check -> null));
        wire();
        send(buyNotional(BTC, "200"));
        assertThat(events.of(IntentRejected.class)).extracting(IntentRejected::stage, (IntentRejected r) -> r.code().value())
                .containsExactly(tuple("silent", "GUARD_FAILURE"));
        assertThat(venue.placed()).isEmpty();
    }

    @Test
    void aPermanentVenueRefusalIsARejectionAndReleasesTheLock() {
        venue.answer(Answer.REFUSE);
        send(buyNotional(BTC, "200"));
        send(buyNotional(BTC, "200"));
        assertThat(execution.counters().rejectionsByCode()).containsEntry("ACCOUNT_LOCKED", 1L);
        assertThat(execution.counters().filled()).isEqualTo(1);
        assertThat(venue.placed()).extracting(OrderRequest::clientOrderId)
                .containsExactly(ClientOrderId.of("run1-1"), ClientOrderId.of("run1-2"));
    }

    @Test
    void aTransientFailureIsRetriedWithTheSameIdAfterABackoff() {
        venue.answer(Answer.THROW, Answer.THROW);
        send(buyNotional(BTC, "200"));
        assertThat(venue.placed()).hasSize(1);
        kernel.advanceBy(Duration.ofMillis(49));
        assertThat(venue.placed()).as("equal jitter: never sooner than half the backoff").hasSize(1);
        kernel.advanceBy(Duration.ofMillis(51));
        assertThat(venue.placed()).hasSize(2);
        kernel.advanceBy(Duration.ofMillis(200));
        assertThat(venue.placed()).extracting(OrderRequest::clientOrderId).containsOnly(ClientOrderId.of("run1-1"))
                .hasSize(3);
        assertThat(execution.portfolio().position(BTC).quantity()).isEqualTo(Quantity.of("2"));
        assertThat(execution.health().details()).containsEntry("placementRetries", "2");
        assertThat(rejectionCodes()).isEmpty();
    }

    @Test
    void retriesStopAtTheCapWithARejectionThatReleasesTheLock() {
        venue.answer(Answer.THROW, Answer.THROW, Answer.THROW);
        send(buyNotional(BTC, "200"));
        kernel.advanceBy(Duration.ofSeconds(1));
        assertThat(venue.placed()).hasSize(3);
        assertThat(execution.counters().rejectionsByCode()).containsOnlyKeys("RETRIES_EXHAUSTED");
        send(buyNotional(BTC, "200"));
        assertThat(venue.placed()).hasSize(4);
        assertThat(execution.portfolio().position(BTC).quantity()).isEqualTo(Quantity.of("2"));
    }

    @Test
    void aRateLimitWaitsTheVenuesRetryAfter() {
        venue.answer(Answer.RATE_LIMIT);
        send(buyNotional(BTC, "200"));
        kernel.advanceBy(Duration.ofMillis(1999));
        assertThat(venue.placed()).hasSize(1);
        kernel.advanceBy(Duration.ofMillis(1));
        assertThat(venue.placed()).hasSize(2);
        assertThat(execution.counters().filled()).isEqualTo(1);
    }

    @Test
    void aCancelOfAnOrderWaitingOutARateLimitWithdrawsItSoItNeverReachesTheVenue() {
        venue.answer(Answer.RATE_LIMIT);
        send(buyNotional(BTC, "200"));
        venue.answer(Answer.RATE_LIMIT);
        send(buyNotional(SOL, "20"));
        assertThat(venue.placed()).hasSize(2);
        kernel.send(new CancelOrder(ClientOrderId.of("run1-1"), BTC, "strategy stopped", 0));
        kernel.send(new CancelOrders(null, "halt", 0));
        kernel.advanceBy(Duration.ofSeconds(10));
        assertThat(venue.placed()).as("neither retry goes out after its cancel").hasSize(2);
        assertThat(events.of(OrderCancelled.class)).extracting(OrderCancelled::clientOrderId, OrderCancelled::reason)
                .containsExactly(tuple(ClientOrderId.of("run1-1"), "cancelled before it reached the venue: strategy stopped"),
                        tuple(ClientOrderId.of("run1-2"), "cancelled before it reached the venue: halt"));
        assertThat(execution.counters().filled()).isZero();
    }

    @Test
    void aCancelWhileAPlacementsOutcomeIsUnknownIsCarriedOutOnceTheVenueAnswers() {
        venue.answer(Answer.TIMEOUT_LOST); // the venue never had it: not sent again, reported cancelled
        send(buyNotional(BTC, "200"));
        venue.answer(Answer.TIMEOUT_OPEN); // the venue has it, open: cancelled there
        send(buyNotional(SOL, "20"));
        kernel.send(new CancelOrder(ClientOrderId.of("run1-1"), BTC, "strategy stopped", 0));
        kernel.send(new CancelOrders(SOL, "halt", 0));
        kernel.advanceBy(Duration.ofSeconds(10));
        assertThat(venue.placed()).extracting(OrderRequest::clientOrderId).as("neither sent again")
                .containsExactly(ClientOrderId.of("run1-1"), ClientOrderId.of("run1-2"));
        assertThat(venue.cancelled()).containsExactly(ClientOrderId.of("run1-2"));
        assertThat(events.of(OrderCancelled.class)).extracting(OrderCancelled::clientOrderId)
                .contains(ClientOrderId.of("run1-1"), ClientOrderId.of("run1-2"));
        assertThat(events.of(OrderCancelled.class)).filteredOn(c -> c.clientOrderId().equals(ClientOrderId.of("run1-1")))
                .extracting(OrderCancelled::reason).containsExactly("cancelled before it reached the venue: strategy stopped");
        assertThat(venue.openOrders()).isEmpty();
    }

    @Test
    void aTimeoutAfterTheVenueActedIsResolvedByAskingNotBySendingAgain() {
        venue.answer(Answer.TIMEOUT_FILLED);
        send(buyNotional(BTC, "200"));
        kernel.advanceBy(Duration.ofSeconds(5));
        assertThat(venue.placed()).hasSize(1);
        assertThat(execution.portfolio().position(BTC).quantity()).isEqualTo(Quantity.of("2"));
        assertThat(execution.counters().filled()).isEqualTo(1);
        assertThat(execution.health().details()).containsEntry("unknownOutcomesResolved", "1")
                .containsEntry("duplicateFills", "1").containsEntry("illegalTransitions", "0");
        assertThat(rejectionCodes()).isEmpty();
    }

    @Test
    void aTimeoutBeforeTheVenueSawTheOrderSendsItAgainWithTheSameId() {
        venue.answer(Answer.TIMEOUT_LOST);
        send(buyNotional(BTC, "200"));
        assertThat(venue.placed()).hasSize(1);
        kernel.advanceBy(Duration.ofSeconds(1));
        assertThat(venue.placed()).extracting(OrderRequest::clientOrderId)
                .containsExactly(ClientOrderId.of("run1-1"), ClientOrderId.of("run1-1"));
        assertThat(execution.portfolio().position(BTC).quantity()).isEqualTo(Quantity.of("2"));
    }

    @Test
    void aVenuePluginThatThrowsIsAnUnknownOutcomeResolvedByAsking() {
        venue.answer(Answer.BUG);
        send(buyNotional(BTC, "200"));
        assertThat(venue.placed()).hasSize(1);
        kernel.advanceBy(Duration.ofSeconds(1));
        assertThat(venue.placed()).extracting(OrderRequest::clientOrderId)
                .containsExactly(ClientOrderId.of("run1-1"), ClientOrderId.of("run1-1"));
        assertThat(execution.portfolio().position(BTC).quantity()).isEqualTo(Quantity.of("2"));
        assertThat(execution.health().details()).containsEntry("unknownOutcomesResolved", "1");
    }

    @Test
    void anOrderIsWrittenToTheJournalBeforeTheVenueSeesItAndNotSentIfTheWriteFails() {
        send(buyNotional(BTC, "200"));
        assertThat(journal.intents()).extracting(OrderRequest::clientOrderId).containsExactly(ClientOrderId.of("run1-1"));
        journal.failWith("disk full");
        send(buyNotional(SOL, "20"));
        assertThat(venue.placed()).hasSize(1);
        assertThat(execution.counters().rejectionsByCode()).containsOnlyKeys("JOURNAL_FAILURE");
        journal.failWith(null);
        send(buyNotional(SOL, "20"));
        assertThat(venue.placed()).extracting(OrderRequest::clientOrderId)
                .containsExactly(ClientOrderId.of("run1-1"), ClientOrderId.of("run1-3"));
    }

    @Test
    void anOrderIsSentOnlyOnceItsIntentIsDurable() {
        journal.hold();
        send(buyNotional(BTC, "200"));
        assertThat(venue.placed()).isEmpty();
        assertThat(events.of(OrderSubmitted.class)).isEmpty();
        journal.release();
        kernel.runUntilIdle();
        assertThat(venue.placed()).hasSize(1);
        assertThat(events.of(OrderSubmitted.class)).hasSize(1);
    }

    @Test
    void stoppingRejectsWhatWasNotSentAndNothingIsSentAfterwards() {
        venue.answer(Answer.THROW);
        send(buyNotional(BTC, "200"));
        journal.hold();
        send(buyNotional(SOL, "20"));
        assertThat(venue.placed()).hasSize(1);

        execution.stop();
        kernel.runUntilIdle();
        assertThat(events.of(OrderRejected.class)).extracting(OrderRejected::clientOrderId, (OrderRejected r) -> r.code().value())
                .containsExactlyInAnyOrder(tuple(ClientOrderId.of("run1-1"), "NOT_SENT"),
                        tuple(ClientOrderId.of("run1-2"), "NOT_SENT"));
        journal.release();
        kernel.advanceBy(Duration.ofSeconds(10));
        assertThat(venue.placed()).as("neither the retry nor the late intent goes out").hasSize(1);
    }

    @Test
    void aFreshJournalTakesTheVenueAccountAsItsBaseline() {
        assertThat(journal.baselineCash()).isEqualTo(Money.ofUnits(10_000));
    }

    @Test
    void aRestartContinuesFromTheJournalsBooksSequenceAndOpenOrders() {
        OrderRequest resting = new OrderRequest(ClientOrderId.of("run1-7"), BTC, Side.BUY, OrderType.LIMIT,
                Quantity.of("1"), Price.of("90"), TimeInForce.GTC, false, false);
        Position held = Position.flat(SOL).apply(Side.BUY, Quantity.of("3"), Price.of("10"), Money.ZERO);
        Position untraded = Position.flat(Symbol.of("DOGE-PERP")).apply(Side.SELL, Quantity.of("5"), Price.of("1"),
                Money.ZERO);
        journal = new InMemoryJournal("run1").restoredFrom(new JournalSnapshot(false, "run1", 7, Money.ofUnits(500),
                List.of(held, untraded), List.of(new Order(resting, OrderStatus.ACCEPTED, Quantity.ZERO, "v-7")),
                Set.of("t-0")));
        wire();
        assertThat(execution.portfolio().cash()).isEqualTo(Money.ofUnits(500));
        assertThat(execution.portfolio().position(SOL)).isEqualTo(held);
        assertThat(execution.portfolio().equity()).as("a position in a symbol not traded has no mark")
                .isEqualTo(Money.ofUnits(500).plus(Money.ofUnits(30)));
        assertThat(journal.baselineCash()).as("a journal with books gets no new baseline").isNull();

        send(buyNotional(BTC, "200"));
        assertThat(rejectionCodes()).as("the restored open order still holds the symbol").containsExactly("IN_FLIGHT");
        venue.emitFill(new Fill("t-0", resting.clientOrderId(), BTC, Side.BUY, Quantity.of("1"), Price.of("90"),
                Money.ZERO, Liquidity.MAKER, 0));
        kernel.runUntilIdle();
        assertThat(execution.portfolio().position(BTC).isFlat()).as("a fill already in the journal").isTrue();

        kernel.publish(new OrderReconciled(new Order(resting, OrderStatus.CANCELLED, Quantity.ZERO, "v-7"), false,
                "cancelled while the host was down", 0));
        kernel.publish(new OrderReconciled(new Order(new OrderRequest(ClientOrderId.of("run1-12"), SOL, Side.SELL,
                OrderType.LIMIT, Quantity.of("1"), Price.of("20"), TimeInForce.GTC, false, false), OrderStatus.ACCEPTED,
                Quantity.ZERO, "v-12"), true, "adopted", 0));
        kernel.runUntilIdle();
        send(buyNotional(BTC, "200"));
        assertThat(venue.placed()).extracting(OrderRequest::clientOrderId).as("the sequence skips adopted ids")
                .containsExactly(ClientOrderId.of("run1-13"));
        send(buyNotional(SOL, "20"));
        assertThat(rejectionCodes()).containsExactly("IN_FLIGHT", "IN_FLIGHT");
        assertThat(execution.health().details()).containsEntry("reconciledOrders", "2");
    }

    @Test
    void aBookedFillIsPublishedWithThePositionAndCashAfterIt() {
        venue.fillPrice(Price.of("100")).fee(Money.of("1"));
        send(buyNotional(SOL, "100"));
        PositionChanged changed = events.of(PositionChanged.class).getFirst();
        assertThat(changed.fill().clientOrderId()).isEqualTo(ClientOrderId.of("run1-1"));
        assertThat(changed.cash()).isEqualTo(Money.of("8999"));
        assertThat(changed.position().quantity()).isEqualTo(Quantity.of("10"));
    }

    @Test
    void duplicateFillsAreBookedOnceAndPartialFillsAccumulate() {
        venue.answer(Answer.PARTIAL_FILL);
        send(buyNotional(BTC, "1000"));
        Position afterFirst = execution.portfolio().position(BTC);
        assertThat(afterFirst.quantity()).isEqualTo(Quantity.of("5"));
        Fill replay = new Fill("t-1", ClientOrderId.of("run1-1"), BTC, Side.BUY, Quantity.of("5"), Price.of("100"),
                Money.ZERO, Liquidity.TAKER, 0);
        venue.emitFill(replay);
        kernel.runUntilIdle();
        assertThat(execution.portfolio().position(BTC)).isEqualTo(afterFirst);
        assertThat(execution.health().details()).containsEntry("duplicateFills", "1");
        venue.emitFill(new Fill("t-2", ClientOrderId.of("run1-1"), BTC, Side.BUY, Quantity.of("5"), Price.of("100"),
                Money.ZERO, Liquidity.TAKER, 0));
        kernel.runUntilIdle();
        assertThat(execution.portfolio().position(BTC).quantity()).isEqualTo(Quantity.of("10"));
        assertThat(execution.counters().filled()).isEqualTo(1);
    }

    @Test
    void cancellationEndsAnOrderAndStrayReportsDegradeHealth() {
        venue.answer(Answer.ACCEPT);
        send(buyNotional(BTC, "1000"));
        venue.cancel(ClientOrderId.of("run1-1"));
        kernel.runUntilIdle();
        send(buyNotional(BTC, "1000"));
        assertThat(venue.placed()).hasSize(2);
        venue.emitFill(new Fill("stray", ClientOrderId.of("other-9"), SOL, Side.BUY, Quantity.of("1"), Price.of("10"),
                Money.ZERO, Liquidity.TAKER, 0));
        kernel.runUntilIdle();
        assertThat(execution.portfolio().position(SOL).quantity()).isEqualTo(Quantity.of("1"));
        venue.cancel(ClientOrderId.of("run1-1"));
        kernel.publish(new OrderAccepted(ClientOrderId.of("run1-1"), BTC, "v", 0));
        kernel.runUntilIdle();
        assertThat(execution.health().status()).isEqualTo(HealthStatus.DEGRADED);
        execution.stop();
    }

    @Test
    void anUnreadableAccountStopsStartUp() {
        Venue broken = (Venue) Proxy.newProxyInstance(Venue.class.getClassLoader(), new Class<?>[] {Venue.class},
                (proxy, method, args) -> {
                    throw new VenueException(RejectionCode.of("AUTH"), "bad key", false);
                });
        journal = new InMemoryJournal("r");
        ExecutionCoordinator e = coordinator(new GuardChain(List.of()), new StubVenueAccess(broken, venue.products()),
                market, events);
        assertThatThrownBy(e::initialize).isInstanceOf(StartupException.class)
                .hasMessage("could not read the venue account: bad key [AUTH]");
        assertThat(e.name()).isEqualTo("execution");
    }

    @Test
    void theCancelCommandCancelsTheVenuesOpenOrdersOfOneSymbolOrAll() throws VenueException {
        venue.answer(Answer.ACCEPT).answer(Answer.ACCEPT);
        send(buyNotional(BTC, "1000"));
        send(buyNotional(SOL, "100"));
        assertThat(venue.openOrders()).hasSize(2);
        kernel.send(new CancelOrders(SOL, "spot only", 0));
        kernel.runUntilIdle();
        assertThat(venue.cancelled()).containsExactly(ClientOrderId.of("run1-2"));
        kernel.send(new CancelOrders(null, "daily loss", 0));
        kernel.runUntilIdle();
        assertThat(venue.cancelled()).containsExactly(ClientOrderId.of("run1-2"), ClientOrderId.of("run1-1"));
        assertThat(venue.openOrders()).isEmpty();
    }

    @Test
    void anAbsurdButRepresentableOrderGetsThePlainRejectionOfTheGuardItTrips() {
        guards.add(new GuardChain.Named("max-order-notional", check -> check.orderNotional()
                .isGreaterThan(Money.of("25000")) ? GuardVerdict.reject("MAX_ORDER_NOTIONAL", "order notional "
                + check.orderNotional() + " > max 25000") : GuardVerdict.ALLOW));
        wire();
        market.put(Fixtures.mark("BTC-PERP", "64250.5"));
        send(new OrderIntent(++sequence, BTC, Side.BUY, false, Quantity.of("99999999"), null, OrderType.MARKET, null,
                null, false, false, "test", "absurd", Price.of("64250.5"), 0));
        assertThat(events.of(IntentRejected.class)).extracting(IntentRejected::stage, r -> r.code().value(),
                IntentRejected::message).containsExactly(tuple("max-order-notional", "MAX_ORDER_NOTIONAL",
                "order notional 6425049935749.5 > max 25000"));
    }

    @Test
    void valuesOutOfRangeAnywhereOnTheOrderPathAreTheirOwnRejectionNeverAGuardFailure() {
        Quantity unrepresentableNotional = Quantity.of("1" + "0".repeat(27));
        guards.add(new GuardChain.Named("overflowing", check -> {
            check.equity().plus(Money.of("9".repeat(28))).plus(Money.of("9".repeat(28)));
            return GuardVerdict.ALLOW;
        }));
        wire();
        send(new OrderIntent(++sequence, BTC, Side.BUY, false, unrepresentableNotional, null, OrderType.MARKET, null,
                null, false, false, "test", "", Price.of("100"), 0));
        send(buyNotional(BTC, "200"));
        assertThat(events.of(IntentRejected.class)).extracting(IntentRejected::stage, r -> r.code().value())
                .containsExactly(tuple("execution", "VALUE_OUT_OF_RANGE"), tuple("overflowing", "VALUE_OUT_OF_RANGE"));
        assertThat(events.of(IntentRejected.class).getFirst().message()).startsWith("BTC-PERP: value out of range: ");
        assertThat(venue.placed()).isEmpty();
        assertThat(execution.counters().rejectionsByCode()).containsOnlyKeys("VALUE_OUT_OF_RANGE");
    }

    /** The scripted venue behind a proxy whose {@code method} first throws each of {@code failures}, in order. */
    private Venue failingFirst(String method, Throwable... failures) {
        ArrayDeque<Throwable> queue = new ArrayDeque<>(List.of(failures));
        return (Venue) Proxy.newProxyInstance(Venue.class.getClassLoader(), new Class<?>[] {Venue.class},
                (proxy, m, args) -> {
                    if (m.getName().equals(method) && !queue.isEmpty()) {
                        throw queue.poll();
                    }
                    try {
                        return m.invoke(venue, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** A coordinator on {@code wrapped}, wired and started on a fresh kernel. */
    private void rewireOn(Venue wrapped) {
        kernel = new Kernel(clock);
        events = new EventRecorder();
        venue.listener(new VenueEventAdapter(kernel, clock));
        execution = coordinator(new GuardChain(guards), new StubVenueAccess(wrapped, venue.products()), market, kernel);
        route(kernel, execution, journal);
        kernel.observe(events);
        execution.initialize();
        execution.start();
    }

    @Test
    void anOrderLostEveryTimeIsGivenUpAfterTheLastAttemptTheVenueConfirmsItNeverGot() {
        venue.answer(Answer.TIMEOUT_LOST, Answer.TIMEOUT_LOST, Answer.TIMEOUT_LOST, Answer.FILL);
        send(buyNotional(BTC, "200"));
        kernel.advanceBy(Duration.ofSeconds(5));
        assertThat(venue.placed()).as("three attempts, each asked about before the next").hasSize(3);
        assertThat(events.of(OrderRejected.class)).extracting(r -> r.code().value(), OrderRejected::message)
                .containsExactly(tuple("RETRIES_EXHAUSTED",
                        "gave up after 3 attempt(s); the venue confirms it never received the order"));
        assertThat(execution.health().details()).containsEntry("placementRetries", "2")
                .containsEntry("unknownOutcomesResolved", "3");
        assertThat(execution.counters().rejected()).isEqualTo(1);
        assertThat(execution.health().details()).containsEntry("openOrders", "0");
    }

    @Test
    void aVenueThatCannotSayWhetherItHasTheOrderIsAskedAgainLater() {
        rewireOn(failingFirst("order", new IllegalStateException("plugin bug")));
        venue.answer(Answer.TIMEOUT_LOST);
        send(buyNotional(BTC, "200"));
        kernel.advanceBy(Duration.ofSeconds(5));
        assertThat(venue.placed()).as("sent again only once the venue said it never got it").hasSize(2);
        assertThat(execution.portfolio().position(BTC).quantity()).isEqualTo(Quantity.of("2"));
        assertThat(execution.health().details()).containsEntry("unknownOutcomesResolved", "1")
                .containsEntry("placementRetries", "1");
    }

    @Test
    void aDuplicateOrderAnswerIsResolvedByAskingTheVenueNeverBySendingAgain() throws VenueException {
        Venue duplicating = (Venue) Proxy.newProxyInstance(Venue.class.getClassLoader(), new Class<?>[] {Venue.class},
                (proxy, m, args) -> {
                    if (m.getName().equals("place")) {
                        venue.place((OrderRequest) args[0]);
                        throw VenueException.refused(RejectionCode.DUPLICATE_ORDER, "client id in use");
                    }
                    try {
                        return m.invoke(venue, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        rewireOn(duplicating);
        venue.answer(Answer.FILL_SILENTLY);
        send(buyNotional(BTC, "200"));
        assertThat(venue.placed()).hasSize(1);
        assertThat(events.of(OrderReconciled.class)).extracting(r -> r.order().status(), OrderReconciled::note)
                .containsExactly(tuple(OrderStatus.FILLED, "the venue has the order after an unknown outcome"));
        assertThat(execution.portfolio().position(BTC).quantity()).isEqualTo(Quantity.of("2"));
        assertThat(rejectionCodes()).isEmpty();
    }

    @Test
    void aFailureOfTheJvmInAVenueCallIsNotContained() {
        rewireOn(failingFirst("place", new OutOfMemoryError("venue ate the heap")));
        assertThatThrownBy(() -> send(buyNotional(BTC, "200"))).isInstanceOf(OutOfMemoryError.class);
        rewireOn(failingFirst("openOrders", new OutOfMemoryError("venue ate the heap")));
        kernel.send(new CancelOrders(null, "halt", 0));
        assertThatThrownBy(kernel::runUntilIdle).isInstanceOf(OutOfMemoryError.class);
    }

    @Test
    void cancellingSurvivesAVenueThatFailsToListOrToCancel() throws VenueException {
        venue.answer(Answer.ACCEPT).answer(Answer.ACCEPT);
        send(buyNotional(BTC, "1000"));
        send(buyNotional(SOL, "100"));
        rewireOn(failingFirst("cancel", new IllegalStateException("plugin bug"),
                VenueException.transientFailure(RejectionCode.of("DOWN"), "down")));
        kernel.send(new CancelOrders(null, "halt", 0));
        kernel.runUntilIdle();
        assertThat(venue.openOrders()).as("both cancels failed; reconciliation sees them").hasSize(2);
        assertThat(events.of(OrderCancelRejected.class)).extracting(r -> r.clientOrderId().value(), r -> r.symbol(),
                r -> r.code().value(), OrderCancelRejected::message).containsExactly(
                tuple("run1-1", BTC, "VENUE_PLUGIN_FAILURE", "IllegalStateException: plugin bug"),
                tuple("run1-2", SOL, "DOWN", "down"));
        rewireOn(failingFirst("openOrders", new IllegalStateException("plugin bug")));
        kernel.send(new CancelOrders(null, "halt", 0));
        kernel.runUntilIdle();
        assertThat(kernel.handlerFailureCount()).isZero();
        kernel.send(new CancelOrders(null, "halt", 0));
        kernel.runUntilIdle();
        assertThat(venue.openOrders()).isEmpty();
    }

    @Test
    void aCloseOrAReduceOnlyIntentIsSentReduceOnly() {
        venue.answer(Answer.FILL);
        send(buyNotional(BTC, "200"));
        send(close(BTC));
        OrderIntent reduceOnly = new OrderIntent(++sequence, BTC, Side.BUY, false, Quantity.of("1"), null,
                OrderType.MARKET, null, null, true, false, "test", "", Price.of("100"), 0);
        send(reduceOnly);
        assertThat(venue.placed()).extracting(OrderRequest::reduceOnly).containsExactly(false, true, true);
    }

    @Test
    void theDefaultSettingsRetryByTheDefaultPolicy() {
        assertThat(ExecutionSettings.of(TimeInForce.IOC)).isEqualTo(new ExecutionSettings(TimeInForce.IOC,
                RetryPolicy.DEFAULT, 0));
    }

    @Test
    void oneOrderIsCancelledWhereItIsAHeldStopAnUnsentIntentOrAnOrderAtTheVenue() {
        venue.answer(Answer.ACCEPT);
        send(buyNotional(BTC, "1000"));
        send(stop(SOL, Side.SELL, "1", OrderType.STOP_MARKET, null, "9"));
        journal.hold();
        send(new OrderIntent(++sequence, SOL, Side.BUY, false, Quantity.of("1"), null, OrderType.MARKET, null, null,
                false, false, "test", "managed", Price.of("10"), 0, null, true));
        for (String id : List.of("run1-1", "run1-2", "run1-3", "run1-9")) {
            kernel.send(new CancelOrder(ClientOrderId.of(id), id.equals("run1-1") ? BTC : SOL, "by handle", 0));
        }
        kernel.runUntilIdle();
        journal.release();
        kernel.runUntilIdle();
        assertThat(venue.cancelled()).as("only the order at the venue is asked").containsExactly(
                ClientOrderId.of("run1-1"));
        assertThat(events.of(OrderCancelled.class)).extracting(c -> c.clientOrderId().value(), OrderCancelled::reason)
                .containsExactly(tuple("run1-1", "cancelled by host"),
                        tuple("run1-2", "host-held stop cancelled before its trigger: by handle"),
                        tuple("run1-3", "cancelled before it was sent"));
        assertThat(venue.placed()).extracting(r -> r.clientOrderId().value()).containsExactly("run1-1");
        kernel.send(new CancelOrder(ClientOrderId.of("run1-1"), BTC, "again", 0));
        kernel.runUntilIdle();
        assertThat(venue.cancelled()).as("a terminal order is not asked again").hasSize(1);
        assertThat(execution.totals()).containsEntry("cancelsSent", 1L);
    }

    @Test
    void aManagedIntentIsNotHeldBackByAnOrderInFlightOnItsSymbol() {
        venue.answer(Answer.ACCEPT).answer(Answer.ACCEPT).answer(Answer.ACCEPT);
        for (int i = 0; i < 3; i++) {
            send(new OrderIntent(++sequence, BTC, Side.BUY, false, Quantity.of("1"), null, OrderType.LIMIT,
                    Price.of("90"), null, false, true, "mm", "bid " + i, Price.of("100"), 0, null, true));
        }
        assertThat(venue.openOrders()).hasSize(3);
        send(buyNotional(BTC, "100"));
        assertThat(events.of(IntentRejected.class)).as("a simple intent is not held back by managed orders").isEmpty();
    }

    @Test
    void theJournalKeepsWhoAskedForAnOrderAndItsGoodTillTime() {
        venue.answer(Answer.ACCEPT);
        send(new OrderIntent(++sequence, BTC, Side.BUY, false, Quantity.of("1"), null, OrderType.LIMIT,
                Price.of("90"), null, false, true, "mm", "bid", Price.of("100"), 0, null, true, 77L));
        assertThat(events.of(IntentRecorded.class)).singleElement().satisfies(r -> assertThat(r.owner()).isEqualTo(
                new io.tradehost.api.journal.OrderOwner("mm", "bid", true, 77L)));
    }

    @Test
    void aRefusedCancelAsksTheVenueAndAnOrderThatFilledUnheardIsBookedAndClosed() {
        rewireOn(failingFirst("cancel", VenueException.refused(RejectionCode.of("ORDER_IS_FULLY_FILLED"),
                "filled"), VenueException.transientFailure(RejectionCode.of("DOWN"), "down")));
        venue.answer(Answer.FILL_SILENTLY).answer(Answer.ACCEPT);
        send(buyNotional(BTC, "200"));
        send(buyNotional(SOL, "20"));
        kernel.send(new CancelOrder(ClientOrderId.of("run1-1"), BTC, "by handle", 0));
        kernel.send(new CancelOrder(ClientOrderId.of("run1-2"), SOL, "by handle", 0));
        kernel.runUntilIdle();
        assertThat(events.of(OrderCancelRejected.class)).extracting(r -> r.code().value())
                .containsExactly("ORDER_IS_FULLY_FILLED", "DOWN");
        assertThat(events.of(OrderFilled.class)).as("the fill the host had not heard").extracting(f -> f.fill()
                .clientOrderId().value()).containsExactly("run1-1");
        assertThat(events.of(OrderReconciled.class)).singleElement().satisfies(r -> assertThat(r.note())
                .isEqualTo("cancel refused (ORDER_IS_FULLY_FILLED): the venue holds it FILLED"));
        assertThat(execution.openRequests()).extracting(r -> r.clientOrderId().value()).containsExactly("run1-2");
    }
}
