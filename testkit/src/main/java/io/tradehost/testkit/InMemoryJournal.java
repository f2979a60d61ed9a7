package io.tradehost.testkit;

import io.tradehost.api.command.RecordIntent;
import io.tradehost.api.event.IntentNotRecorded;
import io.tradehost.api.event.IntentRecorded;
import io.tradehost.api.host.EventBus;
import io.tradehost.api.journal.JournalSnapshot;
import io.tradehost.api.journal.OrderJournal;
import io.tradehost.api.journal.OrderOwner;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.Position;
import io.tradehost.api.value.Money;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
/**
 * A journal double for coordinator tests: owns {@link RecordIntent} (wire it with
 * {@code kernel.own(RecordIntent.class, ..., journal::record)}) and answers at once
 * ({@link IntentRecorded}, or {@link IntentNotRecorded} when told to fail) or holds the answers
 * until released, as a slow disk would; records what it was given and returns the snapshot the
 * test set. It does not follow other events. Not thread-safe.
 */
public final class InMemoryJournal implements OrderJournal {
    private final List<OrderRequest> intents = new ArrayList<>();
    private final List<RecordIntent> held = new ArrayList<>();
    private final Map<ClientOrderId, OrderOwner> owners = new LinkedHashMap<>();
    private EventBus bus = event -> {
        throw new IllegalStateException("InMemoryJournal has no bus: call answerOn(bus)");
    };
    private boolean holding;
    private JournalSnapshot snapshot;
    private String failure;
    private Money baselineCash;

    /** A fresh journal of run {@code runId}. */
    public InMemoryJournal(String runId) {
        this.snapshot = new JournalSnapshot(true, runId, 0, Money.ZERO, List.of(), List.of(), Set.of());
    }

    /** Where the journal publishes its answers, usually the test's kernel. */
    public InMemoryJournal answerOn(EventBus target) {
        this.bus = target;
        return this;
    }

    /** Makes the journal answer as if it held {@code value}. */
    public InMemoryJournal restoredFrom(JournalSnapshot value) {
        this.snapshot = value;
        return this;
    }

    /** Makes the journal answer as if it held {@code value}, its orders asked for by {@code byOrder}. */
    public InMemoryJournal restoredFrom(JournalSnapshot value, Map<ClientOrderId, OrderOwner> byOrder) {
        this.snapshot = value;
        owners.clear();
        owners.putAll(byOrder);
        return this;
    }

    /** Makes every later intent fail with {@code reason}; null to succeed again. */
    public InMemoryJournal failWith(String reason) {
        this.failure = reason;
        return this;
    }

    /** Keeps the next intents' answers until {@link #release()}, as a slow disk would. */
    public InMemoryJournal hold() {
        holding = true;
        return this;
    }

    /** Reports every held intent durable, in order, and stops holding. */
    public void release() {
        holding = false;
        List<RecordIntent> due = List.copyOf(held);
        held.clear();
        due.forEach(this::recorded);
    }

    /** Handles the command: records the intent and answers (or holds the answer). */
    public void record(RecordIntent command) {
        if (failure != null) {
            bus.publish(new IntentNotRecorded(command.request(), command.intentSequence(), failure, command.timestampNanos()));
            return;
        }
        intents.add(command.request());
        if (!command.owner().equals(OrderOwner.NONE)) {
            owners.put(command.request().clientOrderId(), command.owner());
        }
        if (holding) {
            held.add(command);
        } else {
            recorded(command);
        }
    }

    private void recorded(RecordIntent command) {
        bus.publish(new IntentRecorded(command.request(), command.intentSequence(), command.timestampNanos(),
                command.owner()));
    }

    /** Intents recorded, in order. */
    public List<OrderRequest> intents() {
        return List.copyOf(intents);
    }

    /** The cash of the last baseline recorded, or null. */
    public Money baselineCash() {
        return baselineCash;
    }

    /** Who asked for each order recorded or restored (those no strategy holds, the host does not, left out). */
    @Override
    public Map<ClientOrderId, OrderOwner> owners() {
        return Map.copyOf(owners);
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
}
