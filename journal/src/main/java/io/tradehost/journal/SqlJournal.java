package io.tradehost.journal;

import io.tradehost.api.command.RecordIntent;
import io.tradehost.api.command.RecordOrderList;
import io.tradehost.api.command.RecordStrategyState;
import io.tradehost.api.event.FundingBooked;
import io.tradehost.api.event.IntentNotRecorded;
import io.tradehost.api.event.IntentRecorded;
import io.tradehost.api.event.JournalWriteFailed;
import io.tradehost.api.event.ConfigReloaded;
import io.tradehost.api.event.OperatorActed;
import io.tradehost.api.event.OrderAccepted;
import io.tradehost.api.event.OrderAmended;
import io.tradehost.api.event.OrderCancelled;
import io.tradehost.api.event.OrderReconciled;
import io.tradehost.api.event.OrderRejected;
import io.tradehost.api.event.OrderSubmitted;
import io.tradehost.api.event.PositionChanged;
import io.tradehost.api.event.StateReasonChanged;
import io.tradehost.api.event.StopMoved;
import io.tradehost.api.event.TradingStateChanged;
import io.tradehost.api.host.EventBus;
import io.tradehost.api.journal.JournalSnapshot;
import io.tradehost.api.journal.JournaledList;
import io.tradehost.api.journal.OrderOwner;
import io.tradehost.api.journal.OrderJournal;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.FundingPayment;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.OrderStatus;
import io.tradehost.api.order.Position;
import io.tradehost.api.state.ReasonCode;
import io.tradehost.api.state.StateReason;
import io.tradehost.api.time.Clock;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Symbol;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
/**
 * The journal, in a {@link JournalStore}: one SQLite file (WAL) by default, or a PostgreSQL schema. It keeps an in-memory copy of what the snapshot needs
 * (open orders, positions, cash, the sequence), updated on the kernel thread as it hands each write
 * to the {@link WriteQueue}, so reading it never touches the disk. It owns the {@link RecordIntent}
 * command and answers {@link IntentRecorded} once the intent is durable, or
 * {@link IntentNotRecorded}; every other write is recorded from the events the pipeline routes to
 * its handlers. A write that fails is published as {@link JournalWriteFailed} (the host halts
 * trading), never swallowed, and set in a {@link FailureMarker} beside the file: when the disk is
 * full the halt cannot be journaled, and the next start must still come up halted. Kernel thread
 * only, apart from {@link #close}.
 */
public final class SqlJournal implements OrderJournal, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqlJournal.class);

    private final String where;
    private final boolean inMemory;
    private final JournalWrites writes;
    /** Null for a journal in memory: a replay has no next start to warn. */
    private final FailureMarker marker;
    /** The connection of an inline journal, for {@link #saveOnClose}; null with a writer thread. */
    private final Connection inlineConnection;
    private Path saveTo;
    private final EventBus bus;
    private final Clock clock;
    private final String runId;
    private final OpenBooks books;
    private final Map<ReasonCode, StateReason> reasons = new LinkedHashMap<>();
    private final Map<String, byte[]> states = new HashMap<>();
    private boolean fresh;

    private SqlJournal(JournalStore store, Connection connection, JournalContents contents, FailureMarker marker,
                          Function<Connection, WriteQueue> queue, EventBus bus, Clock clock, IntentLog log) {
        this.where = store.where();
        this.inMemory = store.inMemory();
        this.marker = marker;
        this.inlineConnection = connection;
        this.runId = contents.runId();
        this.fresh = contents.fresh();
        contents.activeReasons().forEach(r -> reasons.put(r.code(), r));
        states.putAll(contents.strategyStates());
        this.bus = bus;
        this.clock = clock;
        if (marker != null && !reasons.containsKey(ReasonCode.JOURNAL_WRITE_FAILED)) {
            marker.restoredReason(where, clock.nanos()).ifPresent(r -> reasons.put(r.code(), r));
        }
        this.writes = new JournalWrites(where, queue.apply(connection), marker, bus, clock, log);
        if (reasons.containsKey(ReasonCode.JOURNAL_WRITE_FAILED)) {
            writes.restoredFailure();
        }
        this.books = new OpenBooks(contents, writes);
    }

    /**
     * Opens (creating and migrating if needed) the journal {@code file}, with a writer thread.
     *
     * @param proposedRunId the run id a new journal takes; an existing journal keeps its own
     * @param capacity writes that may wait for the writer before new ones fail
     * @param completions runs outcomes on the kernel thread
     * @param bus where the journal publishes its answers and failures
     * @throws JournalException if the file cannot be opened, read or migrated
     */
    public static SqlJournal open(Path file, String proposedRunId, Durability durability, int capacity,
                                  Executor completions, EventBus bus, Clock clock) {
        return open(JournalStore.file(file), proposedRunId, durability, capacity, completions, bus, clock);
    }

    /**
     * Opens (creating and migrating if needed) the journal in {@code store}, with a writer thread.
     *
     * @throws JournalException if the store cannot be reached, read or migrated; the message names it
     */
    public static SqlJournal open(JournalStore store, String proposedRunId, Durability durability, int capacity,
                                  Executor completions, EventBus bus, Clock clock) {
        return open(store, proposedRunId, durability, capacity, completions, bus, clock, IntentLog.DEFAULT_CAPACITY);
    }

    /** {@link #open}, with an intent log of {@code logCapacity} bytes (for tests). */
    static SqlJournal open(JournalStore store, String proposedRunId, Durability durability, int capacity,
                           Executor completions, EventBus bus, Clock clock, int logCapacity) {
        FailureMarker marker = store.marker();
        IntentLog log = store.openLog(durability, logCapacity);
        try {
            Connection connection = store.connect(durability);
            JournalContents contents = JournalFiles.load(connection, store, proposedRunId, log, true);
            return new SqlJournal(store, connection, contents, marker,
                    c -> new BackgroundWriteQueue(c, capacity, completions, store.reconnector(durability)), bus, clock,
                    log);
        } catch (RuntimeException e) {
            if (log != null) {
                log.close();
            }
            throw e;
        }
    }

    /**
     * A journal that writes on the calling thread, to the SQLite {@code file}. For tests on the virtual
     * clock, where every write must be done when the call returns.
     */
    public static SqlJournal inline(Path file, String proposedRunId, EventBus bus, Clock clock) {
        return inline(JournalStore.file(file), proposedRunId, bus, clock);
    }

    /**
     * A journal in {@code store} that writes on the calling thread: for tests on the virtual clock, and
     * for a backtest's journal in memory, where every write must be done when the call returns.
     */
    public static SqlJournal inline(JournalStore store, String proposedRunId, EventBus bus, Clock clock) {
        FailureMarker marker = store.marker();
        Connection connection = store.connect(Durability.NORMAL);
        // what a live run left in its intent log is written in; an inline journal's writes are done at once
        try (IntentLog log = store.existingLog()) {
            JournalContents contents = JournalFiles.load(connection, store, proposedRunId, log, true);
            return new SqlJournal(store, connection, contents, marker, InlineWriteQueue::new, bus, clock,
                    null);
        }
    }

    /**
     * Has every write from now on checked, in its own transaction, against the account's lease this host
     * holds: a write whose token is stale or whose lease expired fails, reported as a
     * {@code JournalWriteFailed} of {@code fenced}; an intent so refused is answered
     * {@code IntentNotRecorded} and its order never sent. For a PostgreSQL journal.
     */
    public void fence(AccountLease.Fence lease) {
        writes.preamble(lease == null ? null : lease::check);
    }

    /** The run id every client order id in this journal starts with. */
    public String runId() {
        return runId;
    }

    /** Writes that failed so far. */
    public long failedWrites() {
        return writes.failedWrites();
    }

    /**
     * Writes other than intents that failed in this run, so the journal lacks them; an intent that failed
     * lost nothing, its order was never sent. Writes held through an outage of the journal's server and
     * applied when it came back are not lost.
     */
    public long lostWrites() {
        return writes.lostWrites();
    }

    /** What the first failed write of this run said, or null when none failed. */
    public String firstFailure() {
        return writes.firstFailure();
    }

    /** Writes handed to the writer and not yet applied. */
    public int backlog() {
        return writes.backlog();
    }

    /** Intents sent on the strength of the intent log whose SQLite write has not reported yet. */
    public int intentsAhead() {
        return writes.intentsAhead();
    }

    /** The orders not yet terminal, oldest first: a copy (cheaper than {@link #snapshot()}). */
    public List<Order> openOrders() {
        return books.openOrders();
    }

    @Override
    public JournalSnapshot snapshot() {
        return new JournalSnapshot(fresh, runId, books.lastSequence(), books.cash(), books.positions(),
                books.openOrders(), books.openTradeIds(), List.copyOf(reasons.values()));
    }

    @Override
    public void recordBaseline(Money startingCash, List<Position> startingPositions, long timestampNanos) {
        fresh = false;
        books.baseline(startingCash, startingPositions);
        writes.hostOnly("baseline", c -> {
            Rows.saveCash(c, startingCash, timestampNanos);
            for (Position p : startingPositions) {
                Rows.savePosition(c, p, timestampNanos);
            }
            Rows.putMeta(c, "baseline_nanos", Long.toString(timestampNanos));
        }, null);
    }

    /**
     * Handles the command: records the order, then answers {@link IntentRecorded} or {@link IntentNotRecorded}:
     * at once when the intent went to the intent log, else when SQLite reports ({@link JournalWrites#intent}).
     */
    public void record(RecordIntent command) {
        var request = command.request();
        books.intent(command);
        writes.intent(command, c -> {
            Rows.insertIntent(c, request, command.sequence(), command.timestampNanos());
            StrategyRows.own(c, request.clientOrderId(), command.owner());
        }, failure -> answer(command, failure));
    }

    private void answer(RecordIntent command, String failure) {
        bus.publish(failure == null
                ? new IntentRecorded(command.request(), command.intentSequence(), clock.nanos(), command.owner())
                : new IntentNotRecorded(command.request(), command.intentSequence(), failure, clock.nanos()));
    }

    /** Handles the command: keeps the strategy's last saved state. */
    public void recordState(RecordStrategyState command) {
        byte[] state = command.state();
        states.put(command.strategy(), state);
        writes.hostOnly("state of strategy " + command.strategy(), c -> StrategyRows.saveState(c, command.strategy(), state,
                command.timestampNanos()), null);
    }

    /** Handles the command: keeps a contingent order list as its strategy's host holds it now. */
    public void recordOrderList(RecordOrderList command) {
        books.listRecorded(command);
        writes.hostOnly("order list L" + command.listId(), c -> ListRows.record(c, command), null);
    }

    @Override
    public List<JournaledList> openOrderLists() {
        return books.openLists();
    }

    @Override
    public long lastOrderListId() {
        return books.lastListId();
    }

    @Override
    public Map<ClientOrderId, OrderOwner> owners() {
        return books.owners();
    }

    @Override
    public Map<String, byte[]> strategyStates() {
        Map<String, byte[]> copy = new HashMap<>();
        states.forEach((name, state) -> copy.put(name, state.clone()));
        return copy;
    }

    public void onAccepted(OrderAccepted a) {
        books.accepted(a);
    }

    public void onRejected(OrderRejected r) {
        books.rejected(r);
    }

    /** An order changed in place at the venue: its new price and total quantity. */
    public void onAmended(OrderAmended a) {
        books.amended(a);
    }

    /**
     * An order went to the venue: one the host held until its trigger is held no more, so that a restart
     * reconciles it as any order sent instead of arming it again.
     */
    public void onSubmitted(OrderSubmitted submitted) {
        books.submitted(submitted);
    }

    /** A trailing stop the host holds moved: its trigger and trail, for a restart to arm it where it was. */
    public void onStopMoved(StopMoved moved) {
        books.stopMoved(moved);
    }

    public void onCancelled(OrderCancelled c) {
        books.cancelled(c);
    }

    /** A booked fill: the fill, its position and the cash after it, in one transaction. */
    public void onPositionChanged(PositionChanged changed) {
        books.fill(changed);
    }

    /** A booked funding payment: the payment and the cash after it, in one transaction. */
    public void onFundingBooked(FundingBooked booked) {
        books.funding(booked);
    }

    @Override
    public Set<String> fundingPaymentIds() {
        return books.fundingIds();
    }

    public void onReconciled(OrderReconciled r) {
        books.reconciled(r);
    }

    public void onStateChanged(TradingStateChanged t) {
        String codes = t.reasons().stream().map(r -> r.code().value()).collect(Collectors.joining(","));
        writes.hostOnly("state " + t.to(), c -> Rows.insertTransition(c, t, codes), null);
    }

    /** Journals who asked for what, when and why, and what came of it. */
    public void onOperatorActed(OperatorActed acted) {
        writes.hostOnly("operator " + acted.action().path(), c -> Rows.insertOperatorAction(c, acted), null);
    }

    /** Journals a configuration reload, accepted or refused, with its diff and severity. */
    public void onConfigReloaded(ConfigReloaded reloaded) {
        writes.hostOnly("config reload " + reloaded.outcome(), c -> Rows.insertConfigReload(c, reloaded), null);
    }

    /** Keeps the active reasons, so that a restart can raise again those a crash must not lift. */
    public void onReasonChanged(StateReasonChanged change) {
        StateReason reason = change.reason();
        if (change.active()) {
            reasons.put(reason.code(), reason);
            writes.hostOnly("reason " + reason.code(), c -> Rows.saveReason(c, reason), null);
        } else {
            reasons.remove(reason.code());
            boolean journalFailure = ReasonCode.JOURNAL_WRITE_FAILED.equals(reason.code());
            long mark = writes.lossMark();
            writes.hostOnly("reason " + reason.code() + " cleared", c -> Rows.deleteReason(c, reason.code()), failure -> {
                // what was lost after the clearing was handed over still counts, and keeps the marker set
                if (failure == null && journalFailure && writes.cleared(mark) && marker != null) {
                    marker.clear(); // the journal now holds that the failure was dealt with
                }
            });
        }
    }

    /**
     * Hears, on the thread completions run on, how long each write took from hand-off until its
     * outcome was reported, in nanoseconds (real time, not the host clock). For metrics.
     */
    public void onWriteLatency(LongConsumer listener) {
        writes.onLatency(listener);
    }

    /**
     * Has {@link #close} first write the whole journal to {@code file} (SQLite's {@code VACUUM
     * INTO}: a compact copy, the same bytes for the same contents), replacing it. For a journal
     * kept in memory whose run must leave a file (a backtest: its writes need not survive a crash).
     *
     * @throws IllegalStateException for a journal with a writer thread
     */
    public void saveOnClose(Path file) {
        if (!writes.inline() || !inMemory) {
            throw new IllegalStateException("only an inline journal in memory can be saved on close");
        }
        this.saveTo = file;
    }

    /** Applies what is queued and closes the database. Idempotent. */
    @Override
    public void close() {
        if (saveTo != null) {
            Path file = saveTo;
            saveTo = null;
            try (var statement = inlineConnection.createStatement()) {
                Files.deleteIfExists(file);
                statement.execute("VACUUM INTO '" + file.toString().replace("'", "''") + "'");
            } catch (SQLException | IOException e) {
                LOG.error("could not save the journal to {}: {}", file, e.getMessage());
            }
        }
        writes.close();
        LOG.info("journal {} closed ({} failed write(s))", where, writes.failedWrites());
    }
}
