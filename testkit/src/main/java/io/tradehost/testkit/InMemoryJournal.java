package io.tradehost.testkit;

import io.tradehost.api.journal.IntentCallback;
import io.tradehost.api.journal.JournalSnapshot;
import io.tradehost.api.journal.OrderJournal;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.Position;
import io.tradehost.api.value.Money;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A journal double for coordinator tests: answers intents at once (durable, or failed when told
 * to) or holds them until released, records what it was given and returns the snapshot the test
 * set. It does not follow events.
 * Not thread-safe.
 */
public final class InMemoryJournal implements OrderJournal {
    private final List<OrderRequest> intents = new ArrayList<>();
    private final List<IntentCallback> held = new ArrayList<>();
    private boolean holding;
    private JournalSnapshot snapshot;
    private String failure;
    private Money baselineCash;

    /** A fresh journal of run {@code runId}. */
    public InMemoryJournal(String runId) {
        this.snapshot = new JournalSnapshot(true, runId, 0, Money.ZERO, List.of(), List.of(), Set.of());
    }

    /** Makes the journal answer as if it held {@code value}. */
    public InMemoryJournal restoredFrom(JournalSnapshot value) {
        this.snapshot = value;
        return this;
    }

    /** Makes every later intent fail with {@code reason}; null to succeed again. */
    public InMemoryJournal failWith(String reason) {
        this.failure = reason;
        return this;
    }

    /** Keeps the next intents' durable callbacks until {@link #release()}, as a slow disk would. */
    public InMemoryJournal hold() {
        holding = true;
        return this;
    }

    /** Reports every held intent durable, in order, and stops holding. */
    public void release() {
        holding = false;
        List<IntentCallback> due = List.copyOf(held);
        held.clear();
        due.forEach(IntentCallback::durable);
    }

    /** Intents recorded, in order. */
    public List<OrderRequest> intents() {
        return List.copyOf(intents);
    }

    /** The cash of the last baseline recorded, or null. */
    public Money baselineCash() {
        return baselineCash;
    }

    @Override
    public JournalSnapshot snapshot() {
        return snapshot;
    }

    @Override
    public void recordBaseline(Money cash, List<Position> positions, long timestampNanos) {
        baselineCash = cash;
        snapshot = new JournalSnapshot(false, snapshot.runId(), snapshot.lastSequence(), cash, positions,
                snapshot.openOrders(), snapshot.openOrderTradeIds());
    }

    @Override
    public void recordIntent(OrderRequest request, long sequence, long timestampNanos, IntentCallback callback) {
        if (failure != null) {
            callback.failed(failure);
            return;
        }
        intents.add(request);
        if (holding) {
            held.add(callback);
        } else {
            callback.durable();
        }
    }
}
