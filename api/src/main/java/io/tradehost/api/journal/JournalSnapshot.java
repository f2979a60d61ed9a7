package io.tradehost.api.journal;

import io.tradehost.api.order.Order;
import io.tradehost.api.order.Position;
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
 */
public record JournalSnapshot(boolean fresh, String runId, long lastSequence, Money cash, List<Position> positions,
                              List<Order> openOrders, Set<String> openOrderTradeIds) {
    public JournalSnapshot {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(cash, "cash");
        positions = List.copyOf(positions);
        openOrders = List.copyOf(openOrders);
        openOrderTradeIds = Set.copyOf(openOrderTradeIds);
    }
}
