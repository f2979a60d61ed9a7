package io.tradehost.api.journal;

import io.tradehost.api.order.Position;
import io.tradehost.api.value.Money;
import io.tradehost.api.order.ClientOrderId;
import java.util.List;
import java.util.Map;
import java.util.Set;
/**
 * The host's durable record of its orders, fills, positions, cash and trading-state transitions,
 * which a restart starts from and reconciliation compares against the venue. Order intents reach
 * it as {@link io.tradehost.api.command.RecordIntent} commands before they reach the venue;
 * everything else it records from the events it hears. Kernel thread only; no method blocks longer
 * than a bounded hand-off to the writer.
 */
public interface OrderJournal {
    /** What the journal holds now, including writes handed off but not yet durable. */
    JournalSnapshot snapshot();

    /** Records the books a fresh journal starts from (the venue's account at the first start). */
    void recordBaseline(Money cash, List<Position> positions, long timestampNanos);

    /** Who asked for each open order (orders without an owner are absent). */
    default Map<ClientOrderId, OrderOwner> owners() {
        return Map.of();
    }

    /** The last state each event-driven strategy saved, by strategy name (copies). */
    default Map<String, byte[]> strategyStates() {
        return Map.of();
    }

    /**
     * The contingent order lists open when the journal was opened (those closed since left out), with
     * their orders, by list number.
     */
    default List<JournaledList> openOrderLists() {
        return List.of();
    }

    /** The highest list number ever journaled; a new list takes one more. */
    default long lastOrderListId() {
        return 0;
    }

    /** Ids of every funding payment booked, so a payment heard again after a restart is not booked twice. */
    default Set<String> fundingPaymentIds() {
        return Set.of();
    }
}
