package io.tradehost.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.api.command.RecordIntent;
import io.tradehost.api.event.OrderAccepted;
import io.tradehost.api.event.OrderAmended;
import io.tradehost.api.event.OrderCancelled;
import io.tradehost.api.event.OrderReconciled;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.OrderStatus;
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
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An order amended in place keeps its new terms in the journal: as the venue confirmed them, and as
 * reconciliation found them after an amend whose answer the host never heard. A restart reads them.
 */
class AmendJournalTest {
    private static final Symbol BTC = Symbol.of("BTC-PERP");
    private static final ClientOrderId ID = ClientOrderId.of("r1-1");

    @TempDir
    Path dir;

    private final VirtualClock clock = new VirtualClock(Fixtures.EPOCH);
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
        journal = SqlJournal.inline(store, "r1", e -> { }, clock);
        return journal;
    }

    @AfterEach
    void close() {
        if (journal != null) {
            journal.close();
        }
    }

    private static OrderRequest bid(String quantity, String price) {
        return new OrderRequest(ID, BTC, Side.BUY, OrderType.LIMIT, Quantity.of(quantity), Price.of(price),
                TimeInForce.GTC, false, true);
    }

    private void resting() {
        reopen().recordBaseline(Money.ofUnits(1000), List.of(), 1);
        journal.record(new RecordIntent(bid("2", "99"), 1, 1, 10));
        journal.onAccepted(new OrderAccepted(ID, BTC, "v-1", 11));
    }

    @Test
    void anAmendedOrderRestartsWithItsNewPriceAndQuantity() {
        resting();
        journal.onAmended(new OrderAmended(ID, BTC, Price.of("98.5"), Quantity.of("3"), 12));
        List<Order> live = journal.snapshot().openOrders();
        assertThat(live).containsExactly(new Order(bid("3", "98.5"), OrderStatus.ACCEPTED, Quantity.ZERO, "v-1"));
        assertThat(reopen().snapshot().openOrders()).isEqualTo(live);
    }

    @Test
    void anAmendHeardAfterTheOrderClosedChangesNothing() {
        resting();
        journal.onCancelled(new OrderCancelled(ID, BTC, "gone", 12));
        journal.onAmended(new OrderAmended(ID, BTC, Price.of("98.5"), Quantity.of("3"), 13));
        assertThat(reopen().snapshot().openOrders()).isEmpty();
    }

    @Test
    void reconciliationTakesTheTermsTheVenueHoldsForALimitOrder() {
        resting();
        journal.onReconciled(new OrderReconciled(new Order(bid("5", "97"), OrderStatus.ACCEPTED, Quantity.ZERO, "v-1"),
                false, "amended at the venue", 20));
        assertThat(reopen().snapshot().openOrders()).containsExactly(new Order(bid("5", "97"), OrderStatus.ACCEPTED,
                Quantity.ZERO, "v-1"));
    }

    @Test
    void reconciliationKeepsTheJournalsTermsWhenTheVenueReportsTheOrderAsAnotherType() {
        resting();
        OrderRequest asMarket = new OrderRequest(ID, BTC, Side.BUY, OrderType.MARKET, Quantity.of("7"), null,
                TimeInForce.GTC, false, false);
        journal.onReconciled(new OrderReconciled(new Order(asMarket, OrderStatus.PARTIALLY_FILLED, Quantity.of("1"),
                "v-1"), false, "partly filled", 20));
        Order restored = reopen().snapshot().openOrders().getFirst();
        assertThat(restored.request()).isEqualTo(bid("2", "99"));
        assertThat(restored.filledQuantity()).isEqualTo(Quantity.of("1"));
    }
}
