package io.tradehost.admin.snapshot;

import io.tradehost.api.host.Health;
import io.tradehost.api.host.HealthStatus;
import io.tradehost.api.host.OrderCounters;
import io.tradehost.api.journal.OrderOwner;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.Position;
import io.tradehost.api.state.StateReason;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Symbol;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the host looked like at one instant, taken on the kernel thread and read by any other.
 * Immutable; every collection is a copy.
 *
 * @param sequence the publisher's running number, from 1
 * @param hostNanos host clock time it was taken
 * @param realNanos {@link System#nanoTime()} when it was taken, to tell a stalled kernel
 * @param runId the run's id
 * @param venue the venue plugin's name
 * @param state the host-wide trading state
 * @param symbolStates each traded symbol's effective state
 * @param reasons the active reasons, oldest first
 * @param cash quote-currency cash
 * @param equity cash plus positions at the marks
 * @param grossExposure sum of |position value| at the marks
 * @param orders order outcome counts
 * @param symbols one row per traded symbol
 * @param openOrders orders not yet terminal, oldest first
 * @param owners who asked for the open orders (strategy, tag, held by handle); orders no strategy asked
 *     for are absent
 * @param health every component's health, coordinators first
 * @param kernel the kernel's figures
 * @param journal the journal's figures
 * @param counters running totals the coordinators publish, by name ({@code <coordinator>.<total>}, e.g. {@code strategy.cycles})
 * @param droppedQuotes quotes telemetry refused, by reason
 * @param venueCalls calls into the venue by operation
 * @param venueErrors failed venue calls by operation, then rejection code
 * @param activity what recently happened
 * @param summaryJson the run summary as {@code run} prints it at the end, as JSON: written when
 *     asked for, on the asking thread, from values taken with the snapshot (immutable)
 */
public record HostSnapshot(long sequence, long hostNanos, long realNanos, String runId, String venue,
                           TradingState state, Map<Symbol, TradingState> symbolStates, List<StateReason> reasons,
                           Money cash, Money equity, Money grossExposure, OrderCounters orders,
                           List<SymbolRow> symbols, List<Order> openOrders, Map<ClientOrderId, OrderOwner> owners,
                           List<Health> health,
                           KernelFigures kernel, JournalFigures journal, Map<String, Long> counters,
                           Map<String, Long> droppedQuotes, Map<String, Long> venueCalls,
                           Map<String, Map<String, Long>> venueErrors, Activity activity, Supplier<String> summaryJson) {

    public HostSnapshot {
        symbolStates = Map.copyOf(symbolStates);
        reasons = List.copyOf(reasons);
        symbols = List.copyOf(symbols);
        openOrders = List.copyOf(openOrders);
        owners = Map.copyOf(owners);
        health = List.copyOf(health);
        counters = Map.copyOf(counters);
        droppedQuotes = Map.copyOf(droppedQuotes);
        venueCalls = Map.copyOf(venueCalls);
        venueErrors = Map.copyOf(venueErrors);
    }

    /**
     * One traded symbol.
     *
     * @param symbol the symbol
     * @param position the booked position (flat if none)
     * @param mark the last mark, or null if none arrived
     * @param markAgeNanos host time since that mark, or -1 without one
     * @param notional the position's value at the mark (signed; zero without a mark)
     * @param unrealizedPnl of the open size at the mark (zero without a mark)
     */
    public record SymbolRow(Symbol symbol, Position position, Price mark, long markAgeNanos, Money notional,
                            Money unrealizedPnl) {
    }

    /**
     * @param dispatched messages dispatched so far
     * @param queueDepth messages waiting
     * @param handlerFailures handler and timer failures caught so far
     * @param failuresByHandler those failures by handler name
     */
    public record KernelFigures(long dispatched, int queueDepth, long handlerFailures,
                                Map<String, Long> failuresByHandler) {
        public KernelFigures {
            failuresByHandler = Map.copyOf(failuresByHandler);
        }
    }

    /**
     * @param backlog writes handed to the writer and not yet applied
     * @param failedWrites writes that failed so far
     */
    public record JournalFigures(int backlog, long failedWrites) {
    }

    /** The worst status of every component. */
    public HealthStatus worstHealth() {
        HealthStatus worst = HealthStatus.HEALTHY;
        for (Health h : health) {
            worst = worst.worst(h.status());
        }
        return worst;
    }
}
