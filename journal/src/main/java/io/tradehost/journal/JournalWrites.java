package io.tradehost.journal;

import io.tradehost.api.command.RecordIntent;
import io.tradehost.api.event.JournalRecovered;
import io.tradehost.api.event.JournalWriteFailed;
import io.tradehost.api.host.EventBus;
import io.tradehost.api.time.Clock;
import java.sql.SQLException;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * The journal's writes on their way to SQLite: each handed to the {@link WriteQueue} and timed; a
 * failure counted, set in the {@link FailureMarker} and published as {@link JournalWriteFailed} (the
 * host halts); and an intent sent ahead of SQLite through the intent log when nothing only the host
 * knows waits before it. Kernel thread only, apart from {@link #close}.
 */
final class JournalWrites implements AutoCloseable {
    /** The SQLSTATE of a write the queue refused: it was never made. */
    private static final String BACKLOG_FULL_STATE = "TH003";

    private final String where;
    private final WriteQueue queue;
    /** Null for a journal in memory. */
    private final FailureMarker marker;
    private final EventBus bus;
    private final Clock clock;
    private final LoggedIntents logged;
    private long failedWrites;
    private String firstFailure;
    private LongConsumer latency = nanos -> { };
    /** Writes of {@link #hostOnly} handed to the queue and not yet reported. */
    private int hostOnlyPending;
    /** Writes lost in this run: every failure but an intent refused unsent (its order never went out). */
    private long recordsLostInRun;
    /** {@link #recordsLostInRun} when the journal's failure reason was last cleared. */
    private long lostAtClear;
    /** Whether the failure reason came from before this run and was not cleared since (losses unknown). */
    private boolean restoredFailure;

    /** @param log the intent log, or null for none (every intent waits for SQLite) */
    JournalWrites(String where, WriteQueue queue, FailureMarker marker, EventBus bus, Clock clock, IntentLog log) {
        this.where = where;
        this.queue = queue;
        this.marker = marker;
        this.bus = bus;
        this.clock = clock;
        this.logged = new LoggedIntents(log);
        queue.onOutage(new OutageListener() {
            @Override
            public void unavailable(String message) {
                String full = "journal " + where + ": " + message;
                if (firstFailure == null) {
                    firstFailure = full;
                }
                if (marker != null) {
                    marker.markFailed(full, clock.nanos());
                }
                bus.publish(new JournalWriteFailed(JournalWriteFailed.CONNECTION, full, clock.nanos()));
            }

            @Override
            public void available(int applied) {
                boolean nothingLost = !restoredFailure && recordsLostInRun == lostAtClear;
                bus.publish(new JournalRecovered(where, applied, nothingLost, clock.nanos()));
            }

            @Override
            public void lost(int writes, String why) {
                String full = "journal " + where + ": " + why;
                failedWrites += writes;
                recordsLostInRun += writes;
                if (firstFailure == null) {
                    firstFailure = full;
                }
                if (marker != null) {
                    marker.markFailed(full, clock.nanos());
                }
            }
        });
    }

    /** The journal's failure reason is active from before this run: what was lost then is not known. */
    void restoredFailure() {
        restoredFailure = true;
    }

    /** A mark of the losses so far, taken when the failure reason's clearing is handed to the queue. */
    long lossMark() {
        return recordsLostInRun;
    }

    /**
     * The failure reason's clearing, handed over at {@code mark}, is journaled: losses before it are dealt
     * with. Returns whether none came after it (then the failure marker may be cleared too).
     */
    boolean cleared(long mark) {
        restoredFailure = false;
        lostAtClear = Math.max(lostAtClear, mark);
        return recordsLostInRun == mark;
    }

    /**
     * Whether {@code failure} refused a write that was never made: an intent refused while the server was
     * away, fenced, or not queued; its order was not sent, so nothing is lost.
     */
    private static boolean refusedUnsent(SQLException failure) {
        String state = failure.getSQLState();
        return BackgroundWriteQueue.UNAVAILABLE_STATE.equals(state) || AccountLease.FENCED_STATE.equals(state)
                || BACKLOG_FULL_STATE.equals(state);
    }

    /**
     * The write of an intent; {@code answer} hears null (durable: the order may go) or why not. Through
     * the log the answer comes at once and SQLite's write follows behind; otherwise it comes when SQLite
     * reports. The queue takes the write first, so that a refused intent is answered and not logged; and
     * the log is used only when no write only the host knows (a list, a baseline, a reason, a strategy's
     * state) waits before it: the log holds intents alone, and a start must never find an order without
     * what was journaled before it.
     */
    void intent(RecordIntent command, JournalWrite write, Consumer<String> answer) {
        boolean[] ahead = {false};
        boolean queued = write("intent " + command.request().clientOrderId(), write, true, failure -> {
            if (ahead[0]) {
                logged.committed(failure); // a failure was published by write(): the host halts
            } else {
                answer.accept(failure == null ? null : failure.getMessage());
            }
        });
        if (queued && hostOnlyPending == 0 && logged.append(command)) {
            ahead[0] = true;
            answer.accept(null);
        }
    }

    /**
     * {@link #write} of what only the host knows (no venue can tell it again at reconciliation): while one
     * is pending, intents wait for SQLite's commit instead of going through the intent log, so that the
     * journal a start finds is always a prefix of what was written.
     */
    void hostOnly(String what, JournalWrite write, Consumer<SQLException> then) {
        hostOnlyPending++;
        write(what, write, failure -> {
            hostOnlyPending--;
            if (then != null) {
                then.accept(failure);
            }
        });
    }

    /** Hands {@code write} to the queue; false if the queue refused it ({@code then} has heard so). */
    boolean write(String what, JournalWrite write, Consumer<SQLException> then) {
        return write(what, write, false, then);
    }

    /** @param urgent whether it fails at once in an outage of the journal's server (an intent) */
    private boolean write(String what, JournalWrite write, boolean urgent, Consumer<SQLException> then) {
        long handedOff = System.nanoTime();
        Consumer<SQLException> completion = failure -> {
            latency.accept(System.nanoTime() - handedOff);
            if (failure != null) {
                failedWrites++;
                if (!urgent || !refusedUnsent(failure)) {
                    recordsLostInRun++;
                }
                String message = "journal " + where + ": writing " + what + " failed: " + failure.getMessage();
                if (firstFailure == null) {
                    firstFailure = message;
                }
                boolean fenced = AccountLease.FENCED_STATE.equals(failure.getSQLState());
                // fenced: the journal is another host's now, and it reconciled with the venue when it took it
                // over; marking this machine would halt this host's next takeover for a journal that lacks
                // nothing (found by FailoverRoundsIT)
                if (marker != null && !fenced) {
                    marker.markFailed(message, clock.nanos());
                }
                bus.publish(new JournalWriteFailed(fenced ? JournalWriteFailed.FENCED : what, message, clock.nanos()));
            }
            if (then != null) {
                then.accept(failure);
            }
        };
        if (!(urgent ? queue.submitUrgent(what, write, completion) : queue.submit(what, write, completion))) {
            completion.accept(new SQLException("journal backlog full (" + queue.backlog()
                    + " writes waiting for the disk)", BACKLOG_FULL_STATE));
            return false;
        }
        return true;
    }

    /** Has every transaction begin with {@code check} from now on (null: none). */
    void preamble(JournalWrite check) {
        queue.preamble(check);
    }

    /** Writes that failed so far. */
    long failedWrites() {
        return failedWrites;
    }

    /**
     * Writes lost in this run: what the journal lacks. An intent refused unsent (the server away, fenced, the
     * queue full) lost nothing: its order never went out.
     */
    long lostWrites() {
        return recordsLostInRun;
    }

    /** What the first failed write said, or null. */
    String firstFailure() {
        return firstFailure;
    }

    /** Writes handed to the queue and not yet applied. */
    int backlog() {
        return queue.backlog();
    }

    /** Intents sent on the strength of the intent log whose SQLite write has not reported yet. */
    int intentsAhead() {
        return logged.pending();
    }

    /** Whether writes are applied on the calling thread. */
    boolean inline() {
        return queue instanceof InlineWriteQueue;
    }

    /** Hears how long each write took from hand-off until its outcome, in nanoseconds of real time. */
    void onLatency(LongConsumer listener) {
        this.latency = Objects.requireNonNull(listener, "listener");
    }

    /** Applies what is queued, then releases the connection and the intent log. Idempotent. */
    @Override
    public void close() {
        queue.close();
        logged.close();
    }
}
