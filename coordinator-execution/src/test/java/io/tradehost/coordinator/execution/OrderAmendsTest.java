package io.tradehost.coordinator.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tradehost.api.command.AmendOrder;
import io.tradehost.api.command.Command;
import io.tradehost.api.command.OrderIntent;
import io.tradehost.api.event.OrderAmendRejected;
import io.tradehost.api.event.OrderAmended;
import io.tradehost.api.event.OrderReconciled;
import io.tradehost.api.guard.Guard;
import io.tradehost.api.guard.GuardVerdict;
import io.tradehost.api.guard.OrderCheck;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.OrderStatus;
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
import io.tradehost.kernel.Kernel;
import io.tradehost.kernel.VenueEventAdapter;
import io.tradehost.kernel.VirtualClock;
import io.tradehost.plugins.guards.MaxOrderNotionalGuard;
import io.tradehost.plugins.guards.OrderRateGuard;
import io.tradehost.plugins.guards.TradingStateGuard;
import io.tradehost.testkit.EventRecorder;
import io.tradehost.testkit.Fixtures;
import io.tradehost.testkit.InMemoryJournal;
import io.tradehost.testkit.ScriptedAmends;
import io.tradehost.testkit.ScriptedVenue;
import io.tradehost.testkit.ScriptedVenue.Answer;
import io.tradehost.testkit.StubMarket;
import io.tradehost.testkit.StubTradingState;
import io.tradehost.testkit.StubVenueAccess;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Amends through the real execution coordinator and the real guards, on the scripted venue: what is
 * judged is the open part at the new price, what is sent is what was judged, and every refusal (the
 * host's, the venue's at once, the venue's later, a plugin's bug) is one {@link OrderAmendRejected}.
 */
class OrderAmendsTest {
    private static final Symbol BTC = Symbol.of("BTC-PERP");

    private final VirtualClock clock = new VirtualClock(Fixtures.EPOCH);
    private final ScriptedVenue venue = new ScriptedVenue(List.of(Fixtures.perpetual("BTC-PERP")))
            .supportsAmend(true);
    private final StubMarket market = new StubMarket();
    private final StubTradingState state = new StubTradingState();
    private final InMemoryJournal journal = new InMemoryJournal("run1");
    private final List<OrderCheck> judged = new ArrayList<>();
    private Kernel kernel;
    private EventRecorder events;
    private ExecutionCoordinator execution;
    private long sequence;

    private void wire(Guard... more) {
        kernel = new Kernel(clock);
        events = new EventRecorder();
        venue.listener(new VenueEventAdapter(kernel, clock));
        market.put(Fixtures.mark("BTC-PERP", "100"));
        List<GuardChain.Named> guards = new ArrayList<>();
        guards.add(new GuardChain.Named("recording", check -> {
            judged.add(check);
            return GuardVerdict.ALLOW;
        }));
        guards.add(new GuardChain.Named("trading-state", new TradingStateGuard()));
        for (Guard guard : more) {
            guards.add(new GuardChain.Named(guard.getClass().getSimpleName(), guard));
        }
        execution = new ExecutionCoordinator(new ExecutionSettings(TimeInForce.GTC, RetryPolicy.DEFAULT, 7),
                new GuardChain(guards), new StubVenueAccess(venue, venue.products()), market, state, journal, kernel,
                kernel, kernel, clock);
        ExecutionCoordinatorTest.route(kernel, execution, journal);
        kernel.own(AmendOrder.class, "execution.amend", Kernel.FailurePolicy.LOG_AND_COUNT, execution::amend);
        kernel.subscribe(OrderAmended.class, "execution.amended", Kernel.FailurePolicy.FAIL_CLOSED,
                execution::onAmended);
        kernel.subscribe(OrderAmendRejected.class, "execution.amend-rejected", Kernel.FailurePolicy.LOG_AND_COUNT,
                execution::onAmendRejected);
        kernel.observe(events);
        execution.initialize();
        execution.start();
    }

    private void send(Command command) {
        kernel.send(command);
        kernel.runUntilIdle();
    }

    /** A managed bid of {@code quantity} @ {@code price}, placed and left resting (or as {@code answer} says). */
    private ClientOrderId bid(String quantity, String price, Answer answer) {
        venue.answer(answer);
        send(new OrderIntent(++sequence, BTC, Side.BUY, false, Quantity.of(quantity), null, OrderType.LIMIT,
                Price.of(price), null, false, true, "mm", "bid", Price.of(price), 0, null, true));
        return ClientOrderId.of("run1", sequence);
    }

    private AmendOrder amend(ClientOrderId id, String price, String total) {
        return new AmendOrder(id, BTC, Price.of(price), Quantity.of(total), "modify", clock.nanos());
    }

    private List<String> refusals() {
        return events.of(OrderAmendRejected.class).stream().map(r -> r.clientOrderId().value() + " " + r.code()
                + " " + r.message()).toList();
    }

    @Test
    void anAmendIsJudgedAsTheOpenPartAtTheNewPriceThenSentAndTheOrderTakesItsNewTerms() {
        wire();
        ClientOrderId id = bid("2", "99", Answer.PARTIAL_FILL);
        judged.clear();
        send(amend(id, "99.5", "3"));
        assertThat(judged).singleElement().satisfies(check -> {
            assertThat(check.order()).isEqualTo(new OrderRequest(id, BTC, Side.BUY, OrderType.LIMIT,
                    Quantity.of("2"), Price.of("99.5"), TimeInForce.GTC, false, true));
        });
        assertThat(venue.amends().calls()).containsExactly(new ScriptedAmends.Call(id, Price.of("99.5"),
                Quantity.of("3")));
        assertThat(events.of(OrderAmended.class)).containsExactly(new OrderAmended(id, BTC, Price.of("99.5"),
                Quantity.of("3"), clock.nanos()));
        assertThat(execution.openRequests()).containsExactly(new OrderRequest(id, BTC, Side.BUY, OrderType.LIMIT,
                Quantity.of("3"), Price.of("99.5"), TimeInForce.GTC, false, true));
        assertThat(refusals()).isEmpty();
        assertThat(execution.totals()).containsEntry("amendsSent", 1L).containsEntry("amendsRefused", 0L);
    }

    @Test
    void whatTheHostCannotAmendIsRefusedWithoutAskingTheVenue() {
        wire();
        ClientOrderId resting = bid("2", "99", Answer.PARTIAL_FILL);
        journal.hold();
        ClientOrderId unsent = bid("1", "98", Answer.ACCEPT);
        journal.release();
        kernel.runUntilIdle();
        ClientOrderId filled = bid("1", "97", Answer.FILL);
        send(amend(ClientOrderId.of("run1-99"), "99", "2"));
        send(amend(resting, "99", "1"));
        send(amend(filled, "97", "2"));
        venue.supportsAmend(false);
        send(amend(resting, "99", "3"));
        journal.hold();
        venue.supportsAmend(true);
        ClientOrderId waiting = bid("1", "96", Answer.ACCEPT);
        send(amend(waiting, "96", "2"));
        assertThat(unsent.value()).isEqualTo("run1-2");
        assertThat(refusals()).containsExactly(
                "run1-99 NOT_AMENDABLE run1-99 is unknown",
                "run1-1 CANNOT_EDIT_TO_BELOW_FILLED_SIZE the new total 1 is not above the 1 already filled",
                "run1-3 NOT_AMENDABLE run1-3 is FILLED, not resting at the venue",
                "run1-1 NOT_AMENDABLE run1-1 cannot be amended: the venue does not amend orders",
                "run1-4 NOT_AMENDABLE run1-4 is SUBMITTED, not resting at the venue");
        assertThat(venue.amends().calls()).isEmpty();
        assertThat(execution.totals()).containsEntry("amendsSent", 0L).containsEntry("amendsRefused", 5L);
    }

    @Test
    void theTradingStateAndTheGuardsJudgeAnAmendAsTheOrderItMakes() {
        wire(new MaxOrderNotionalGuard(Money.of("500")), new OrderRateGuard(2, 60));
        ClientOrderId id = bid("2", "99", Answer.ACCEPT);
        send(amend(id, "99", "6"));
        state.raise(new StateReason(ReasonCode.of("test_halt"), ReasonSource.OPERATOR, TradingState.HALTED, "halt",
                Map.of(), 0));
        send(amend(id, "98", "2"));
        state.clear(ReasonCode.of("test_halt"), "test");
        send(amend(id, "98", "2"));
        send(amend(id, "97", "2"));
        assertThat(events.of(OrderAmendRejected.class)).extracting(r -> r.code().value(), r -> r.message()
                .substring(0, r.message().indexOf(':'))).containsExactly(
                tuple("MAX_ORDER_NOTIONAL", "MaxOrderNotionalGuard"),
                tuple("HALTED", "trading-state"),
                tuple("ORDER_RATE", "OrderRateGuard"));
        assertThat(venue.amends().calls()).as("the one amend every check let through")
                .containsExactly(new ScriptedAmends.Call(id, Price.of("98"), Quantity.of("2")));
    }

    @Test
    void theVenuesRefusalsNowOrLaterAndAPluginsBugAreEachOneRejection() {
        wire();
        ClientOrderId id = bid("2", "99", Answer.ACCEPT);
        venue.amends().answer(ScriptedAmends.Answer.REFUSE, ScriptedAmends.Answer.REJECT, ScriptedAmends.Answer.BUG,
                ScriptedAmends.Answer.THROW);
        send(amend(id, "98", "2"));
        send(amend(id, "97", "2"));
        send(amend(id, "96", "2"));
        send(amend(id, "95", "2"));
        assertThat(events.of(OrderAmendRejected.class)).extracting(r -> r.code().value())
                .containsExactly("COMMANDER_REJECTED_EDIT_ORDER", "COMMANDER_REJECTED_EDIT_ORDER",
                        "VENUE_PLUGIN_FAILURE", "UNAVAILABLE");
        assertThat(events.of(OrderAmended.class)).isEmpty();
        assertThat(execution.openRequests()).extracting(OrderRequest::limitPrice).containsExactly(Price.of("99"));
        assertThat(execution.totals()).as("the venue's refusal later counts too").containsEntry("amendsSent", 4L)
                .containsEntry("amendsRefused", 4L);
    }

    @Test
    void reconciliationGivesTheTrackedOrderTheTermsTheVenueHolds() {
        wire();
        ClientOrderId id = bid("2", "99", Answer.ACCEPT);
        OrderRequest theirs = new OrderRequest(id, BTC, Side.BUY, OrderType.LIMIT, Quantity.of("4"), Price.of("98"),
                TimeInForce.GTC, false, true);
        kernel.publish(new OrderReconciled(new Order(theirs, OrderStatus.ACCEPTED, Quantity.ZERO, "v"), false,
                "amended at the venue", 0));
        kernel.runUntilIdle();
        assertThat(execution.openRequests()).containsExactly(theirs);
    }

    @Test
    void theTotalSentIsTheOneJudgedTheOpenPartOnTheLotGrid() {
        wire();
        ClientOrderId id = bid("2", "99", Answer.PARTIAL_FILL); // 1 filled
        judged.clear();
        send(amend(id, "99", "3.0004"));
        assertThat(judged).singleElement().satisfies(check -> assertThat(check.order().quantity())
                .isEqualTo(Quantity.of("2")));
        assertThat(venue.amends().calls()).containsExactly(new ScriptedAmends.Call(id, Price.of("99"),
                Quantity.of("3")));
    }

    @Test
    void anOrderThatIsNotALimitIsNotAmendedAndAnAmendWhoseOutcomeIsUnknownIsNotRefused() {
        wire();
        venue.answer(Answer.ACCEPT);
        send(new OrderIntent(++sequence, BTC, Side.BUY, false, Quantity.of("1"), null, OrderType.MARKET, null, null,
                false, false, "mm", "market", Price.of("100"), 0, null, true));
        ClientOrderId market = ClientOrderId.of("run1", sequence);
        send(amend(market, "99", "2"));
        ClientOrderId id = bid("2", "99", Answer.ACCEPT);
        venue.amends().answer(ScriptedAmends.Answer.TIMEOUT);
        send(amend(id, "98", "2"));
        assertThat(refusals()).containsExactly("run1-1 NOT_AMENDABLE run1-1 is a MARKET order; only limit orders "
                + "are amended");
        assertThat(venue.amends().calls()).as("the one that timed out was asked").hasSize(1);
    }

    @Test
    void aFillHeardBeforeTheAmendItFollowedEndsTheOrderOnceTheSmallerTotalComes() {
        wire();
        ClientOrderId id = bid("2", "99", Answer.PARTIAL_FILL); // 1 filled
        kernel.publish(new OrderAmended(id, BTC, Price.of("99"), Quantity.of("1"), clock.nanos()));
        kernel.runUntilIdle();
        assertThat(execution.openRequests()).isEmpty();
    }
}
