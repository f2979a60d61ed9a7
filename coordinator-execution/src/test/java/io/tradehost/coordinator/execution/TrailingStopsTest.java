package io.tradehost.coordinator.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.api.command.OrderIntent;
import io.tradehost.api.event.IntentRejected;
import io.tradehost.api.event.MarkUpdated;
import io.tradehost.api.event.OrderCancelled;
import io.tradehost.api.event.OrderRejected;
import io.tradehost.api.event.StopMoved;
import io.tradehost.api.guard.GuardVerdict;
import io.tradehost.api.journal.JournalSnapshot;
import io.tradehost.api.journal.OrderOwner;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.OrderStatus;
import io.tradehost.api.order.Trail;
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
import io.tradehost.kernel.Kernel;
import io.tradehost.kernel.VenueEventAdapter;
import io.tradehost.kernel.VirtualClock;
import io.tradehost.testkit.EventRecorder;
import io.tradehost.testkit.Fixtures;
import io.tradehost.testkit.InMemoryJournal;
import io.tradehost.testkit.ScriptedVenue;
import io.tradehost.testkit.StubMarket;
import io.tradehost.testkit.StubTradingState;
import io.tradehost.testkit.StubVenueAccess;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Trailing stops through the real execution coordinator: held by the host even where the venue takes
 * stops, the trigger following the marks only in the position's favour (and not before its activation
 * price), each move published for the journal, sent as a market order when a mark reaches it, and
 * armed again at a restart where the journal last had it.
 */
class TrailingStopsTest {
    private static final Symbol BTC = Symbol.of("BTC-PERP");

    private final VirtualClock clock = new VirtualClock(Fixtures.EPOCH);
    private final Kernel kernel = new Kernel(clock);
    private final EventRecorder events = new EventRecorder();
    private final ScriptedVenue venue = new ScriptedVenue(List.of(Fixtures.perpetual("BTC-PERP")))
            .nativeStops(true);
    private final StubMarket market = new StubMarket();
    private final StubTradingState state = new StubTradingState();
    private InMemoryJournal journal = new InMemoryJournal("run1");
    private List<GuardChain.Named> guards = List.of();
    private long sequence;

    private ExecutionCoordinator started() {
        venue.listener(new VenueEventAdapter(kernel, clock));
        market.put(Fixtures.mark("BTC-PERP", "100"));
        ExecutionCoordinator execution = new ExecutionCoordinator(new ExecutionSettings(TimeInForce.GTC,
                RetryPolicy.DEFAULT, 7), new GuardChain(guards), new StubVenueAccess(venue, venue.products()), market,
                state, journal, kernel, kernel, kernel, clock);
        ExecutionCoordinatorTest.route(kernel, execution, journal);
        kernel.observe(events);
        execution.initialize();
        execution.start();
        return execution;
    }

    private void trailing(Side side, Trail trail) {
        trailing(side, trail, true);
    }

    private void trailing(Side side, Trail trail, boolean reduceOnly) {
        kernel.send(new OrderIntent(++sequence, BTC, side, false, Quantity.of("1"), null, OrderType.STOP_MARKET, null,
                null, reduceOnly, false, "trend", "trailing", Price.of("100"), 0, null, true, 0, trail));
        kernel.runUntilIdle();
    }

    private void mark(String price) {
        var m = Fixtures.mark("BTC-PERP", price);
        market.put(m);
        kernel.publish(new MarkUpdated(m));
        kernel.runUntilIdle();
    }

    private List<String> moves() {
        return events.of(StopMoved.class).stream().map(m -> m.clientOrderId() + " " + m.stopPrice() + " "
                + m.trail().format()).toList();
    }

    @Test
    void aSellStopTrailsTheRiseNeverFallsAndGoesAsAMarketOrderWhenTheMarkComesBackToIt() {
        started();
        trailing(Side.SELL, Trail.byOffset(Price.of("2")));
        assertThat(journal.intents()).singleElement().satisfies(r -> assertThat(r.stopPrice())
                .as("from the mark 100").isEqualTo(Price.of("98")));
        assertThat(journal.owners().get(ClientOrderId.of("run1-1"))).isEqualTo(new OrderOwner("trend", "trailing",
                true, 0, true, Trail.byOffset(Price.of("2"))));
        mark("101");
        mark("100.5");
        mark("103.25");
        mark("101.26");
        assertThat(venue.placed()).as("held by the host although the venue takes stops").isEmpty();
        mark("101.25");
        assertThat(moves()).containsExactly("run1-1 99 offset=2", "run1-1 101.25 offset=2");
        assertThat(venue.placed()).singleElement().satisfies(r -> {
            assertThat(r.type()).isEqualTo(OrderType.MARKET);
            assertThat(r.side()).isEqualTo(Side.SELL);
            assertThat(r.stopPrice()).isEqualTo(Price.of("101.25"));
        });
    }

    @Test
    void aBuyStopWaitsForItsActivationPriceThenTrailsTheFall() {
        started();
        trailing(Side.BUY, Trail.byBps(Ratio.of("100")).activatingAt(Price.of("95")));
        mark("120");
        mark("96");
        assertThat(moves()).as("not active: neither moved nor triggered").isEmpty();
        mark("95");
        mark("90");
        mark("90.5"); // a rebound short of the trigger 90.9: it stays
        assertThat(venue.placed()).isEmpty();
        mark("90.9");
        assertThat(moves()).containsExactly("run1-1 95.95 bps=100", "run1-1 90.9 bps=100");
        assertThat(venue.placed()).singleElement().satisfies(r -> assertThat(r.side()).isEqualTo(Side.BUY));
    }

    @Test
    void theOrderATriggeredStopBecomesIsJudgedByTheGuardsUnlessItIsReduceOnlyAndARefusalRejectsIt() {
        guards = List.of(new GuardChain.Named("no-market", check -> check.order().type() == OrderType.MARKET
                ? GuardVerdict.reject("NO_MARKET", "no market orders now") : GuardVerdict.ALLOW));
        started();
        trailing(Side.SELL, Trail.byOffset(Price.of("2")), false);
        trailing(Side.SELL, Trail.byOffset(Price.of("1")), true);
        mark("97");
        assertThat(venue.placed()).as("the protective (reduce-only) one goes whatever the guards say")
                .extracting(r -> r.clientOrderId().value()).containsExactly("run1-2");
        assertThat(events.of(OrderRejected.class)).singleElement().satisfies(r -> {
            assertThat(r.clientOrderId()).isEqualTo(ClientOrderId.of("run1-1"));
            assertThat(r.code().value()).isEqualTo("NO_MARKET");
            assertThat(r.message()).isEqualTo("triggered, refused by no-market: no market orders now");
        });
        mark("90");
        assertThat(venue.placed()).as("refused once, it is gone").hasSize(1);
    }

    @Test
    void aStopTriggeredWhileHaltedStaysArmedUntilTheHaltEndsAndAFailingGuardLeavesItArmedToo() {
        boolean[] failing = {false};
        guards = List.of(new GuardChain.Named("flaky", check -> {
            if (failing[0] && check.order().type() == OrderType.MARKET) {
                throw new IllegalStateException("guard bug");
            }
            return GuardVerdict.ALLOW;
        }));
        started();
        trailing(Side.SELL, Trail.byOffset(Price.of("2")), false);
        state.raise(new StateReason(ReasonCode.of("test_halt"), ReasonSource.OPERATOR, TradingState.HALTED, "halt",
                Map.of(), 0));
        mark("97");
        mark("96");
        assertThat(venue.placed()).isEmpty();
        assertThat(events.of(OrderCancelled.class)).as("a halt does not consume the protection").isEmpty();
        state.clear(ReasonCode.of("test_halt"), "test");
        failing[0] = true;
        mark("95");
        assertThat(venue.placed()).isEmpty();
        assertThat(events.of(OrderRejected.class)).as("a guard's failure is no refusal").isEmpty();
        failing[0] = false;
        mark("95");
        assertThat(venue.placed()).singleElement().satisfies(r -> assertThat(r.type()).isEqualTo(OrderType.MARKET));
    }

    @Test
    void aTrailTooWideForTheMarkIsRefused() {
        started();
        trailing(Side.SELL, Trail.byOffset(Price.of("100")));
        assertThat(events.of(IntentRejected.class)).extracting(r -> r.code().value()).containsExactly("TRAIL_TOO_WIDE");
        assertThat(journal.intents()).isEmpty();
    }

    @Test
    void aRestartArmsTheStopWhereTheJournalLastHadIt() {
        OrderRequest stop = new OrderRequest(ClientOrderId.of("run1-3"), BTC, Side.SELL, OrderType.STOP_MARKET,
                Quantity.of("1"), null, TimeInForce.GTC, true, false, Price.of("104"));
        journal = new InMemoryJournal("run1").restoredFrom(new JournalSnapshot(false, "run1", 3, Money.ofUnits(10_000),
                List.of(), List.of(new Order(stop, OrderStatus.SUBMITTED, Quantity.ZERO, null)), Set.of()),
                Map.of(stop.clientOrderId(), new OrderOwner("trend", "t", true, 0, true, Trail.byOffset(Price.of("2")))));
        started();
        mark("105");
        mark("106.5");
        assertThat(moves()).as("from 104, not from where a fresh trail would start").containsExactly(
                "run1-3 104.5 offset=2");
        mark("104.5");
        assertThat(venue.placed()).singleElement().satisfies(r -> assertThat(r.clientOrderId())
                .isEqualTo(stop.clientOrderId()));
    }
}
