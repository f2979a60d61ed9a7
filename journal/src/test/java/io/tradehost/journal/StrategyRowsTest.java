package io.tradehost.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.api.command.RecordIntent;
import io.tradehost.api.command.RecordOrderList;
import io.tradehost.api.command.RecordStrategyState;
import io.tradehost.api.event.Event;
import io.tradehost.api.event.OrderAccepted;
import io.tradehost.api.event.OrderCancelled;
import io.tradehost.api.event.OrderSubmitted;
import io.tradehost.api.event.StopMoved;
import io.tradehost.api.journal.OrderOwner;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.ListLink;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.Trail;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.value.TimeInForce;
import io.tradehost.kernel.VirtualClock;
import io.tradehost.testkit.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who asked for each order and what each strategy saved: kept in the journal, read back at a restart. */
class StrategyRowsTest {
    private static final Symbol BTC = Symbol.of("BTC-PERP");

    @TempDir
    Path dir;

    private final VirtualClock clock = new VirtualClock(Fixtures.EPOCH);
    private final List<Event> heard = new ArrayList<>();
    private SqlJournal journal;

    private JournalStore store;

    /** The store under test, made once per test: a SQLite file here. */
    JournalStore newStore() {
        return JournalStore.file(dir.resolve("journal.db"));
    }

    private SqlJournal reopen() {
        if (store == null) {
            store = newStore();
        }
        if (journal != null) {
            journal.close();
        }
        journal = SqlJournal.inline(store, "r1", heard::add, clock);
        return journal;
    }

    @AfterEach
    void close() {
        if (journal != null) {
            journal.close();
        }
    }

    private static OrderRequest buy(String id) {
        return OrderRequest.market(ClientOrderId.of(id), BTC, Side.BUY, Quantity.of("1"));
    }

    @Test
    void theOwnersOfOpenOrdersSurviveARestartAndLeaveWithTheOrder() {
        reopen().recordBaseline(Money.ofUnits(1000), List.of(), 1);
        OrderOwner maker = new OrderOwner("market-maker", "mm-bid", true, 1_767_571_260_000_000_000L);
        journal.record(new RecordIntent(buy("r1-1"), 1, 1, 10, maker));
        journal.record(new RecordIntent(buy("r1-2"), 2, 2, 10, new OrderOwner("ma-crossover", "cross up", false)));
        journal.record(new RecordIntent(buy("r1-3"), 3, 3, 10));
        journal.onAccepted(new OrderAccepted(ClientOrderId.of("r1-1"), BTC, "v1", 11));
        Map<ClientOrderId, OrderOwner> expected = Map.of(ClientOrderId.of("r1-1"), maker, ClientOrderId.of("r1-2"),
                new OrderOwner("ma-crossover", "cross up", false));
        assertThat(journal.owners()).isEqualTo(expected);
        assertThat(reopen().owners()).as("read back from the file").isEqualTo(expected);
        journal.onCancelled(new OrderCancelled(ClientOrderId.of("r1-1"), BTC, "cancelled", 12));
        assertThat(journal.owners()).containsOnlyKeys(ClientOrderId.of("r1-2"));
        assertThat(reopen().owners()).containsOnlyKeys(ClientOrderId.of("r1-2"));
    }

    @Test
    void aStopTheHostHoldsIsKeptAsHeldAcrossARestartAlsoWhenNoStrategyAskedForIt() {
        reopen().recordBaseline(Money.ofUnits(1000), List.of(), 1);
        OrderOwner held = new OrderOwner("trend", "stop-loss", true).asHeldByHost();
        OrderOwner nobodysHeld = OrderOwner.NONE.asHeldByHost();
        journal.record(new RecordIntent(buy("r1-1"), 1, 1, 10, held));
        journal.record(new RecordIntent(buy("r1-2"), 2, 2, 10, nobodysHeld));
        Map<ClientOrderId, OrderOwner> expected = Map.of(ClientOrderId.of("r1-1"), held, ClientOrderId.of("r1-2"),
                nobodysHeld);
        assertThat(reopen().owners()).isEqualTo(expected);
        assertThat(expected.values()).allMatch(OrderOwner::heldByHost);
        journal.onSubmitted(new OrderSubmitted(buy("r1-1"), 1, 30)); // triggered and sent: held no more
        assertThat(journal.owners().get(ClientOrderId.of("r1-1"))).isEqualTo(new OrderOwner("trend", "stop-loss",
                true));
        assertThat(reopen().owners().get(ClientOrderId.of("r1-1")).heldByHost()).isFalse();
        assertThat(journal.owners().get(ClientOrderId.of("r1-2")).heldByHost()).isTrue();
    }

    @Test
    void aTrailingStopsMovesAndItsActivatedTrailAreKeptAcrossARestart() {
        reopen().recordBaseline(Money.ofUnits(1000), List.of(), 1);
        OrderRequest stop = new OrderRequest(ClientOrderId.of("r1-1"), BTC, Side.SELL, OrderType.STOP_MARKET,
                Quantity.of("1"), null, TimeInForce.GTC, true, false, Price.of("98"));
        Trail waiting = Trail.byOffset(Price.of("2")).activatingAt(Price.of("101"));
        journal.record(new RecordIntent(stop, 1, 1, 10, new OrderOwner("trend", "trail", true).asHeldByHost()
                .withTrail(waiting)));
        assertThat(reopen().owners().get(stop.clientOrderId()).trail()).isEqualTo(waiting);
        journal.onStopMoved(new StopMoved(stop.clientOrderId(), BTC, Price.of("99.5"), waiting.activated(), 20));
        journal.onStopMoved(new StopMoved(ClientOrderId.of("r1-9"), BTC, Price.of("1"), waiting, 21)); // unknown
        SqlJournal again = reopen();
        assertThat(again.owners().get(stop.clientOrderId()).trail()).isEqualTo(Trail.byOffset(Price.of("2")));
        assertThat(again.snapshot().openOrders()).singleElement().satisfies(o -> assertThat(o.request().stopPrice())
                .isEqualTo(Price.of("99.5")));
    }

    @Test
    void theLastStateEachStrategySavedSurvivesARestartAsACopy() {
        reopen().recordBaseline(Money.ofUnits(1000), List.of(), 1);
        journal.recordState(new RecordStrategyState("pairs", new byte[] {1, 2}, 5));
        journal.recordState(new RecordStrategyState("pairs", new byte[] {3}, 6));
        journal.recordState(new RecordStrategyState("market-maker", new byte[0], 6));
        journal.strategyStates().get("pairs")[0] = 9;
        assertThat(journal.strategyStates().get("pairs")).containsExactly(3);
        Map<String, byte[]> read = reopen().strategyStates();
        assertThat(read).containsOnlyKeys("pairs", "market-maker");
        assertThat(read.get("pairs")).containsExactly(3);
        assertThat(read.get("market-maker")).isEmpty();
        assertThat(heard).isEmpty();
    }

    @Test
    void aContingentListAndItsOrdersOpenOrClosedComeBackUntilTheListCloses() {
        reopen().recordBaseline(Money.ofUnits(1000), List.of(), 1);
        journal.recordOrderList(new RecordOrderList(3, "bar-trend", "entry=1;oco=1\nspec", 0, true, 5));
        journal.recordOrderList(new RecordOrderList(4, "bar-trend", "other", 0, true, 5));
        OrderOwner entry = new OrderOwner("bar-trend", "in", true, 0, false, null,
                new ListLink(3, 0, ListLink.Role.ENTRY));
        OrderOwner stop = new OrderOwner("bar-trend", "sl", true, 0, true, null,
                new ListLink(3, 2, ListLink.Role.STOP));
        journal.record(new RecordIntent(buy("r1-1"), 1, 1, 10, entry));
        journal.record(new RecordIntent(buy("r1-2"), 2, 2, 11, stop));
        journal.onPositionChanged(new io.tradehost.api.event.PositionChanged(io.tradehost.api.order.Position.flat(BTC)
                .apply(Side.BUY, Quantity.of("1"), Price.of("100"), Money.ZERO), new io.tradehost.api.order.Fill("t1",
                ClientOrderId.of("r1-1"), BTC, Side.BUY, Quantity.of("1"), Price.of("100"), Money.ZERO,
                io.tradehost.api.order.Liquidity.TAKER, 12), Money.of("900")));
        journal.recordOrderList(new RecordOrderList(4, "bar-trend", "other", 2, false, 13));

        assertThat(lists(journal)).as("kept current as the orders move").isEqualTo(lists(reopen()));
        journal.onReconciled(new io.tradehost.api.event.OrderReconciled(new io.tradehost.api.order.Order(buy("r1-2"),
                io.tradehost.api.order.OrderStatus.ACCEPTED, Quantity.ZERO, "v2"), false, "seen at the venue", 13));
        assertThat(lists(journal)).containsExactly("0 r1-1 FILLED 1", "2 r1-2 ACCEPTED 0");
        assertThat(lists(reopen())).containsExactly("0 r1-1 FILLED 1", "2 r1-2 ACCEPTED 0");
        SqlJournal read = journal;
        assertThat(read.lastOrderListId()).isEqualTo(4);
        assertThat(read.owners().get(ClientOrderId.of("r1-2"))).isEqualTo(stop);
        assertThat(read.openOrderLists()).singleElement().satisfies(list -> {
            assertThat(list.id()).isEqualTo(3);
            assertThat(list.strategy()).isEqualTo("bar-trend");
            assertThat(list.spec()).isEqualTo("entry=1;oco=1\nspec");
            assertThat(list.orders()).extracting(m -> m.member() + " " + m.order().clientOrderId().value() + " "
                    + m.order().status() + " " + m.order().filledQuantity())
                    .as("the entry filled and closed is there: its fills size the exits")
                    .containsExactly("0 r1-1 FILLED 1", "2 r1-2 ACCEPTED 0");
        });
        journal.recordOrderList(new RecordOrderList(3, "bar-trend", "entry=1;oco=1\nspec", 2, false, 14));
        assertThat(journal.openOrderLists()).isEmpty();
        assertThat(reopen().openOrderLists()).isEmpty();
        assertThat(journal.lastOrderListId()).isEqualTo(4);
    }

    /** Each open list's orders as "member id status filled". */
    private static List<String> lists(SqlJournal j) {
        return j.openOrderLists().stream().flatMap(l -> l.orders().stream()).map(m -> m.member() + " "
                + m.order().clientOrderId().value() + " " + m.order().status() + " " + m.order().filledQuantity())
                .toList();
    }

    @Test
    void anOrderLinkedToAListWhoseRecordFailedStillKeepsItsNumberFromBeingTakenAgain() {
        reopen().recordBaseline(Money.ofUnits(1000), List.of(), 1);
        journal.record(new RecordIntent(buy("r1-1"), 1, 1, 10, new OrderOwner("s", "", true, 0, false, null,
                new ListLink(9, 0))));
        assertThat(reopen().lastOrderListId()).isEqualTo(9);
        assertThat(journal.openOrderLists()).isEmpty();
    }
}
