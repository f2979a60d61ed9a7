package io.tradehost.journal;

import io.tradehost.api.journal.JournalSnapshot;
import io.tradehost.api.journal.JournaledList;
import io.tradehost.api.journal.OrderOwner;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.Position;
import io.tradehost.api.state.StateReason;
import io.tradehost.api.value.Money;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a journal file holds, as read from disk. Immutable.
 *
 * @param runId the journal's run id
 * @param fresh whether it has no books yet
 * @param lastSequence the highest order sequence recorded
 * @param cash cash in quote currency (zero when fresh)
 * @param positions every position booked, flat ones too (they carry realised PnL and fees), in symbol order
 * @param openOrders orders not yet terminal, oldest first
 * @param openOrderTrades trade ids recorded for each open order
 * @param activeReasons trading-state reasons active when the journal last heard
 * @param fundingIds ids of every funding payment booked
 * @param owners who asked for each open order
 * @param strategyStates the last state each strategy saved
 * @param orderLists the contingent lists open, with their orders
 * @param lastListId the highest contingent list number
 */
public record JournalContents(String runId, boolean fresh, long lastSequence, Money cash, List<Position> positions,
                              List<Order> openOrders, Map<ClientOrderId, Set<String>> openOrderTrades,
                              List<StateReason> activeReasons, Set<String> fundingIds,
                              Map<ClientOrderId, OrderOwner> owners, Map<String, byte[]> strategyStates,
                              List<JournaledList> orderLists, long lastListId) {
    public JournalContents {
        orderLists = List.copyOf(orderLists);
        owners = Map.copyOf(owners);
        strategyStates = Map.copyOf(strategyStates);
        fundingIds = Set.copyOf(fundingIds);
        activeReasons = List.copyOf(activeReasons);
        positions = List.copyOf(positions);
        openOrders = List.copyOf(openOrders);
        openOrderTrades = Map.copyOf(openOrderTrades);
    }

    /** The same, as the api's snapshot. */
    public JournalSnapshot snapshot() {
        return new JournalSnapshot(fresh, runId, lastSequence, cash, positions, openOrders,
                openOrderTrades.values().stream().flatMap(Set::stream).collect(Collectors.toSet()), activeReasons);
    }

    /**
     * Reads everything; when the journal has no run id yet, records {@code proposedRunId} unless another
     * host sharing the journal recorded its own first (a null proposal reads without writing and reports an
     * empty run id).
     */
    static JournalContents load(Connection c, String proposedRunId) throws SQLException {
        String runId = Rows.meta(c, "run_id");
        if (runId == null && proposedRunId != null) {
            Rows.putMetaIfAbsent(c, "run_id", proposedRunId);
            runId = Rows.meta(c, "run_id");
        }
        Money cash = Rows.cash(c);
        List<Order> open = Rows.openOrders(c);
        return new JournalContents(runId == null ? "" : runId, cash == null, Rows.lastSequence(c),
                cash == null ? Money.ZERO : cash, Rows.positions(c), open, Rows.tradesOf(c, open),
                Rows.activeReasons(c), Rows.fundingIds(c), StrategyRows.openOwners(c), StrategyRows.states(c),
                ListRows.open(c), ListRows.lastId(c));
    }
}
