package io.tradehost.coordinator.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.event.OrderFilled;
import io.tradehost.api.event.OrderReconciled;
import io.tradehost.api.event.VenueConnectionChanged;
import io.tradehost.api.host.PluginIsolation;
import io.tradehost.api.host.StartupException;
import io.tradehost.api.journal.JournalSnapshot;
import io.tradehost.api.order.ClientOrderId;
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
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.value.TimeInForce;
import io.tradehost.api.venue.Venue;
import io.tradehost.api.venue.VenueContext;
import io.tradehost.api.venue.VenueException;
import io.tradehost.api.venue.VenueFactory;
import io.tradehost.coordinator.runtime.guards.RuntimeGuards;
import io.tradehost.coordinator.runtime.state.TradingStateMachine;
import io.tradehost.coordinator.runtime.venue.VenueBootstrap;
import io.tradehost.kernel.Kernel;
import io.tradehost.kernel.VenueEventAdapter;
import io.tradehost.kernel.VirtualClock;
import io.tradehost.testkit.EventRecorder;
import io.tradehost.testkit.Fixtures;
import io.tradehost.testkit.InMemoryJournal;
import io.tradehost.testkit.ScriptedVenue.Answer;
import io.tradehost.testkit.ScriptedVenue;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
/** Start-up, periodic and reconnect reconciliation of the journal against a scripted venue. */
class ReconciliationTest {
    private static final Symbol BTC = Symbol.of("BTC-PERP");

    private final VirtualClock clock = new VirtualClock(Fixtures.EPOCH);
    private final Kernel kernel = new Kernel(clock);
    private final EventRecorder events = new EventRecorder();
    private final ScriptedVenue venue = new ScriptedVenue(List.of(Fixtures.perpetual("BTC-PERP")));
    private final TradingStateMachine state = new TradingStateMachine(kernel, clock, kernel);
    private InMemoryJournal journal = new InMemoryJournal("r");
    private boolean refuse;

    ReconciliationTest() {
        kernel.observe(events);
        venue.listener(new VenueEventAdapter(kernel, clock));
    }

    private RuntimeCoordinator started() {
        VenueBootstrap bootstrap = new VenueBootstrap(List.of(ScriptedVenue.factory("scripted", List.of(), venue)),
                Map.of(), clock, kernel, new VenueEventAdapter(kernel, clock));
        RuntimeCoordinator runtime = new RuntimeCoordinator(new RuntimeSettings("scripted",
                PluginConfig.empty("venue.config"), List.of(BTC), false, false, 1, Duration.ofMinutes(1), refuse),
                bootstrap, state, RuntimeGuards.create(List.of(), List.of(), PluginConfig::empty, null, state, clock,
                PluginIsolation.inline()),
                journal, kernel, kernel, clock);
        kernel.subscribe(VenueConnectionChanged.class, "runtime", Kernel.FailurePolicy.FAIL_CLOSED,
                runtime::onConnectionChanged);
        runtime.initialize();
        runtime.start();
        kernel.runUntilIdle();
        return runtime;
    }

    private static OrderRequest buy(String id) {
        return OrderRequest.market(ClientOrderId.of(id), BTC, Side.BUY, Quantity.of("2"));
    }

    private void journalHas(Money cash, List<Position> positions, Order... open) {
        journal = new InMemoryJournal("r").restoredFrom(new JournalSnapshot(false, "r", 5, cash, positions,
                List.of(open), Set.of()));
    }

    private static Position longBtc(String quantity) {
        return Position.flat(BTC).apply(Side.BUY, Quantity.of(quantity), Price.ofUnits(100), Money.ZERO);
    }

    @Test
    void reasonsOnlyAnOperatorOrTheCalendarClearAreRestoredAfterARestart() {
        kernel.advanceBy(Duration.ofHours(12));
        long now = clock.nanos();
        long yesterday = now - Duration.ofHours(25).toNanos();
        journal = new InMemoryJournal("r").restoredFrom(new JournalSnapshot(false, "r", 5, Money.ofUnits(10_000),
                List.of(), List.of(), Set.of(), List.of(
                        new StateReason(ReasonCode.of("operator.halt"), ReasonSource.OPERATOR, TradingState.HALTED, "ops", Map.of(),
                                now - 10),
                        new StateReason(ReasonCode.of("daily_loss"), ReasonSource.DAILY_LOSS, TradingState.REDUCE_ONLY, "today",
                                Map.of(), now - 5, null, ClearingRule.NEXT_UTC_DAY),
                        new StateReason(ReasonCode.of("daily_loss.old"), ReasonSource.DAILY_LOSS, TradingState.REDUCE_ONLY,
                                "yesterday", Map.of(), yesterday, null, ClearingRule.NEXT_UTC_DAY),
                        new StateReason(ReasonCode.of("stale.BTC-PERP"), ReasonSource.STALENESS, TradingState.HALTED, "old marks",
                                Map.of(), now - 5, BTC, ClearingRule.MARKS_FRESH),
                        new StateReason(ReasonCode.of("config.halted"), ReasonSource.CONFIG, TradingState.HALTED, "config",
                                Map.of(), now - 5))));
        started();
        assertThat(state.reasons()).extracting(r -> r.code().value()).containsExactly("operator.halt", "daily_loss");
        assertThat(state.state()).isEqualTo(TradingState.HALTED);
        kernel.advanceBy(Duration.ofDays(1));
        assertThat(state.reasons()).extracting(r -> r.code().value()).as("the day's reason ends at midnight")
                .containsExactly("operator.halt");
    }

    @Test
    void whenJournalAndVenueAgreeNothingIsRepairedOrRaised() {
        journalHas(Money.ofUnits(10_000), List.of());
        RuntimeCoordinator runtime = started();
        assertThat(events.of(OrderReconciled.class)).isEmpty();
        assertThat(state.state()).isEqualTo(TradingState.ACTIVE);
        assertThat(runtime.health().details()).containsEntry("reconciliations", "1")
                .containsEntry("reconciliationRepairs", "0");
        assertThat(events.of(io.tradehost.api.event.AccountObserved.class)).as("the account it read, for the guards")
                .extracting(io.tradehost.api.event.AccountObserved::account)
                .containsExactly(venue.account());
    }

    @Test
    void anIntentThatNeverReachedTheVenueIsClosedAsRejected() {
        journalHas(Money.ofUnits(10_000), List.of(), new Order(buy("r-5"), OrderStatus.SUBMITTED, Quantity.ZERO, null));
        started();
        assertThat(events.of(OrderReconciled.class)).singleElement().satisfies(r -> {
            assertThat(r.order().status()).isEqualTo(OrderStatus.REJECTED);
            assertThat(r.note()).startsWith("NOT_AT_VENUE");
        });
        assertThat(state.state()).isEqualTo(TradingState.ACTIVE);
    }

    @Test
    void fillsMissedWhileDownAreBookedAndTheOrderTakesTheVenuesStatus() throws VenueException {
        venue.connect();
        venue.answer(Answer.FILL_SILENTLY).fillPrice(Price.ofUnits(100)).account(Money.ofUnits(10_000), longBtc("2"));
        venue.place(buy("r-5"));
        journalHas(Money.ofUnits(10_000), List.of(), new Order(buy("r-5"), OrderStatus.ACCEPTED, Quantity.ZERO, "v"));
        started();
        assertThat(events.of(OrderFilled.class)).extracting(f -> f.fill().tradeId()).containsExactly("t-1");
        assertThat(events.of(OrderReconciled.class)).extracting(r -> r.order().status())
                .containsExactly(OrderStatus.FILLED);
        assertThat(state.state()).as("perpetual: cash moves only by fees, none here").isEqualTo(TradingState.ACTIVE);
    }

    @Test
    void anOpenVenueOrderTheJournalLacksIsAdopted() throws VenueException {
        venue.connect();
        venue.answer(Answer.ACCEPT);
        venue.place(buy("r-9"));
        journalHas(Money.ofUnits(10_000), List.of());
        started();
        assertThat(events.of(OrderReconciled.class)).singleElement().satisfies(r -> {
            assertThat(r.adopted()).isTrue();
            assertThat(r.order().clientOrderId()).isEqualTo(ClientOrderId.of("r-9"));
        });
        assertThat(state.state()).isEqualTo(TradingState.ACTIVE);
    }

    @Test
    void anAcknowledgedOrderTheVenueForgotIsAssumedCancelledAndRaisesTheReason() {
        journalHas(Money.ofUnits(10_000), List.of(), new Order(buy("r-5"), OrderStatus.ACCEPTED, Quantity.ZERO, "v"));
        started();
        assertThat(events.of(OrderReconciled.class)).extracting(r -> r.order().status())
                .containsExactly(OrderStatus.CANCELLED);
        assertThat(state.state()).isEqualTo(TradingState.REDUCE_ONLY);
    }

    @Test
    void positionsAndCashThatDifferHoldTheHostInReduceOnlySayingWhat() {
        venue.account(Money.ofUnits(9_000), longBtc("1"));
        journalHas(Money.ofUnits(10_000), List.of());
        started();
        assertThat(state.state()).isEqualTo(TradingState.REDUCE_ONLY);
        StateReason reason = state.reasons().getFirst();
        assertThat(reason.code()).isEqualTo(ReasonCode.RECONCILIATION);
        assertThat(reason.message()).isEqualTo("journal and venue differ: POSITION BTC-PERP: journal 0, venue 1"
                + " (unexplained); CASH USD: journal 10000, venue 9000 (unexplained)");
    }

    @Test
    void theRefusePolicyStopsStartUpInstead() {
        refuse = true;
        venue.account(Money.ofUnits(9_000));
        journalHas(Money.ofUnits(10_000), List.of());
        assertThatThrownBy(this::started).isInstanceOf(StartupException.class)
                .hasMessage("journal and venue differ: CASH USD: journal 10000, venue 9000 (unexplained); start refused"
                        + " (runtime.reconciliation.on_mismatch = \"refuse\")");
    }

    @Test
    void whileTradingAMismatchMustBeSeenTwiceAndAnAgreementClearsIt() {
        journalHas(Money.ofUnits(10_000), List.of());
        RuntimeCoordinator runtime = started();
        venue.account(Money.ofUnits(9_999));
        kernel.advanceBy(Duration.ofMinutes(1));
        assertThat(state.state()).as("one sighting may be a fill in flight").isEqualTo(TradingState.ACTIVE);
        kernel.advanceBy(Duration.ofMinutes(1));
        assertThat(state.state()).isEqualTo(TradingState.REDUCE_ONLY);
        venue.account(Money.ofUnits(10_000));
        kernel.advanceBy(Duration.ofMinutes(1));
        assertThat(state.state()).isEqualTo(TradingState.ACTIVE);
        assertThat(runtime.health().details()).containsEntry("reconciliations", "4");
    }

    private static final OrderRequest BID = new OrderRequest(ClientOrderId.of("r-7"), BTC, Side.BUY, OrderType.LIMIT,
            Quantity.of("2"), Price.ofUnits(99), TimeInForce.GTC, false, true);

    @Test
    void atStartUpAnOrderTheVenueHoldsAtOtherTermsTakesThemAtOnce() throws VenueException {
        venue.connect();
        venue.answer(Answer.ACCEPT);
        venue.place(BID.amended(Price.ofUnits(98), Quantity.of("3")));
        journalHas(Money.ofUnits(10_000), List.of(), new Order(BID, OrderStatus.ACCEPTED, Quantity.ZERO, "v"));
        started();
        assertThat(events.of(OrderReconciled.class)).extracting(r -> r.order().request())
                .containsExactly(BID.amended(Price.ofUnits(98), Quantity.of("3")));
        assertThat(state.state()).isEqualTo(TradingState.ACTIVE);
    }

    @Test
    void whileTradingOtherTermsAreTakenOnlyWhenTwoReconciliationsInARowSeeThem() throws VenueException {
        venue.connect();
        venue.answer(Answer.ACCEPT);
        venue.place(BID);
        journalHas(Money.ofUnits(10_000), List.of(), new Order(BID, OrderStatus.ACCEPTED, Quantity.ZERO, "v"));
        RuntimeCoordinator runtime = started();
        assertThat(events.of(OrderReconciled.class)).isEmpty();
        venue.supportsAmend(true);
        venue.amend(BID.clientOrderId(), Price.ofUnits(98), Quantity.of("3")); // its answer never reaches a journal
        kernel.advanceBy(Duration.ofMinutes(1));
        assertThat(events.of(OrderReconciled.class)).as("seen once: an amend's answer may be on its way").isEmpty();
        kernel.advanceBy(Duration.ofMinutes(1));
        assertThat(events.of(OrderReconciled.class)).extracting(r -> r.order().request())
                .containsExactly(BID.amended(Price.ofUnits(98), Quantity.of("3")));
        assertThat(runtime.health().details()).containsEntry("reconciliationRepairs", "1");
        assertThat(state.state()).isEqualTo(TradingState.ACTIVE);
    }

    @Test
    void aStopTheJournalSaysTheHostHoldsIsNoDifferenceAtStartUpWhereAPlainUnsentIntentIsClosed() {
        OrderRequest stop = new OrderRequest(ClientOrderId.of("r-3"), BTC, Side.SELL, OrderType.STOP_MARKET,
                Quantity.of("1"), null, TimeInForce.GTC, true, false, Price.ofUnits(95));
        journal = new InMemoryJournal("r").restoredFrom(new JournalSnapshot(false, "r", 5, Money.ofUnits(10_000),
                List.of(), List.of(new Order(stop, OrderStatus.SUBMITTED, Quantity.ZERO, null),
                new Order(buy("r-4"), OrderStatus.SUBMITTED, Quantity.ZERO, null)), Set.of()),
                Map.of(stop.clientOrderId(), new io.tradehost.api.journal.OrderOwner("trend", "stop", true)
                        .asHeldByHost()));
        started();
        assertThat(events.of(OrderReconciled.class)).as("only the plain intent never sent is closed")
                .extracting(r -> r.order().clientOrderId().value(), r -> r.order().status())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("r-4", OrderStatus.REJECTED));
        assertThat(state.state()).isEqualTo(TradingState.ACTIVE);
    }

    @Test
    void aReconnectTriggersAReconciliation() {
        journalHas(Money.ofUnits(10_000), List.of());
        RuntimeCoordinator runtime = started();
        venue.emitConnection(false);
        kernel.runUntilIdle();
        assertThat(runtime.health().details()).containsEntry("reconciliations", "1");
        venue.emitConnection(true);
        kernel.runUntilIdle();
        assertThat(runtime.health().details()).containsEntry("reconciliations", "2");
    }

    @Test
    void aVenueThatCannotAnswerAtStartUpRaisesTheReasonAndLaterOnlyCounts() {
        journalHas(Money.ofUnits(10_000), List.of(), new Order(buy("r-5"), OrderStatus.ACCEPTED, Quantity.ZERO, "v"));
        Venue failingQueries = (Venue) Proxy.newProxyInstance(Venue.class.getClassLoader(),
                new Class<?>[] {Venue.class}, (proxy, method, args) -> {
                    if (method.getName().equals("openOrders")) {
                        throw VenueException.transientFailure(RejectionCode.of("DOWN"), "down");
                    }
                    try {
                        return method.invoke(venue, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        RuntimeCoordinator runtime = startedWith(failingQueries);
        assertThat(state.state()).isEqualTo(TradingState.REDUCE_ONLY);
        assertThat(state.reasons().getFirst().message()).isEqualTo("could not reconcile with the venue: down [DOWN]");
        kernel.advanceBy(Duration.ofMinutes(1));
        assertThat(runtime.health().details()).containsEntry("reconciliationFailures", "2");
    }

    @Test
    void aVenuePluginThatThrowsDuringReconciliationHoldsTheHostInsteadOfCrashingIt() {
        journalHas(Money.ofUnits(10_000), List.of());
        Venue buggy = (Venue) Proxy.newProxyInstance(Venue.class.getClassLoader(), new Class<?>[] {Venue.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("openOrders")) {
                        throw new AbstractMethodError("openOrders");
                    }
                    try {
                        return method.invoke(venue, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        startedWith(buggy);
        assertThat(state.state()).isEqualTo(TradingState.REDUCE_ONLY);
        assertThat(state.reasons().getFirst().message()).isEqualTo("could not reconcile with the venue: venue plugin"
                + " failed: AbstractMethodError: openOrders [VENUE_PLUGIN_FAILURE]");
    }

    /**
     * The scripted venue, but {@code openOrders} throws {@code failure} while {@code failures[0]} is
     * above zero (each throw uses one); {@code asked[0]} counts every call.
     */
    private Venue openOrdersFailing(int[] failures, Throwable failure, int[] asked) {
        return (Venue) Proxy.newProxyInstance(Venue.class.getClassLoader(), new Class<?>[] {Venue.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("openOrders")) {
                        asked[0]++;
                        if (failures[0]-- > 0) {
                            throw failure;
                        }
                    }
                    try {
                        return method.invoke(venue, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static final VenueException DOWN = VenueException.transientFailure(RejectionCode.of("DOWN"), "down");

    @Test
    void atStartUpATransientFailureIsTriedAgainUntilTheVenueAnswers() {
        journalHas(Money.ofUnits(10_000), List.of());
        int[] asked = {0};
        RuntimeCoordinator runtime = startedWith(openOrdersFailing(new int[] {4}, DOWN, asked));
        assertThat(asked[0]).as("four failures, then the answer").isEqualTo(5);
        assertThat(state.state()).isEqualTo(TradingState.ACTIVE);
        assertThat(runtime.health().details()).containsEntry("reconciliations", "1")
                .containsEntry("reconciliationFailures", "0");
    }

    @Test
    void atStartUpTheVenueIsAskedFiveTimesAtMost() {
        journalHas(Money.ofUnits(10_000), List.of());
        int[] asked = {0};
        startedWith(openOrdersFailing(new int[] {5}, DOWN, asked));
        assertThat(asked[0]).isEqualTo(5);
        assertThat(state.reasons()).extracting(StateReason::code).containsExactly(ReasonCode.RECONCILIATION);
    }

    @Test
    void aRefusalAtStartUpIsNotTriedAgain() {
        journalHas(Money.ofUnits(10_000), List.of());
        int[] asked = {0};
        startedWith(openOrdersFailing(new int[] {1}, VenueException.refused(RejectionCode.of("FORBIDDEN"), "no"),
                asked));
        assertThat(asked[0]).isEqualTo(1);
        assertThat(state.reasons().getFirst().message()).isEqualTo("could not reconcile with the venue: no [FORBIDDEN]");
    }

    @Test
    void whileTradingATransientFailureWaitsForTheNextReconciliation() {
        journalHas(Money.ofUnits(10_000), List.of());
        int[] failures = {0};
        int[] asked = {0};
        RuntimeCoordinator runtime = startedWith(openOrdersFailing(failures, DOWN, asked));
        failures[0] = 1;
        asked[0] = 0;
        kernel.advanceBy(Duration.ofMinutes(1));
        assertThat(asked[0]).isEqualTo(1);
        assertThat(runtime.health().details()).containsEntry("reconciliationFailures", "1");
        assertThat(state.state()).as("while trading a failure only counts").isEqualTo(TradingState.ACTIVE);
        kernel.advanceBy(Duration.ofMinutes(1));
        assertThat(runtime.health().details()).containsEntry("reconciliations", "2");
    }

    @Test
    void aFailureOfTheJvmDuringReconciliationIsNotContained() {
        journalHas(Money.ofUnits(10_000), List.of());
        assertThatThrownBy(() -> startedWith(openOrdersFailing(new int[] {1}, new OutOfMemoryError("venue ate the heap"),
                new int[1]))).isInstanceOf(OutOfMemoryError.class);
    }

    @Test
    void repairsAreCountedInHealth() {
        journalHas(Money.ofUnits(10_000), List.of(), new Order(buy("r-5"), OrderStatus.SUBMITTED, Quantity.ZERO, null),
                new Order(buy("r-6"), OrderStatus.SUBMITTED, Quantity.ZERO, null));
        RuntimeCoordinator runtime = started();
        assertThat(runtime.health().details()).containsEntry("reconciliationRepairs", "2");
        kernel.advanceBy(Duration.ofMinutes(1));
        assertThat(runtime.health().details()).as("the repairs stay counted").containsEntry("reconciliationRepairs",
                "2");
    }

    private RuntimeCoordinator startedWith(Venue wrapped) {
        VenueBootstrap bootstrap = new VenueBootstrap(List.of(new VenueFactory() {
            @Override
            public String name() {
                return "failing";
            }

            @Override
            public String description() {
                return "queries fail";
            }

            @Override
            public List<String> requiredCredentials() {
                return List.of();
            }

            @Override
            public Venue create(PluginConfig config, VenueContext c) {
                return wrapped;
            }
        }), Map.of(), clock, kernel, new VenueEventAdapter(kernel, clock));
        RuntimeCoordinator runtime = new RuntimeCoordinator(new RuntimeSettings("failing",
                PluginConfig.empty("venue.config"), List.of(BTC), false, false, 1), bootstrap, state,
                RuntimeGuards.create(List.of(), List.of(), PluginConfig::empty, null, state, clock,
                PluginIsolation.inline()), journal, kernel,
                kernel, clock);
        runtime.initialize();
        runtime.start();
        kernel.runUntilIdle();
        return runtime;
    }
}
