package io.tradehost.coordinator.strategy;

import static io.tradehost.coordinator.strategy.EventRig.BTC;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.api.command.OrderIntent;
import io.tradehost.api.journal.JournalSnapshot;
import io.tradehost.api.journal.OrderJournal;
import io.tradehost.api.market.Quote;
import io.tradehost.api.journal.JournaledList;
import io.tradehost.api.journal.OrderOwner;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.ListLink;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.OrderStatus;
import io.tradehost.api.order.Position;
import io.tradehost.api.value.TimeInForce;
import io.tradehost.coordinator.strategy.CycleMode;
import java.util.Map;
import io.tradehost.api.strategy.event.OrderList;
import io.tradehost.api.strategy.event.OrderListSpec;
import io.tradehost.api.strategy.event.OrderSpec;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Contingent lists through the real coordinator on the virtual clock, execution and the venue played by
 * the test: what is sent, what the journal is told and what the strategy hears, compared whole.
 */
class EventListsTest {
    private final EventRig rig = new EventRig();
    private final List<OrderList> lists = new ArrayList<>();

    private static final Quantity TWO = Quantity.of("2");
    static final OrderSpec ENTRY = OrderSpec.limit(BTC, Side.BUY, TWO, Price.of("100")).withTag("in");
    static final OrderSpec TAKE = OrderSpec.limit(BTC, Side.SELL, TWO, Price.of("110")).withTag("tp");
    static final OrderSpec STOP = OrderSpec.stop(BTC, Side.SELL, TWO, Price.of("95")).withTag("sl");

    /** A fresh journal: the lists are recorded. */
    static OrderJournal freshJournal() {
        return new OrderJournal() {
            @Override
            public JournalSnapshot snapshot() {
                return new JournalSnapshot(true, "o", 0, Money.ZERO, List.of(), List.of(), Set.of());
            }

            @Override
            public void recordBaseline(Money cash, List<Position> positions, long timestampNanos) {
                throw new UnsupportedOperationException();
            }
        };
    }

    /** Starts the probe; on its first quote it submits {@code list}. */
    private void startWith(Function<io.tradehost.api.strategy.event.StrategyHost, OrderList> submit) {
        rig.journal = freshJournal();
        rig.onEvent = (h, e) -> {
            if (e instanceof Quote && lists.isEmpty()) {
                lists.add(submit.apply(h));
            }
        };
        rig.started();
        rig.quote(BTC, "99.99", "100.01");
    }

    /** One intent as a line: side, quantity, type, prices, reduce-only, link, tag. */
    static String line(OrderIntent i) {
        return i.side() + " " + i.quantity() + " " + i.type() + (i.limitPrice() == null ? "" : " @" + i.limitPrice())
                + (i.stopPrice() == null ? "" : " stop " + i.stopPrice()) + (i.reduceOnly() ? " reduce" : "")
                + " " + i.list() + " " + i.reason();
    }

    private List<String> intents() {
        return rig.intents.stream().map(EventListsTest::line).toList();
    }

    private List<String> cancels() {
        return rig.cancels.stream().map(c -> c.clientOrderId().value() + " " + c.reason()).toList();
    }

    private List<String> records() {
        return rig.lists.stream().map(r -> "L" + r.listId() + " " + r.strategy() + " dropped=" + r.droppedMembers()
                + (r.open() ? " open" : " closed")).toList();
    }

    private void amended(int n, String price, String total) {
        rig.publish(new io.tradehost.api.event.OrderAmended(EventRig.id(n), BTC, Price.of(price), Quantity.of(total),
                rig.clock.nanos()));
    }

    private List<String> amends() {
        return rig.amends.stream().map(a -> a.clientOrderId().value() + " " + a.limitPrice() + " " + a.quantity())
                .toList();
    }

    private static final String START = "start [BTC-PERP, ETH-PERP] Restored[0 open order(s), 0 list(s), 0 byte(s) "
            + "of state]";
    private static final String QUOTE = "quote BTC-PERP 99.99/100.01";

    @Test
    void aBracketsExitsFollowThePartialFillsOfItsEntryAndTheFirstExitToFillCancelsTheOther() {
        rig.venue.supportsAmend(true);
        startWith(h -> h.submit(OrderListSpec.bracket(ENTRY, TAKE, STOP)));
        OrderList list = lists.getFirst();
        assertThat(list.exits()).extracting(h -> h.status().name()).containsExactly("WAITING", "WAITING");
        rig.record(1);
        rig.accept(1);
        rig.fill(1, BTC, Side.BUY, "0.5", "100", "0.5");
        rig.record(2);
        rig.accept(2);
        rig.record(3);
        rig.fill(1, BTC, Side.BUY, "1.5", "100", "2");
        amended(2, "110", "2"); // the take-profit rests at a venue that amends: amended in place
        rig.cancelled(3, "modify"); // the stop the host holds: replaced
        rig.record(4);
        rig.fill(2, BTC, Side.SELL, "0.5", "110", "1.5");
        rig.cancelled(4, "modify");
        rig.record(5);
        rig.fill(2, BTC, Side.SELL, "1.5", "110", "0");
        rig.cancelled(5, "one-cancels-other");

        assertThat(rig.heard).containsExactly(START, QUOTE,
                "Accepted #1 WORKING 0/2",
                "Filled #1 PARTIALLY_FILLED 0.5/2 0.5@100", "position BTC-PERP 0.5",
                "Accepted #2 WORKING 0/0.5", "Accepted #3 WORKING 0/0.5",
                "Filled #1 FILLED 2/2 1.5@100 complete", "position BTC-PERP 2",
                "Modified #2 WORKING 0/2", "Modified #3 WORKING 0/2",
                "Filled #2 PARTIALLY_FILLED 0.5/2 0.5@110", "position BTC-PERP 1.5",
                "Modified #3 WORKING 0/1.5",
                "Filled #2 FILLED 2/2 1.5@110 complete", "position BTC-PERP 0",
                "Cancelled #3 CANCELLED 0/1.5 one-cancels-other");
        assertThat(intents()).containsExactly("BUY 2 LIMIT @100 L1#0 in",
                "SELL 0.5 LIMIT @110 reduce L1#1 tp", "SELL 0.5 STOP_MARKET stop 95 reduce L1#2 sl",
                "SELL 2 STOP_MARKET stop 95 reduce L1#2 sl",
                "SELL 1.5 STOP_MARKET stop 95 reduce L1#2 sl");
        assertThat(amends()).containsExactly("o-2 110 2");
        assertThat(cancels()).containsExactly("o-3 modify", "o-4 modify",
                "o-5 one-cancels-other: another exit of list L1 (BRACKET of strategy 'probe') filled");
        assertThat(records()).containsExactly("L1 probe dropped=0 open", "L1 probe dropped=0 closed");
        assertThat(rig.lists.getFirst().spec()).isEqualTo(OrderListSpec.bracket(ENTRY, TAKE, STOP).format());
        assertThat(list.isOpen()).isFalse();
    }

    @Test
    void anOcoPairsFillOfOneLegShrinksTheOtherAndItsCompletionCancelsIt() {
        startWith(h -> h.submit(OrderListSpec.oco(OrderSpec.stop(BTC, Side.BUY, TWO, Price.of("105")),
                OrderSpec.limit(BTC, Side.BUY, TWO, Price.of("95")))));
        rig.record(1);
        rig.record(2);
        rig.accept(2);
        rig.fill(2, BTC, Side.BUY, "0.5", "95", "0.5");
        rig.cancelled(1, "modify");
        rig.record(3);
        rig.fill(2, BTC, Side.BUY, "1.5", "95", "2");
        rig.cancelled(3, "one-cancels-other");

        assertThat(rig.heard).containsExactly(START, QUOTE,
                "Accepted #1 WORKING 0/2", "Accepted #2 WORKING 0/2",
                "Filled #2 PARTIALLY_FILLED 0.5/2 0.5@95", "position BTC-PERP 0.5",
                "Modified #1 WORKING 0/1.5",
                "Filled #2 FILLED 2/2 1.5@95 complete", "position BTC-PERP 2",
                "Cancelled #1 CANCELLED 0/1.5 one-cancels-other");
        assertThat(intents()).containsExactly("BUY 2 STOP_MARKET stop 105 L1#0 order#1",
                "BUY 2 LIMIT @95 L1#1 order#2", "BUY 1.5 STOP_MARKET stop 105 L1#0 order#1");
        assertThat(cancels()).containsExactly("o-1 modify",
                "o-3 one-cancels-other: another exit of list L1 (OCO of strategy 'probe') filled");
        assertThat(records()).containsExactly("L1 probe dropped=0 open", "L1 probe dropped=0 closed");
    }

    @Test
    void anEntryCancelledUnfilledDropsItsWaitingExitsAndClosesTheList() {
        startWith(h -> h.submit(OrderListSpec.bracket(ENTRY, TAKE, STOP)));
        rig.record(1);
        rig.accept(1);
        rig.cancelled(1, "cancelled by operator");

        String dropped = "nothing to protect: the entry of list L1 (BRACKET of strategy 'probe') closed without a fill";
        assertThat(rig.heard).containsExactly(START, QUOTE, "Accepted #1 WORKING 0/2",
                "Cancelled #1 CANCELLED 0/2 cancelled by operator",
                "Cancelled #2 CANCELLED 0/2 " + dropped, "Cancelled #3 CANCELLED 0/2 " + dropped);
        assertThat(intents()).containsExactly("BUY 2 LIMIT @100 L1#0 in");
        assertThat(records()).as("both exits dropped: bits 1 and 2").containsExactly("L1 probe dropped=0 open",
                "L1 probe dropped=6 closed");
    }

    @Test
    void anEntryRefusedByTheHostDropsItsExitsToo() {
        startWith(h -> h.submit(OrderListSpec.bracket(ENTRY, TAKE, STOP)));
        rig.publish(new io.tradehost.api.event.IntentRejected(rig.intents.getFirst(), "guard",
                io.tradehost.api.order.RejectionCode.of("MAX_POSITION"), "too big"));

        assertThat(rig.heard).hasSize(5).endsWith("Cancelled #3 CANCELLED 0/2 nothing to protect: the entry of list "
                + "L1 (BRACKET of strategy 'probe') closed without a fill");
        assertThat(rig.heard.get(2)).startsWith("Rejected #1 REJECTED 0/2 MAX_POSITION");
        assertThat(records()).containsExactly("L1 probe dropped=0 open", "L1 probe dropped=6 closed");
    }

    @Test
    void anExitFilledWhollyWhileTheEntryStillWorksEndsTheTrade() {
        rig.venue.nativeStops(true);
        startWith(h -> h.submit(OrderListSpec.bracket(ENTRY, TAKE, STOP)));
        rig.record(1);
        rig.accept(1);
        rig.fill(1, BTC, Side.BUY, "1", "100", "1");
        rig.record(2);
        rig.accept(2);
        rig.record(3);
        rig.accept(3);
        rig.fill(2, BTC, Side.SELL, "1", "110", "0");
        rig.cancelled(1, "the trade is over");
        rig.cancelled(3, "one-cancels-other");

        assertThat(rig.heard).containsExactly(START, QUOTE, "Accepted #1 WORKING 0/2",
                "Filled #1 PARTIALLY_FILLED 1/2 1@100", "position BTC-PERP 1",
                "Accepted #2 WORKING 0/1", "Accepted #3 WORKING 0/1",
                "Filled #2 FILLED 1/1 1@110 complete", "position BTC-PERP 0",
                "Cancelled #1 CANCELLED 1/2 the trade is over", "Cancelled #3 CANCELLED 0/1 one-cancels-other");
        assertThat(intents()).containsExactly("BUY 2 LIMIT @100 L1#0 in", "SELL 1 LIMIT @110 reduce L1#1 tp",
                "SELL 1 STOP_MARKET stop 95 reduce L1#2 sl");
        assertThat(cancels()).containsExactly(
                "o-1 the trade is over: an exit of list L1 (BRACKET of strategy 'probe') filled",
                "o-3 one-cancels-other: another exit of list L1 (BRACKET of strategy 'probe') filled");
    }

    @Test
    void aWaitingExitCancelledByTheStrategyIsNeverArmedAndOneRepricedIsArmedAtItsNewPrice() {
        rig.venue.nativeStops(true);
        startWith(h -> h.submit(OrderListSpec.bracket(ENTRY, TAKE, STOP)));
        OrderList list = lists.getFirst();
        rig.onEvent = (h, e) -> {
            if (e instanceof Quote) {
                h.cancel(list.exits().get(1));
                h.modify(list.exits().get(0), Price.of("112"), null);
            }
        };
        rig.quote(BTC, "100", "100.02");
        rig.record(1);
        rig.fill(1, BTC, Side.BUY, "2", "100", "2");

        assertThat(rig.heard).containsExactly(START, QUOTE, "quote BTC-PERP 100/100.02",
                "Cancelled #3 CANCELLED 0/2 cancelled by strategy 'probe'", "Modified #2 WAITING 0/2",
                "Filled #1 FILLED 2/2 2@100 complete", "position BTC-PERP 2");
        assertThat(intents()).containsExactly("BUY 2 LIMIT @100 L1#0 in", "SELL 2 LIMIT @112 reduce L1#1 tp");
        assertThat(records()).containsExactly("L1 probe dropped=0 open", "L1 probe dropped=4 open",
                "L1 probe dropped=4 open");
        assertThat(OrderListSpec.parse(rig.lists.getLast().spec()).exits().getFirst().limitPrice())
                .as("journaled at its new price: a restart arms it there").isEqualTo(Price.of("112"));
    }

    @Test
    void anExitsQuantityIsTheHostsToSetAndAStrategyThatSetsItFails() {
        startWith(h -> h.submit(OrderListSpec.bracket(ENTRY, TAKE, STOP)));
        OrderList list = lists.getFirst();
        rig.onEvent = (h, e) -> {
            if (e instanceof Quote) {
                h.modify(list.exits().get(0), null, Quantity.of("1"));
            }
        };
        rig.quote(BTC, "100", "100.02");

        assertThat(rig.events.of(io.tradehost.api.event.StrategyFailed.class)).isNotEmpty()
                .allSatisfy(f -> assertThat(f.error()).contains("follows its list; modify its price only"));
        assertThat(list.exits().getFirst().quantity()).isEqualTo(TWO);
    }

    private static Order order(String id, OrderSpec spec, String quantity, OrderStatus status, String filled) {
        return new Order(new OrderRequest(ClientOrderId.of(id), spec.symbol(), spec.side(), spec.type(),
                Quantity.of(quantity), spec.limitPrice(), TimeInForce.GTC, spec.reduceOnly(), false, spec.stopPrice()),
                status, Quantity.of(filled), "v");
    }

    /**
     * A restart after the entry filled wholly: the take-profit was armed for its first fill only, the
     * stop-loss not at all (the host died between). The list comes back and is balanced at once.
     */
    @Test
    void aRestartArmsWhatTheEntryFilledWhileTheHostWasDown() {
        rig.venue.supportsAmend(true);
        OrderListSpec spec = OrderListSpec.bracket(ENTRY, TAKE, STOP);
        Order take = order("o-2", spec.exits().getFirst(), "1", OrderStatus.ACCEPTED, "0");
        rig.journal = new OrderJournal() {
            @Override
            public JournalSnapshot snapshot() {
                return new JournalSnapshot(false, "o", 2, Money.ZERO, List.of(), List.of(take), Set.of());
            }

            @Override
            public void recordBaseline(Money cash, List<Position> positions, long timestampNanos) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Map<ClientOrderId, OrderOwner> owners() {
                return Map.of(take.clientOrderId(), new OrderOwner("probe", "tp", true, 0, false, null,
                        new ListLink(4, 1)));
            }

            @Override
            public List<JournaledList> openOrderLists() {
                return List.of(new JournaledList(4, "probe", spec.format(), 0, List.of(
                        new JournaledList.Member(0, order("o-1", ENTRY, "2", OrderStatus.FILLED, "2")),
                        new JournaledList.Member(1, take))));
            }

            @Override
            public long lastOrderListId() {
                return 4;
            }
        };
        rig.onStart = h -> { };
        rig.started();
        OrderList list = rig.lastRestored.orderLists().getFirst();

        assertThat(rig.heard).containsExactly("start [BTC-PERP, ETH-PERP] Restored[1 open order(s), 1 list(s), 0 "
                + "byte(s) of state]");
        assertThat(list.id()).isEqualTo(4);
        assertThat(list.entry().status()).isEqualTo(io.tradehost.api.strategy.event.HandleStatus.FILLED);
        assertThat(list.entry().filled()).isEqualTo(TWO);
        assertThat(intents()).containsExactly("SELL 2 STOP_MARKET stop 95 reduce L4#2 sl");
        assertThat(amends()).containsExactly("o-2 110 2");
        assertThat(list.exits()).extracting(h -> h.clientOrderId() == null ? "-" : h.clientOrderId().value())
                .containsExactly("o-2", "-");
    }

    /** Entry 2 filled 0.5 then 1.5; the take-profit (o-2) rests at a venue that amends, the stop (o-3) is the host's. */
    private OrderList filledBracket() {
        rig.venue.supportsAmend(true);
        startWith(h -> h.submit(OrderListSpec.bracket(ENTRY, TAKE, STOP)));
        rig.record(1);
        rig.accept(1);
        rig.fill(1, BTC, Side.BUY, "0.5", "100", "0.5");
        rig.record(2);
        rig.accept(2);
        rig.record(3);
        rig.fill(1, BTC, Side.BUY, "1.5", "100", "2");
        return lists.getFirst();
    }

    @Test
    void aResizeTheVenueRefusesIsAskedAgainAfterABackoff() {
        filledBracket();
        assertThat(amends()).containsExactly("o-2 110 2");
        rig.publish(new io.tradehost.api.event.OrderAmendRejected(EventRig.id(2), BTC,
                io.tradehost.api.order.RejectionCode.of("RATE_LIMITED"), "slow down", rig.clock.nanos()));
        assertThat(amends()).hasSize(1);
        rig.advance(java.time.Duration.ofSeconds(1));
        assertThat(amends()).as("asked again a second later").containsExactly("o-2 110 2", "o-2 110 2");
        amended(2, "110", "2");
        assertThat(lists.getFirst().exits().getFirst().quantity()).isEqualTo(TWO);
    }

    @Test
    void aRepriceOfAnExitWhileTheHostsResizeIsOnItsWayKeepsBoth() {
        OrderList list = filledBracket();
        rig.onEvent = (h, e) -> {
            if (e instanceof Quote) {
                h.modify(list.exits().getFirst(), Price.of("112"), null);
            }
        };
        rig.quote(BTC, "100", "100.02"); // the strategy reprices while the resize to 2 is on its way
        amended(2, "110", "2");
        assertThat(amends()).as("the reprice goes after, for the resized total").containsExactly("o-2 110 2",
                "o-2 112 2");
        amended(2, "112", "2");
        assertThat(list.exits().getFirst().price()).isEqualTo(Price.of("112"));
        assertThat(list.exits().getFirst().quantity()).isEqualTo(TWO);
    }

    @Test
    void aLateFillOfAnExitsReplacedOrderCountsAndTheOtherExitShrinks() {
        OrderList list = filledBracket();
        amended(2, "110", "2");
        rig.cancelled(3, "modify");
        rig.record(4); // the stop replaced for 2
        Handle stop = (Handle) list.exits().get(1);
        rig.fill(3, BTC, Side.SELL, "0.5", "95", "1.5"); // the cancelled order of the stop filled before its cancel
        assertThat(stop.filled()).isEqualTo(Quantity.of("0.5"));
        assertThat(stop.quantity()).as("the replacement still works for its 2").isEqualTo(Quantity.of("2.5"));
        assertThat(stop.status()).isEqualTo(io.tradehost.api.strategy.event.HandleStatus.PARTIALLY_FILLED);
        assertThat(amends()).as("the take-profit shrinks to what is left").containsExactly("o-2 110 2",
                "o-2 110 1.5");
        assertThat(cancels()).as("the stop's replacement shrinks to 1.5 (total 2)").containsExactly("o-3 modify",
                "o-4 modify");
    }

    @Test
    void anExitTheHostRefusesIsArmedAgainWhileThereIsSomethingToProtect() {
        startWith(h -> h.submit(OrderListSpec.bracket(ENTRY, TAKE, STOP)));
        rig.record(1);
        rig.accept(1);
        rig.fill(1, BTC, Side.BUY, "2", "100", "2");
        rig.record(2);
        rig.publish(new io.tradehost.api.event.IntentRejected(rig.intents.get(2), "guard",
                io.tradehost.api.order.RejectionCode.of("ORDER_RATE"), "too many orders"));
        OrderList list = lists.getFirst();
        assertThat(list.exits().get(1).status()).isEqualTo(io.tradehost.api.strategy.event.HandleStatus.REJECTED);
        assertThat(list.isOpen()).isTrue();
        rig.advance(java.time.Duration.ofSeconds(1));
        assertThat(intents()).containsExactly("BUY 2 LIMIT @100 L1#0 in", "SELL 2 LIMIT @110 reduce L1#1 tp",
                "SELL 2 STOP_MARKET stop 95 reduce L1#2 sl", "SELL 2 STOP_MARKET stop 95 reduce L1#2 sl");
        rig.record(4);
        assertThat(list.exits().get(1).status()).isEqualTo(io.tradehost.api.strategy.event.HandleStatus.WORKING);
        assertThat(rig.heard).contains("Rejected #3 REJECTED 0/2 ORDER_RATE", "Accepted #3 WORKING 0/2");
    }

    @Test
    void anEntryFilledLateAfterItsCancelArmsTheExitsAfterAll() {
        rig.venue.nativeStops(true);
        startWith(h -> h.submit(OrderListSpec.bracket(ENTRY, TAKE, STOP)));
        rig.record(1);
        rig.accept(1);
        rig.cancelled(1, "cancelled by strategy");
        OrderList list = lists.getFirst();
        assertThat(list.isOpen()).isFalse();
        rig.fill(1, BTC, Side.BUY, "1", "100", "1"); // the fill raced the cancel, reported after it
        assertThat(list.isOpen()).isTrue();
        assertThat(intents()).containsExactly("BUY 2 LIMIT @100 L1#0 in", "SELL 1 LIMIT @110 reduce L1#1 tp",
                "SELL 1 STOP_MARKET stop 95 reduce L1#2 sl");
        assertThat(records()).containsExactly("L1 probe dropped=0 open", "L1 probe dropped=6 closed",
                "L1 probe dropped=0 open");
    }

    @Test
    void anOtoListsExitsEachFollowTheEntryAndDoNotCancelEachOther() {
        rig.venue.nativeStops(true);
        startWith(h -> h.submit(OrderListSpec.oto(ENTRY, TAKE, STOP)));
        rig.record(1);
        rig.accept(1);
        rig.fill(1, BTC, Side.BUY, "2", "100", "2");
        rig.record(2);
        rig.accept(2);
        rig.record(3);
        rig.accept(3);
        rig.fill(2, BTC, Side.SELL, "2", "110", "0");
        OrderList list = lists.getFirst();
        assertThat(list.kind()).isEqualTo(OrderListSpec.Kind.OTO);
        assertThat(cancels()).as("no one-cancels-other").isEmpty();
        assertThat(list.exits().get(1).isOpen()).isTrue();
        assertThat(list.isOpen()).isTrue();
        rig.cancelled(3, "by operator");
        assertThat(list.isOpen()).isFalse();
        assertThat(records()).containsExactly("L1 probe dropped=0 open", "L1 probe dropped=0 closed");
    }

    /** A journal whose contents the test sets as the real one would hold them at the moment it is read. */
    private static final class SettableJournal implements OrderJournal {
        List<Order> open = List.of();
        Map<ClientOrderId, OrderOwner> owners = Map.of();
        List<JournaledList> lists = List.of();

        @Override
        public JournalSnapshot snapshot() {
            return new JournalSnapshot(false, "o", 9, Money.ZERO, List.of(), open, Set.of());
        }

        @Override
        public void recordBaseline(Money cash, List<Position> positions, long timestampNanos) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<ClientOrderId, OrderOwner> owners() {
            return owners;
        }

        @Override
        public List<JournaledList> openOrderLists() {
            return lists;
        }
    }

    /**
     * A reload that replaces the instance (orders kept): the successor gets the list from the journal as
     * it stands, governs it alone (the retired instance's list is quiet), and places nothing again.
     */
    @Test
    void aReloadHandsTheListToTheNewInstanceWhichAloneGovernsIt() {
        rig.venue.nativeStops(true);
        SettableJournal journal = new SettableJournal();
        rig.journal = journal;
        rig.onEvent = (h, e) -> {
            if (e instanceof Quote && lists.isEmpty()) {
                lists.add(h.submit(OrderListSpec.bracket(ENTRY, TAKE, STOP)));
            }
        };
        StrategySettings keep = new StrategySettings("probe", Map.of(), n -> io.tradehost.api.config.PluginConfig
                .empty("s"), CycleMode.ON_MARK, java.time.Duration.ofSeconds(5), 5, java.time.Duration.ofMillis(5), 5,
                StrategySettings.DEFAULT_MAX_DECISION_LEVERAGE, false);
        rig.started(keep);
        rig.quote(BTC, "99.99", "100.01");
        rig.record(1);
        rig.accept(1);
        rig.fill(1, BTC, Side.BUY, "2", "100", "2");
        OrderRequest take = rig.record(2);
        rig.accept(2);
        OrderRequest stop = rig.record(3);
        rig.accept(3);
        OrderListSpec spec = OrderListSpec.bracket(ENTRY, TAKE, STOP);
        Order takeOrder = new Order(take, OrderStatus.ACCEPTED, Quantity.ZERO, "v2");
        Order stopOrder = new Order(stop, OrderStatus.ACCEPTED, Quantity.ZERO, "v3");
        journal.open = List.of(takeOrder, stopOrder);
        journal.owners = Map.of(take.clientOrderId(), new OrderOwner("probe", "tp", true, 0, false, null,
                new ListLink(1, 1)), stop.clientOrderId(), new OrderOwner("probe", "sl", true, 0, false, null,
                new ListLink(1, 2)));
        journal.lists = List.of(new JournaledList(1, "probe", spec.format(), 0, List.of(
                new JournaledList.Member(0, order("o-1", ENTRY, "2", OrderStatus.FILLED, "2")),
                new JournaledList.Member(1, takeOrder), new JournaledList.Member(2, stopOrder))));
        rig.lists.clear();

        rig.coordinator.reconfigure(keep, Set.of("probe"));
        rig.kernel.runUntilIdle();
        assertThat(rig.heard).endsWith("stop", "start [BTC-PERP, ETH-PERP] Restored[2 open order(s), 1 list(s), 0 "
                + "byte(s) of state]");
        OrderList successor = rig.lastRestored.orderLists().getFirst();
        assertThat(successor).isNotSameAs(lists.getFirst());
        assertThat(rig.intents).as("nothing placed again").hasSize(3);
        assertThat(rig.cancels).isEmpty();
        rig.fill(2, BTC, Side.SELL, "2", "110", "0");
        assertThat(cancels()).as("the new list cancels the stop, once").containsExactly(
                "o-3 one-cancels-other: another exit of list L1 (BRACKET of strategy 'probe') filled");
        assertThat(records()).as("open until the stop's cancel is confirmed").isEmpty();
        rig.cancelled(3, "one-cancels-other");
        assertThat(records()).as("only the new list records").containsExactly("L1 probe dropped=0 closed");
        assertThat(lists.getFirst().isOpen()).as("the retired list stays as it was, quiet").isTrue();
    }

    @Test
    void anExitRefusedBeforeTheRestartIsArmedAgainAtTheStart() {
        OrderListSpec spec = OrderListSpec.bracket(ENTRY, TAKE, STOP);
        SettableJournal journal = new SettableJournal();
        journal.lists = List.of(new JournaledList(2, "probe", spec.format(), 0, List.of(
                new JournaledList.Member(0, order("o-1", ENTRY, "2", OrderStatus.FILLED, "2")),
                new JournaledList.Member(1, order("o-2", spec.exits().getFirst(), "2", OrderStatus.CANCELLED, "0.5")),
                new JournaledList.Member(2, order("o-3", spec.exits().get(1), "2", OrderStatus.REJECTED, "0")))));
        rig.journal = journal;
        rig.onStart = h -> { };
        rig.started();
        assertThat(intents()).as("the stop for what is left: 2 less the 0.5 the take-profit filled")
                .containsExactly("SELL 1.5 STOP_MARKET stop 95 reduce L2#2 sl");
    }

    /**
     * On a spot product the venue holds the base currency for every resting sell: the stop-loss rests
     * (the protection stays the venue's while the host is down), the take-profit waits in the host. A
     * mark at the take-profit's price cancels the stop first, and once the venue confirmed, the
     * take-profit goes as the limit it is.
     */
    @Test
    void onASpotProductTheTakeProfitWaitsInTheHostAndFreesTheStopsFundsWhenItTriggers() {
        rig.venue = new io.tradehost.testkit.ScriptedVenue(List.of(io.tradehost.testkit.Fixtures.spot("BTC-PERP"),
                io.tradehost.testkit.Fixtures.perpetual("ETH-PERP")));
        rig.venue.nativeStops(true);
        startWith(h -> h.submit(OrderListSpec.bracket(ENTRY, TAKE, STOP)));
        OrderList list = lists.getFirst();
        rig.record(1);
        rig.accept(1);
        rig.fill(1, BTC, Side.BUY, "2", "100", "2");
        assertThat(intents()).as("only the stop goes to the venue").containsExactly("BUY 2 LIMIT @100 L1#0 in",
                "SELL 2 STOP_MARKET stop 95 reduce L1#2 sl");
        assertThat(list.exits().getFirst().status()).isEqualTo(io.tradehost.api.strategy.event.HandleStatus.WORKING);
        assertThat(list.exits().getFirst().clientOrderId()).isNull();
        rig.record(2);
        rig.accept(2);
        rig.quote(BTC, "109", "109.02"); // below the take-profit: nothing
        assertThat(rig.cancels).isEmpty();
        rig.quote(BTC, "110", "110.02"); // the mid 110.01 reaches it
        assertThat(cancels()).containsExactly("o-2 freeing the funds for tp, triggered");
        rig.quote(BTC, "110.1", "110.12"); // one exit fires at a time, and once
        assertThat(cancels()).hasSize(1);
        assertThat(intents()).hasSize(2);
        rig.cancelled(2, "freeing the funds");
        assertThat(intents()).as("the take-profit goes once the funds are free").endsWith(
                "SELL 2 LIMIT @110 reduce L1#1 tp");
        rig.record(3);
        rig.accept(3);
        rig.fill(3, BTC, Side.SELL, "2", "110", "0");
        assertThat(list.isOpen()).isFalse();
        assertThat(rig.heard).containsSubsequence("Accepted #2 WORKING 0/2", "Accepted #3 WORKING 0/2",
                "Cancelled #3 CANCELLED 0/2 freeing the funds", "Accepted #2 WORKING 0/2",
                "Filled #2 FILLED 2/2 2@110 complete");
        assertThat(records()).containsExactly("L1 probe dropped=0 open", "L1 probe dropped=0 closed");
    }

    @Test
    void onASpotProductAStopThatFillsWhileTheTakeProfitFiresCancelsTheTakeProfitInTheHost() {
        rig.venue = new io.tradehost.testkit.ScriptedVenue(List.of(io.tradehost.testkit.Fixtures.spot("BTC-PERP"),
                io.tradehost.testkit.Fixtures.perpetual("ETH-PERP")));
        rig.venue.nativeStops(true);
        startWith(h -> h.submit(OrderListSpec.bracket(ENTRY, TAKE, STOP)));
        OrderList list = lists.getFirst();
        rig.record(1);
        rig.fill(1, BTC, Side.BUY, "2", "100", "2");
        rig.record(2);
        rig.accept(2);
        rig.quote(BTC, "110", "110.02");
        rig.fill(2, BTC, Side.SELL, "2", "95", "0"); // the stop filled before the cancel reached it
        assertThat(list.exits().getFirst().status()).isEqualTo(io.tradehost.api.strategy.event.HandleStatus.CANCELLED);
        assertThat(intents()).hasSize(2);
        assertThat(list.isOpen()).isFalse();
        assertThat(records()).as("the cancelled take-profit is journaled dropped: a restart does not arm it")
                .containsExactly("L1 probe dropped=0 open", "L1 probe dropped=2 open", "L1 probe dropped=2 closed");
    }

    @Test
    void aRefusedExitIsNotArmedAgainOnceTheListIsOverOrTheStrategyCancelledIt() {
        startWith(h -> h.submit(OrderListSpec.bracket(ENTRY, TAKE, STOP)));
        OrderList list = lists.getFirst();
        rig.portfolio.position(new Position(BTC, TWO, Money.ZERO, Money.ZERO, Money.ZERO));
        rig.record(1);
        rig.fill(1, BTC, Side.BUY, "2", "100", "2");
        rig.record(2);
        rig.accept(2);
        rig.publish(new io.tradehost.api.event.IntentRejected(rig.intents.get(2), "guard",
                io.tradehost.api.order.RejectionCode.of("ORDER_RATE"), "too many orders"));
        rig.fill(2, BTC, Side.SELL, "2", "110", "0"); // the take-profit fills during the backoff
        rig.advance(java.time.Duration.ofSeconds(2));
        assertThat(intents()).as("the refused stop is not armed again").hasSize(3);
        assertThat(list.isOpen()).isFalse();

        EventListsTest again = new EventListsTest();
        again.startWith(h -> h.submit(OrderListSpec.bracket(ENTRY, TAKE, STOP)));
        OrderList second = again.lists.getFirst();
        again.rig.portfolio.position(new Position(BTC, TWO, Money.ZERO, Money.ZERO, Money.ZERO));
        again.rig.record(1);
        again.rig.fill(1, BTC, Side.BUY, "2", "100", "2");
        again.rig.record(2);
        again.rig.publish(new io.tradehost.api.event.IntentRejected(again.rig.intents.get(2), "guard",
                io.tradehost.api.order.RejectionCode.of("ORDER_RATE"), "too many orders"));
        again.rig.onEvent = (h, e) -> {
            if (e instanceof Quote) {
                h.cancel(second.exits().get(1));
            }
        };
        again.rig.quote(BTC, "100", "100.02");
        again.rig.advance(java.time.Duration.ofSeconds(2));
        assertThat(again.intents()).as("cancelled by its strategy while refused: not armed again").hasSize(3);
        assertThat(again.records()).last().isEqualTo("L1 probe dropped=4 open");
    }

    /**
     * Scaling in: two brackets on one position, each protecting its own entry's fills. A partial
     * take-profit of the first shrinks only the first's stop; the second's stop filling cancels only
     * the second's take-profit.
     */
    @Test
    void twoListsOnOnePositionEachProtectTheirOwnEntry() {
        rig.venue.nativeStops(true);
        OrderSpec entry2 = OrderSpec.limit(BTC, Side.BUY, Quantity.of("1"), Price.of("102")).withTag("in2");
        startWith(h -> h.submit(OrderListSpec.bracket(ENTRY.withQuantity(Quantity.of("1")),
                TAKE.withQuantity(Quantity.of("1")), STOP.withQuantity(Quantity.of("1")))));
        rig.onEvent = (h, e) -> {
            if (e instanceof Quote && lists.size() == 1) {
                lists.add(h.submit(OrderListSpec.bracket(entry2, OrderSpec.limit(BTC, Side.SELL, Quantity.of("1"),
                        Price.of("112")).withTag("tp2"), OrderSpec.stop(BTC, Side.SELL, Quantity.of("1"),
                        Price.of("97")).withTag("sl2"))));
            }
        };
        rig.quote(BTC, "101", "101.02");
        rig.record(1);
        rig.record(2);
        rig.fill(1, BTC, Side.BUY, "1", "100", "1");
        rig.fill(2, BTC, Side.BUY, "1", "102", "2");
        for (int i = 3; i <= 6; i++) {
            rig.record(i);
            rig.accept(i);
        }
        rig.fill(3, BTC, Side.SELL, "0.4", "110", "1.6"); // the first take-profit, in part
        rig.cancelled(4, "modify");
        rig.record(7);
        rig.fill(6, BTC, Side.SELL, "1", "97", "0.6"); // the second stop, wholly
        rig.cancelled(5, "one-cancels-other");

        assertThat(intents()).containsExactly("BUY 1 LIMIT @100 L1#0 in", "BUY 1 LIMIT @102 L2#0 in2",
                "SELL 1 LIMIT @110 reduce L1#1 tp", "SELL 1 STOP_MARKET stop 95 reduce L1#2 sl",
                "SELL 1 LIMIT @112 reduce L2#1 tp2", "SELL 1 STOP_MARKET stop 97 reduce L2#2 sl2",
                "SELL 0.6 STOP_MARKET stop 95 reduce L1#2 sl");
        assertThat(cancels()).containsExactly("o-4 modify",
                "o-5 one-cancels-other: another exit of list L2 (BRACKET of strategy 'probe') filled");
        assertThat(lists.get(0).isOpen()).as("the first still protects its 0.6").isTrue();
        assertThat(lists.get(0).exits().get(1).remaining()).isEqualTo(Quantity.of("0.6"));
        assertThat(lists.get(1).isOpen()).isFalse();
    }
}
