package io.tradehost.coordinator.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tradehost.api.command.CancelOrder;
import io.tradehost.api.command.CancelOrders;
import io.tradehost.api.command.Command;
import io.tradehost.api.command.OrderIntent;
import io.tradehost.api.event.IntentRejected;
import io.tradehost.api.event.OrderCancelRejected;
import io.tradehost.api.event.OrderCancelled;
import io.tradehost.api.event.OrderReconciled;
import io.tradehost.api.guard.Guard;
import io.tradehost.api.guard.GuardVerdict;
import io.tradehost.api.guard.OrderCheck;
import io.tradehost.api.journal.JournalSnapshot;
import io.tradehost.api.journal.OrderJournal;
import io.tradehost.api.journal.OrderOwner;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.OrderStatus;
import io.tradehost.api.order.Position;
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
import io.tradehost.kernel.Kernel;
import io.tradehost.kernel.VenueEventAdapter;
import io.tradehost.kernel.VirtualClock;
import io.tradehost.plugins.guards.OrderRateGuard;
import io.tradehost.testkit.EventRecorder;
import io.tradehost.testkit.Fixtures;
import io.tradehost.testkit.InMemoryJournal;
import io.tradehost.testkit.ScriptedVenue;
import io.tradehost.testkit.ScriptedVenue.Answer;
import io.tradehost.testkit.StubMarket;
import io.tradehost.testkit.StubTradingState;
import io.tradehost.testkit.StubVenueAccess;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Orders a strategy manages by handle: every cancel execution sends reaches the guards (the real
 * order-rate guard among them), whatever the trading state, and orders restored at a restart rest
 * without the in-flight lock when the journal says a strategy manages them.
 */
class ManagedOrdersTest {
    private static final Symbol BTC = Symbol.of("BTC-PERP");
    private static final Symbol SOL = Symbol.of("SOL-USD");

    private final VirtualClock clock = new VirtualClock(Fixtures.EPOCH);
    private final ScriptedVenue venue = new ScriptedVenue(List.of(Fixtures.perpetual("BTC-PERP"),
            Fixtures.spot("SOL-USD")));
    private final StubMarket market = new StubMarket();
    private final StubTradingState state = new StubTradingState();
    private InMemoryJournal journal = new InMemoryJournal("run1");
    private Map<ClientOrderId, OrderOwner> owners = Map.of();
    private Kernel kernel;
    private EventRecorder events;
    private ExecutionCoordinator execution;
    private long sequence;

    /** A coordinator checking with {@code guards}, on {@code access} (the scripted venue unless wrapped). */
    private void wire(List<GuardChain.Named> guards, Venue access) {
        kernel = new Kernel(clock);
        events = new EventRecorder();
        venue.listener(new VenueEventAdapter(kernel, clock));
        market.put(Fixtures.mark("BTC-PERP", "100")).put(Fixtures.mark("SOL-USD", "10"));
        execution = new ExecutionCoordinator(new ExecutionSettings(TimeInForce.GTC, RetryPolicy.DEFAULT, 7),
                new GuardChain(guards), new StubVenueAccess(access, venue.products()), market, state,
                new WithOwners(journal, owners), kernel, kernel, kernel, clock);
        ExecutionCoordinatorTest.route(kernel, execution, journal);
        kernel.observe(events);
        execution.initialize();
        execution.start();
    }

    private OrderIntent managed(Symbol symbol, Side side, String limit) {
        return new OrderIntent(++sequence, symbol, side, false, Quantity.of("1"), null, OrderType.LIMIT,
                Price.of(limit), null, false, true, "mm", "quote", Price.of(limit), 0, null, true);
    }

    private OrderIntent buy(Symbol symbol, String notional) {
        return new OrderIntent(++sequence, symbol, Side.BUY, false, null, Money.of(notional), OrderType.MARKET, null,
                null, false, false, "simple", "because", Price.of("100"), 0);
    }

    private OrderIntent close(Symbol symbol) {
        return new OrderIntent(++sequence, symbol, null, true, null, null, OrderType.MARKET, null, null, true, false,
                "", "operator close", Price.of("100"), 0);
    }

    private void send(Command command) {
        kernel.send(command);
        kernel.runUntilIdle();
    }

    private CancelOrder cancel(String id, Symbol symbol) {
        return new CancelOrder(ClientOrderId.of(id), symbol, "by handle", clock.nanos());
    }

    private List<String> rejectionCodes() {
        return events.of(IntentRejected.class).stream().map(r -> r.code().value()).toList();
    }

    @Test
    void everyCancelSentToTheVenueIsToldToTheGuardsWhateverTheStateAndNoOtherCancelIs() {
        List<String> told = new ArrayList<>();
        Guard recording = new Guard() {
            @Override
            public GuardVerdict check(OrderCheck check) {
                return GuardVerdict.ALLOW;
            }

            @Override
            public void onCancelSent(OrderRequest order, long nowNanos) {
                told.add(order.clientOrderId().value() + " " + order.symbol() + " " + (nowNanos - clock.nanos()));
            }
        };
        Venue failingOnce = failingFirstCancel();
        wire(List.of(new GuardChain.Named("recording", recording)), failingOnce);
        venue.answer(Answer.ACCEPT, Answer.ACCEPT, Answer.ACCEPT, Answer.ACCEPT);
        send(managed(BTC, Side.BUY, "90"));
        send(managed(SOL, Side.BUY, "9"));
        send(new OrderIntent(++sequence, BTC, Side.BUY, false, Quantity.of("1"), null, OrderType.STOP_MARKET, null,
                null, false, false, "mm", "stop", Price.of("100"), 0, Price.of("120"), true));
        journal.hold();
        send(managed(BTC, Side.SELL, "110"));
        state.raise(new StateReason(ReasonCode.of("test_halt"), ReasonSource.OPERATOR, TradingState.HALTED, "halt",
                Map.of(), 0));
        kernel.advanceBy(Duration.ofSeconds(1));

        send(cancel("run1-1", BTC));
        send(cancel("run1-3", BTC));
        send(cancel("run1-4", BTC));
        assertThat(told).as("halted, a cancel still goes, and only the one at the venue is told (at its time)")
                .containsExactly("run1-1 BTC-PERP 0");
        journal.release();
        kernel.runUntilIdle();
        assertThat(events.of(OrderCancelled.class)).extracting(c -> c.clientOrderId().value())
                .containsExactly("run1-1", "run1-3", "run1-4");

        send(new CancelOrders(SOL, "operator cancel-all of SOL", clock.nanos()));
        assertThat(told).containsExactly("run1-1 BTC-PERP 0", "run1-2 SOL-USD 0");

        state.clear(ReasonCode.of("test_halt"), "test");
        send(managed(BTC, Side.BUY, "91"));
        send(managed(SOL, Side.BUY, "8"));
        told.clear();
        send(new CancelOrders(null, "halt", clock.nanos()));
        assertThat(told).as("a cancel-all tells each order, the one the venue plugin failed too")
                .containsExactly("run1-5 BTC-PERP 0", "run1-6 SOL-USD 0");
        assertThat(events.of(OrderCancelRejected.class)).extracting(r -> r.clientOrderId().value())
                .containsExactly("run1-5");
        assertThat(execution.totals()).containsEntry("cancelsSent", 4L);
    }

    @Test
    void aStrategyThatCancelsAndReplacesFastIsStoppedByTheOrderRateGuardFromOpeningMoreButItsCancelsGo() {
        wire(List.of(new GuardChain.Named("order-rate", new OrderRateGuard(5, 60))), venue);
        venue.answer(Answer.ACCEPT, Answer.ACCEPT, Answer.ACCEPT, Answer.ACCEPT, Answer.ACCEPT, Answer.ACCEPT);
        send(managed(BTC, Side.BUY, "99"));
        send(managed(BTC, Side.SELL, "101"));
        // a modification of both quotes: cancel, replace, cancel, replace, within the same second
        send(cancel("run1-1", BTC));
        send(managed(BTC, Side.BUY, "98"));
        send(cancel("run1-2", BTC));
        send(managed(BTC, Side.SELL, "102"));
        assertThat(events.of(IntentRejected.class)).extracting(IntentRejected::stage, r -> r.code().value(),
                IntentRejected::message).containsExactly(tuple("order-rate", "ORDER_RATE",
                "5 orders and cancels in the last second, limit 5"));
        send(cancel("run1-3", BTC));
        assertThat(venue.cancelled()).as("cancels are never refused").extracting(ClientOrderId::value)
                .containsExactly("run1-1", "run1-2", "run1-3");
        assertThat(venue.openOrders()).isEmpty();

        kernel.advanceBy(Duration.ofSeconds(1));
        send(managed(BTC, Side.BUY, "97"));
        assertThat(rejectionCodes()).as("a second later the quote goes again").containsExactly("ORDER_RATE");
        assertThat(venue.openOrders()).singleElement().satisfies(o -> assertThat(o.request().limitPrice())
                .isEqualTo(Price.of("97")));
    }

    @Test
    void aRestartRestoresAStrategysManagedOrdersWithoutTheInFlightLockAndTheOthersWithIt() {
        OrderRequest bid = new OrderRequest(ClientOrderId.of("run1-5"), BTC, Side.BUY, OrderType.LIMIT,
                Quantity.of("2"), Price.of("90"), TimeInForce.GTC, false, true);
        OrderRequest exit = new OrderRequest(ClientOrderId.of("run1-6"), SOL, Side.SELL, OrderType.LIMIT,
                Quantity.of("1"), Price.of("20"), TimeInForce.GTC, true, false);
        Position held = Position.flat(SOL).apply(Side.BUY, Quantity.of("1"), Price.of("10"), Money.ZERO);
        journal = new InMemoryJournal("run1").restoredFrom(new JournalSnapshot(false, "run1", 6, Money.ofUnits(1_000),
                List.of(held), List.of(new Order(bid, OrderStatus.ACCEPTED, Quantity.ZERO, "v-5"),
                new Order(exit, OrderStatus.ACCEPTED, Quantity.ZERO, "v-6")), Set.of()));
        owners = Map.of(bid.clientOrderId(), new OrderOwner("mm", "bid", true),
                exit.clientOrderId(), new OrderOwner("trend", "exit", false));
        wire(List.of(), venue);

        send(buy(BTC, "100"));
        send(close(BTC));
        assertThat(venue.placed()).as("the strategy's resting bid holds back neither a simple order nor a close")
                .extracting(r -> r.clientOrderId().value()).containsExactly("run1-7", "run1-8");
        send(buy(SOL, "10"));
        assertThat(rejectionCodes()).as("an order no strategy manages still holds its symbol")
                .containsExactly("IN_FLIGHT");

        kernel.publish(new OrderReconciled(new Order(bid, OrderStatus.PARTIALLY_FILLED, Quantity.of("1"), "v-5"),
                false, "filled in part while the host was down", 0));
        kernel.runUntilIdle();
        send(buy(BTC, "100"));
        assertThat(venue.placed()).as("reconciled, the managed order still takes no lock").hasSize(3);
        assertThat(rejectionCodes()).containsExactly("IN_FLIGHT");
        assertThat(execution.openRequests()).extracting(r -> r.clientOrderId().value())
                .containsExactly("run1-5", "run1-6");
    }

    /** The scripted venue behind a proxy whose first cancel throws, as a buggy plugin would. */
    private Venue failingFirstCancel() {
        boolean[] failed = {false};
        return (Venue) Proxy.newProxyInstance(Venue.class.getClassLoader(), new Class<?>[] {Venue.class},
                (proxy, m, args) -> {
                    if (m.getName().equals("cancel") && ((ClientOrderId) args[0]).value().equals("run1-5")
                            && !failed[0]) {
                        failed[0] = true;
                        throw new IllegalStateException("plugin bug");
                    }
                    try {
                        return m.invoke(venue, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** The journal double, with the owners a journal keeps of its open orders. */
    private record WithOwners(InMemoryJournal journal, Map<ClientOrderId, OrderOwner> owners) implements OrderJournal {
        @Override
        public JournalSnapshot snapshot() {
            return journal.snapshot();
        }

        @Override
        public void recordBaseline(Money cash, List<Position> positions, long timestampNanos) {
            journal.recordBaseline(cash, positions, timestampNanos);
        }

        @Override
        public Map<String, byte[]> strategyStates() {
            return journal.strategyStates();
        }

        @Override
        public Set<String> fundingPaymentIds() {
            return journal.fundingPaymentIds();
        }
    }
}
