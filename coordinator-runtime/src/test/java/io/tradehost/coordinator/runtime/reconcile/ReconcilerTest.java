package io.tradehost.coordinator.runtime.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.api.event.FundingPaid;
import io.tradehost.api.event.OrderFilled;
import io.tradehost.api.event.OrderReconciled;
import io.tradehost.api.journal.JournalSnapshot;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.FundingPayment;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.OrderStatus;
import io.tradehost.api.order.Position;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Product;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Ratio;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.value.TimeInForce;
import io.tradehost.api.venue.VenueException;
import io.tradehost.coordinator.runtime.reconcile.Difference.Kind;
import io.tradehost.kernel.VenueEventAdapter;
import io.tradehost.testkit.EventRecorder;
import io.tradehost.testkit.Fixtures;
import io.tradehost.testkit.ScriptedVenue.Answer;
import io.tradehost.testkit.ScriptedVenue;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
/** One reconciliation as a function: journal and venue in, the whole report (differences and repairs) out. */
class ReconcilerTest {
    private static final Symbol BTC = Symbol.of("BTC-PERP");
    private static final Map<Symbol, Product> PRODUCTS = Map.of(BTC, Fixtures.perpetual("BTC-PERP"));
    private static final long NOW = 42;

    private final ScriptedVenue venue = new ScriptedVenue(List.of(Fixtures.perpetual("BTC-PERP")));

    @BeforeEach
    void connect() throws VenueException {
        venue.listener(new VenueEventAdapter(new EventRecorder(), () -> NOW));
        venue.connect();
    }

    private static OrderRequest buy(String id, String quantity) {
        return OrderRequest.market(ClientOrderId.of(id), BTC, Side.BUY, Quantity.of(quantity));
    }

    private static Position longBtc(String quantity) {
        return Position.flat(BTC).apply(Side.BUY, Quantity.of(quantity), Price.ofUnits(100), Money.ZERO);
    }

    private static JournalSnapshot journal(List<Position> positions, Set<String> tradeIds, Order... open) {
        return new JournalSnapshot(false, "r", 9, Money.ofUnits(10_000), positions, List.of(open), tradeIds);
    }

    private ReconciliationReport reconcile(JournalSnapshot journal, boolean startup) throws VenueException {
        return Reconciler.reconcile(journal, venue, startup, PRODUCTS, "USD", NOW);
    }

    private static FundingPayment funding(String id, String amount) {
        return new FundingPayment(id, BTC, Money.of(amount), Ratio.of("0.0001"), Quantity.of("2"), Price.ofUnits(100),
                NOW);
    }

    @Test
    void fundingTheJournalLacksIsBookedAndCountsInTheCash() throws VenueException {
        FundingPayment known = funding("f-1", "-0.02");
        FundingPayment missed = funding("f-2", "-0.03");
        venue.funding(List.of(known, missed)).account(Money.ofUnits(10_000).plus(missed.amount()), longBtc("2"));
        ReconciliationReport report = Reconciler.reconcile(journal(List.of(longBtc("2")), Set.of()), Set.of("f-1"),
                venue, true, PRODUCTS, "USD", NOW, account -> { });
        assertThat(report).isEqualTo(new ReconciliationReport(List.of(new Difference(Difference.Kind.MISSED_FUNDING,
                "f-2", "none", "-0.03 on BTC-PERP at rate 0.0001", true)), List.of(new FundingPaid(missed))));
        assertThat(report.unexplained()).isEmpty();

        ReconciliationReport unknowing = Reconciler.reconcile(journal(List.of(longBtc("2")), Set.of()), Set.of(),
                venue, true, PRODUCTS, "USD", NOW, account -> { });
        assertThat(unknowing.differences()).extracting(Difference::kind).containsExactly(
                Difference.Kind.MISSED_FUNDING, Difference.Kind.MISSED_FUNDING, Difference.Kind.CASH);
        assertThat(unknowing.unexplained()).extracting(Difference::kind).containsExactly(Difference.Kind.CASH);
        assertThat(reconcile(journal(List.of(longBtc("2")), Set.of()), true).unexplained())
                .extracting(Difference::kind).containsExactly(Difference.Kind.CASH);
    }

    private static OrderRequest bid(String quantity, String price) {
        return new OrderRequest(ClientOrderId.of("r-8"), BTC, Side.BUY, OrderType.LIMIT, Quantity.of(quantity),
                Price.of(price), TimeInForce.GTC, false, true);
    }

    @Test
    void aLimitOrderTheVenueHoldsAtOtherTermsTakesTheVenuesTerms() throws VenueException {
        venue.answer(Answer.ACCEPT).account(Money.ofUnits(10_000), longBtc("2"));
        venue.place(bid("3", "97.5"));
        Order theirs = venue.order(ClientOrderId.of("r-8")).orElseThrow();
        Order ours = new Order(bid("2", "99"), OrderStatus.ACCEPTED, Quantity.ZERO, "v-r-8");
        ReconciliationReport report = reconcile(journal(List.of(longBtc("2")), Set.of(), ours), false);
        assertThat(report).isEqualTo(new ReconciliationReport(List.of(new Difference(Kind.ORDER_TERMS, "r-8",
                "2 @ 99", "3 @ 97.5", true)), List.of(new OrderReconciled(theirs, false,
                "amended at the venue: journal had 2 @ 99, venue has 3 @ 97.5", NOW))));
        assertThat(report.unexplained()).isEmpty();

        Order same = new Order(bid("3", "97.5"), OrderStatus.ACCEPTED, Quantity.ZERO, "v-r-8");
        assertThat(reconcile(journal(List.of(longBtc("2")), Set.of(), same), false).agrees()).isTrue();
    }

    @Test
    void aStopTheHostHoldsIsNoDifferenceWhileTheVenueDoesNotKnowItAndComparedOnceItDoes() throws VenueException {
        venue.account(Money.ofUnits(10_000));
        OrderRequest stop = new OrderRequest(ClientOrderId.of("r-6"), BTC, Side.SELL, OrderType.STOP_MARKET,
                Quantity.of("1"), null, TimeInForce.GTC, true, false, Price.of("95"));
        Order held = new Order(stop, OrderStatus.SUBMITTED, Quantity.ZERO, null);
        Set<ClientOrderId> heldByHost = Set.of(stop.clientOrderId());
        assertThat(Reconciler.reconcile(journal(List.of(), Set.of(), held), Set.of(), venue, true, PRODUCTS, "USD",
                NOW, account -> { }, heldByHost)).isEqualTo(new ReconciliationReport(List.of(), List.of()));
        assertThat(reconcile(journal(List.of(), Set.of(), held), true).differences()).as("not held: never sent")
                .extracting(Difference::kind).containsExactly(Kind.ORDER_UNKNOWN_TO_VENUE);

        venue.answer(Answer.ACCEPT);
        venue.place(stop.triggered()); // sent just before the host died
        ReconciliationReport sent = Reconciler.reconcile(journal(List.of(), Set.of(), held), Set.of(), venue, true,
                PRODUCTS, "USD", NOW, account -> { }, heldByHost);
        assertThat(sent.differences()).extracting(Difference::kind).containsExactly(Kind.ORDER_STATUS);
        assertThat(sent.repairs()).singleElement().satisfies(r -> assertThat(((OrderReconciled) r).order().status())
                .isEqualTo(OrderStatus.ACCEPTED));
    }

    @Test
    void agreementIsAnEmptyReport() throws VenueException {
        venue.account(Money.ofUnits(10_000), longBtc("2"));
        ReconciliationReport report = reconcile(journal(List.of(longBtc("2")), Set.of()), true);
        assertThat(report).isEqualTo(new ReconciliationReport(List.of(), List.of()));
        assertThat(report.agrees()).isTrue();
        assertThat(report.unexplained()).isEmpty();
    }

    @Test
    void whileTradingAnIntentNotYetAcknowledgedIsLeftToPlacement() throws VenueException {
        Order submitted = new Order(buy("r-5", "1"), OrderStatus.SUBMITTED, Quantity.ZERO, null);
        assertThat(reconcile(journal(List.of(), Set.of(), submitted), false).agrees()).isTrue();
        ReconciliationReport atStartUp = reconcile(journal(List.of(), Set.of(), submitted), true);
        assertThat(atStartUp.differences()).containsExactly(new Difference(Kind.ORDER_UNKNOWN_TO_VENUE, "r-5",
                "SUBMITTED filled 0/1", "no such order", true));
        assertThat(atStartUp.repairs()).containsExactly(new OrderReconciled(new Order(submitted.request(),
                OrderStatus.REJECTED, Quantity.ZERO, null), false, "NOT_AT_VENUE: the order never reached the venue",
                NOW));
    }

    @Test
    void aPartFillTheJournalMissedIsBookedAndTheOrderTakesTheVenuesFill() throws VenueException {
        venue.answer(Answer.PARTIAL_FILL).account(Money.ofUnits(10_000), longBtc("1"));
        venue.place(buy("r-5", "2"));
        Order ours = new Order(buy("r-5", "2"), OrderStatus.PARTIALLY_FILLED, Quantity.ZERO, "v-r-5");
        ReconciliationReport report = reconcile(journal(List.of(), Set.of(), ours), true);
        Order theirs = venue.order(ClientOrderId.of("r-5")).orElseThrow();
        Fill fill = venue.fills(ClientOrderId.of("r-5")).getFirst();
        assertThat(report.differences()).containsExactly(
                new Difference(Kind.MISSED_FILL, fill.tradeId(), "none", "BUY 1 BTC-PERP @ 100 for r-5", true),
                new Difference(Kind.ORDER_STATUS, "r-5", "PARTIALLY_FILLED filled 0/2", "PARTIALLY_FILLED filled 1/2",
                        true));
        assertThat(report.repairs()).containsExactly(new OrderFilled(fill), new OrderReconciled(theirs, false,
                "journal had PARTIALLY_FILLED filled 0/2, venue has PARTIALLY_FILLED filled 1/2", NOW));
        assertThat(report.unexplained()).as("the missed fill explains the venue's position").isEmpty();
        assertThat(report.agrees()).isFalse();
    }

    @Test
    void aFillTheJournalAlreadyHasIsNotBookedTwice() throws VenueException {
        venue.answer(Answer.PARTIAL_FILL).account(Money.ofUnits(10_000), longBtc("1"));
        venue.place(buy("r-5", "2"));
        String tradeId = venue.fills(ClientOrderId.of("r-5")).getFirst().tradeId();
        Order ours = new Order(buy("r-5", "2"), OrderStatus.PARTIALLY_FILLED, Quantity.of("1"), "v-r-5");
        assertThat(reconcile(journal(List.of(longBtc("1")), Set.of(tradeId), ours), true).agrees()).isTrue();
    }

    @Test
    void anOpenOrderOnlyTheVenueKnowsIsAdoptedWithItsFills() throws VenueException {
        venue.answer(Answer.PARTIAL_FILL).account(Money.ofUnits(10_000), longBtc("1"));
        venue.place(buy("r-7", "2"));
        Order theirs = venue.order(ClientOrderId.of("r-7")).orElseThrow();
        Fill fill = venue.fills(ClientOrderId.of("r-7")).getFirst();
        ReconciliationReport report = reconcile(journal(List.of(), Set.of()), true);
        assertThat(report.differences()).containsExactly(
                new Difference(Kind.MISSED_FILL, fill.tradeId(), "none", "BUY 1 BTC-PERP @ 100 for r-7", true),
                new Difference(Kind.ORDER_ADOPTED, "r-7", "no open order", "PARTIALLY_FILLED filled 1/2", true));
        assertThat(report.repairs()).containsExactly(new OrderFilled(fill),
                new OrderReconciled(theirs, true, "open at the venue, unknown to the journal", NOW));
        assertThat(report.unexplained()).isEmpty();
    }

    @Test
    void booksThatDifferAreUnexplainedAndNamedWithBothSides() throws VenueException {
        venue.account(Money.ofUnits(9_000), longBtc("3"));
        ReconciliationReport report = reconcile(journal(List.of(longBtc("2")), Set.of()), true);
        assertThat(report.differences()).containsExactly(
                new Difference(Kind.POSITION, "BTC-PERP", "2", "3", false),
                new Difference(Kind.CASH, "USD", "10000", "9000", false));
        assertThat(report.unexplained()).isEqualTo(report.differences());
        assertThat(report.repairs()).isEmpty();
        assertThat(report.differences().getFirst()).hasToString("POSITION BTC-PERP: journal 2, venue 3 (unexplained)");
    }
}
