package io.tradehost.journal;

import io.tradehost.api.command.RecordIntent;
import io.tradehost.api.command.RecordOrderList;
import io.tradehost.api.event.FundingBooked;
import io.tradehost.api.event.OrderAccepted;
import io.tradehost.api.event.OrderAmended;
import io.tradehost.api.event.OrderCancelled;
import io.tradehost.api.event.OrderReconciled;
import io.tradehost.api.event.OrderRejected;
import io.tradehost.api.event.OrderSubmitted;
import io.tradehost.api.event.PositionChanged;
import io.tradehost.api.event.StopMoved;
import io.tradehost.api.journal.JournaledList;
import io.tradehost.api.journal.OrderOwner;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.FundingPayment;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.OrderStatus;
import io.tradehost.api.order.Position;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Symbol;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The journal's books of orders, fills, positions, cash and funding: the in-memory copy a snapshot reads
 * (open orders, their trades and owners, positions, cash, the sequence, contingent lists), kept up as
 * each event arrives, and the write of each change handed to {@link JournalWrites}. Kernel thread only.
 */
final class OpenBooks {
    private final JournalWrites writes;
    private final String runId;
    private final Map<ClientOrderId, Order> open = new LinkedHashMap<>();
    private final Map<ClientOrderId, Set<String>> openTrades = new HashMap<>();
    private final Map<Symbol, Position> positions = new TreeMap<>();
    private final Set<String> fundingIds = new HashSet<>();
    private final Map<ClientOrderId, OrderOwner> owners = new LinkedHashMap<>();
    private final ListBook lists;
    private long lastListId;
    private long lastSequence;
    private Money cash;

    OpenBooks(JournalContents contents, JournalWrites writes) {
        this.writes = writes;
        this.runId = contents.runId();
        this.lastSequence = contents.lastSequence();
        this.cash = contents.cash();
        contents.positions().forEach(p -> positions.put(p.symbol(), p));
        contents.openOrders().forEach(o -> open.put(o.clientOrderId(), o));
        contents.openOrderTrades().forEach((id, trades) -> openTrades.put(id, new HashSet<>(trades)));
        fundingIds.addAll(contents.fundingIds());
        owners.putAll(contents.owners());
        lists = new ListBook(contents.orderLists());
        lastListId = contents.lastListId();
    }

    long lastSequence() {
        return lastSequence;
    }

    Money cash() {
        return cash;
    }

    List<Position> positions() {
        return List.copyOf(positions.values());
    }

    List<Order> openOrders() {
        return List.copyOf(open.values());
    }

    Set<String> openTradeIds() {
        return openTrades.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
    }

    Map<ClientOrderId, OrderOwner> owners() {
        return Map.copyOf(owners);
    }

    List<JournaledList> openLists() {
        return lists.open();
    }

    long lastListId() {
        return lastListId;
    }

    /** The starting books of a fresh journal (their write is the caller's). */
    void baseline(Money startingCash, List<Position> startingPositions) {
        cash = startingCash;
        startingPositions.forEach(p -> positions.put(p.symbol(), p));
    }

    /** An intent's order, open from now on (its write is the caller's). */
    void intent(RecordIntent command) {
        OrderRequest request = command.request();
        lastSequence = Math.max(lastSequence, command.sequence());
        Order submitted = new Order(request, OrderStatus.SUBMITTED, Quantity.ZERO, null);
        open.put(request.clientOrderId(), submitted);
        if (!command.owner().equals(OrderOwner.NONE)) {
            owners.put(request.clientOrderId(), command.owner());
        }
        lists.intent(submitted, command.owner());
    }

    /** A contingent list as its strategy's host holds it now (its write is the caller's). */
    void listRecorded(RecordOrderList command) {
        lastListId = Math.max(lastListId, command.listId());
        lists.recorded(command);
    }

    void accepted(OrderAccepted a) {
        transition(a.clientOrderId(), OrderStatus.ACCEPTED, a.venueOrderId(), null, a.timestampNanos());
    }

    void rejected(OrderRejected r) {
        transition(r.clientOrderId(), OrderStatus.REJECTED, null, r.code() + ": " + r.message(), r.timestampNanos());
    }

    void amended(OrderAmended a) {
        Order order = open.get(a.clientOrderId());
        if (order == null) {
            return;
        }
        // a fill reported before the amend it followed may have taken the order to its new total
        OrderStatus status = order.filledQuantity().isLessThan(a.quantity()) ? order.status() : OrderStatus.FILLED;
        keep(new Order(order.request().amended(a.limitPrice(), a.quantity()), status, order.filledQuantity(),
                order.venueOrderId()));
        writes.write("amended " + a.clientOrderId(), c -> Rows.updateTerms(c, a, status, a.timestampNanos()), null);
    }

    void submitted(OrderSubmitted submitted) {
        ClientOrderId id = submitted.request().clientOrderId();
        OrderOwner owner = owners.get(id);
        if (owner == null || !owner.heldByHost()) {
            return;
        }
        owners.put(id, new OrderOwner(owner.strategy(), owner.tag(), owner.managed(), owner.expireAtNanos(), false,
                owner.trail(), owner.list()));
        writes.hostOnly("triggered " + id, c -> StrategyRows.triggered(c, id), null);
    }

    void stopMoved(StopMoved moved) {
        Order order = open.get(moved.clientOrderId());
        if (order == null) {
            return;
        }
        OrderRequest r = order.request();
        keep(new Order(new OrderRequest(r.clientOrderId(), r.symbol(), r.side(), r.type(), r.quantity(), r.limitPrice(),
                r.timeInForce(), r.reduceOnly(), r.postOnly(), moved.stopPrice()), order.status(),
                order.filledQuantity(), order.venueOrderId()));
        owners.computeIfPresent(moved.clientOrderId(), (id, owner) -> owner.withTrail(moved.trail()));
        writes.hostOnly("stop moved " + moved.clientOrderId(), c -> StrategyRows.moveStop(c, moved), null);
    }

    void cancelled(OrderCancelled c) {
        transition(c.clientOrderId(), OrderStatus.CANCELLED, null, c.reason(), c.timestampNanos());
    }

    void funding(FundingBooked booked) {
        FundingPayment payment = booked.payment();
        fundingIds.add(payment.id());
        cash = booked.cash();
        writes.write("funding " + payment.id(), c -> {
            Rows.insertFunding(c, payment);
            Rows.saveCash(c, booked.cash(), payment.timestampNanos());
        }, null);
    }

    Set<String> fundingIds() {
        return Set.copyOf(fundingIds);
    }

    private void transition(ClientOrderId id, OrderStatus next, String venueOrderId, String note, long nanos) {
        Order order = open.get(id);
        if (order == null || !order.status().canMoveTo(next)) {
            return;
        }
        Order moved = new Order(order.request(), next, order.filledQuantity(),
                venueOrderId != null ? venueOrderId : order.venueOrderId());
        keep(moved);
        writes.write(next + " " + id, c -> Rows.updateStatus(c, id, next, venueOrderId, note, nanos), null);
    }

    void fill(PositionChanged changed) {
        Fill fill = changed.fill();
        positions.put(changed.position().symbol(), changed.position());
        cash = changed.cash();
        Order order = open.get(fill.clientOrderId());
        if (order != null) {
            Quantity filled = order.filledQuantity().plus(fill.quantity());
            OrderStatus next = filled.isLessThan(order.request().quantity()) ? OrderStatus.PARTIALLY_FILLED
                    : OrderStatus.FILLED;
            openTrades.computeIfAbsent(fill.clientOrderId(), k -> new HashSet<>()).add(fill.tradeId());
            keep(new Order(order.request(), order.status().canMoveTo(next) ? next : order.status(), filled,
                    order.venueOrderId()));
        } else {
            lists.lateFill(fill.clientOrderId(), fill.quantity());
        }
        writes.write("fill " + fill.tradeId(), c -> {
            if (Rows.insertFill(c, fill)) {
                Rows.addFilled(c, fill);
            }
            Rows.savePosition(c, changed.position(), fill.timestampNanos());
            Rows.saveCash(c, changed.cash(), fill.timestampNanos());
        }, null);
    }

    void reconciled(OrderReconciled event) {
        Order theirs = event.order();
        Order ours = open.get(theirs.clientOrderId());
        // the venue's terms win where they can be trusted (an amend the host did not hear of); else ours stay
        Order order = ours == null || theirs.hasLimitTerms() && theirs.request().type() == ours.request().type()
                ? theirs : new Order(ours.request(), theirs.status(), theirs.filledQuantity(), theirs.venueOrderId());
        long sequence = order.clientOrderId().sequenceIn(runId);
        lastSequence = Math.max(lastSequence, sequence);
        keep(order);
        writes.write("reconciled " + order.clientOrderId(), c -> Rows.upsertOrder(c, order, sequence,
                (event.adopted() ? "adopted: " : "reconciled: ") + event.note(), event.timestampNanos()), null);
    }

    private void keep(Order order) {
        lists.changed(order);
        if (order.status().isTerminal()) {
            open.remove(order.clientOrderId());
            owners.remove(order.clientOrderId());
            openTrades.remove(order.clientOrderId());
        } else {
            open.put(order.clientOrderId(), order);
        }
    }
}
