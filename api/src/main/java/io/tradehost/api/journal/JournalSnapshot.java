package io.tradehost.api.journal;

import io.tradehost.api.order.Order;
import io.tradehost.api.order.Position;
import io.tradehost.api.state.StateReason;
import io.tradehost.api.value.Money;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a journal holds. Immutable.
 *
 * @param fresh whether the journal has no books yet (first start on this data)
 * @param runId the run identity that prefixes every client order id written to this journal
 * @param lastSequence the highest order sequence recorded; the next order uses one more
 * @param cash cash in quote currency; zero when fresh
 * @param positions every position booked, flat ones too (they carry realised PnL and fees), in symbol order
 * @param openOrders orders not yet terminal, oldest first
 * @param openOrderTradeIds trade ids of the fills already recorded for {@code openOrders}
 * @param activeReasons trading-state reasons active when the journal last heard, oldest first
 */
public record JournalSnapshot(boolean fresh, String runId, long lastSequence, Money cash, List<Position> positions,
                              List<Order> openOrders, Set<String> openOrderTradeIds, List<StateReason> activeReasons) {
    /** A snapshot without active reasons. */
    public JournalSnapshot(boolean fresh, String runId, long lastSequence, Money cash, List<Position> positions,
                           List<Order> openOrders, Set<String> openOrderTradeIds) {
        this(fresh, runId, lastSequence, cash, positions, openOrders, openOrderTradeIds, List.of());
    }

    public JournalSnapshot {
        activeReasons = List.copyOf(activeReasons);
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(cash, "cash");
        positions = List.copyOf(positions);
        openOrders = List.copyOf(openOrders);
        openOrderTradeIds = Set.copyOf(openOrderTradeIds);
    }
}
