package io.tradehost.journal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One writer thread behind a bounded queue. The kernel thread only ever offers to the queue (it
 * never waits on the disk); the writer takes what has accumulated and commits it as one
 * transaction (group commit), then reports each write's outcome through the completion executor.
 * If a batch fails, its writes are retried one by one so that only the failing write fails.
 *
 * <p>With a {@link Reconnector} (a server that can go away), a batch that fails because the
 * connection is gone starts an outage: urgent writes (intents) fail at once, the others are held in
 * order, up to the queue's capacity, while the writer reconnects with backoff; a new connection takes
 * the held writes in one transaction. The {@link OutageListener} hears both edges.
 */
final class BackgroundWriteQueue implements WriteQueue {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundWriteQueue.class);
    private static final int MAX_BATCH = 512;
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);
    private static final long FIRST_BACKOFF_MILLIS = 100;
    private static final long MAX_BACKOFF_MILLIS = 5_000;
    /** The SQLSTATE of an urgent write refused because the journal's server is away: nothing was written. */
    static final String UNAVAILABLE_STATE = "TH002";

    private record Task(String what, JournalWrite write, Consumer<SQLException> completion, boolean urgent) {
    }

    private final BlockingQueue<Task> queue;
    private final int capacity;
    private final Executor completions;
    private final Reconnector reconnector;
    private final Thread writer;
    /** Writer thread only, apart from the close after the writer ended. */
    private Connection connection;
    private volatile OutageListener outages = OutageListener.NONE;
    private volatile boolean closing;
    private volatile JournalWrite preamble;
    /** Writes held through an outage, not yet applied: part of the backlog. */
    private volatile int heldCount;
    /** Writes the last complete one-by-one pass applied; writer thread only. */
    private int lastApplied;

    /**
     * @param capacity writes that may wait before {@link #submit} refuses (and, in an outage, be held)
     * @param completions where outcomes are reported (the kernel thread in a live host)
     * @param reconnector how to reconnect after the server went away, or null where it cannot
     */
    BackgroundWriteQueue(Connection connection, int capacity, Executor completions, Reconnector reconnector) {
        this.connection = connection;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.capacity = capacity;
        this.completions = completions;
        this.reconnector = reconnector;
        this.writer = Thread.ofPlatform().name("tradehost-journal").daemon(true).unstarted(this::drain);
        writer.start();
    }

    @Override
    public boolean submit(String what, JournalWrite write, Consumer<SQLException> completion) {
        return offer(new Task(what, write, completion, false));
    }

    @Override
    public boolean submitUrgent(String what, JournalWrite write, Consumer<SQLException> completion) {
        return offer(new Task(what, write, completion, true));
    }

    private boolean offer(Task task) {
        if (closing) {
            completions.execute(() -> task.completion().accept(new SQLException("journal closed")));
            return true;
        }
        return queue.offer(task);
    }

    @Override
    public void preamble(JournalWrite check) {
        this.preamble = check;
    }

    /** The writes of {@code tasks}, after the preamble if there is one: one transaction's. */
    private List<JournalWrite> transaction(List<Task> tasks) {
        JournalWrite first = preamble;
        List<JournalWrite> writes = new ArrayList<>(tasks.size() + 1);
        if (first != null) {
            writes.add(first);
        }
        tasks.forEach(t -> writes.add(t.write()));
        return writes;
    }

    @Override
    public void onOutage(OutageListener listener) {
        this.outages = listener;
    }

    @Override
    public int backlog() {
        return queue.size() + heldCount;
    }

    private void drain() {
        List<Task> batch = new ArrayList<>(MAX_BATCH);
        while (!closing || !queue.isEmpty()) {
            try {
                Task first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) { // not from rideOut, which reports what it took
                LOG.error("journal writer failed on a batch of {} write(s)", batch.size(), e);
                batch.forEach(t -> report(t, new SQLException("journal writer failed: " + e, e)));
            } finally {
                batch.clear();
            }
        }
    }

    private void commit(List<Task> batch) {
        SQLException failure = Transactions.runAll(connection, transaction(batch));
        if (failure == null) {
            batch.forEach(t -> report(t, null));
        } else if (outage(failure)) {
            rideOut(batch, failure);
        } else {
            Rest rest = oneByOne(batch);
            if (rest != null) {
                rideOut(rest.tasks(), rest.cause());
            }
        }
    }

    private boolean outage(SQLException failure) {
        return reconnector != null && reconnector.lost(failure);
    }

    /** What a one-by-one pass left when the connection went: the write it hit and those after it. */
    private record Rest(List<Task> tasks, SQLException cause, int applied) {
    }

    /**
     * Applies each write alone, so that only a failing one fails; stops at a lost connection and returns
     * what is left (null when nothing is).
     */
    private Rest oneByOne(List<Task> tasks) {
        int applied = 0;
        lastApplied = 0;
        for (int i = 0; i < tasks.size(); i++) {
            Task task = tasks.get(i);
            SQLException own = Transactions.runAll(connection, transaction(List.of(task)));
            if (own != null && outage(own)) {
                return new Rest(tasks.subList(i, tasks.size()), own, applied);
            }
            if (own != null) {
                LOG.error("journal write failed ({}): {}", task.what(), own.getMessage());
            } else {
                applied++;
            }
            report(task, own);
        }
        lastApplied = applied;
        return null;
    }

    /**
     * The connection is gone: fails what may not wait, holds the rest, and reconnects with backoff until a
     * new connection takes what was held. Closing meanwhile loses what is held, and says so directly (the
     * kernel no longer runs outcomes). Never throws: every write it took is reported exactly once.
     */
    private void rideOut(List<Task> tasks, SQLException cause) {
        String message = "journal unavailable: " + cause.getMessage();
        LOG.error("{}; holding writes (up to {}) and reconnecting", message, capacity);
        List<Task> held = new ArrayList<>();
        hold(tasks, held, message);
        completions.execute(() -> outages.unavailable(message));
        long backoff = FIRST_BACKOFF_MILLIS;
        int attempts = 0;
        int applied = 0;
        try {
            while (true) {
                // what arrived meanwhile (intents among it fail now), up to the moment of the attempt
                List<Task> arrived = new ArrayList<>();
                queue.drainTo(arrived);
                hold(arrived, held, message);
                attempts++;
                SQLException again = reconnectAndApply(held);
                if (again == null) {
                    LOG.warn("journal back after {} reconnect attempt(s): {} held write(s) applied", attempts,
                            held.size());
                    held.forEach(t -> report(t, null));
                    recovered(applied + held.size(), held);
                    return;
                }
                if (!outage(again)) { // connected, but a held write itself fails: only that one fails
                    Rest rest = oneByOne(held);
                    if (rest == null) {
                        recovered(applied + lastApplied, held);
                        return;
                    }
                    applied += rest.applied();
                    held = new ArrayList<>(rest.tasks());
                    heldCount = held.size();
                    again = rest.cause();
                }
                if (closing) {
                    lose(held, "journal closed while unavailable: " + again.getMessage());
                    return;
                }
                LOG.debug("journal still unavailable (attempt {}): {}", attempts, again.getMessage());
                LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(backoff));
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            }
        } catch (RuntimeException | Error e) {
            LOG.error("journal writer failed while the journal was unavailable", e);
            lose(held, "journal writer failed: " + e);
            if (e instanceof Error error) {
                throw error;
            }
        }
    }

    private void recovered(int applied, List<Task> held) {
        heldCount = 0;
        held.clear();
        completions.execute(() -> outages.available(applied));
    }

    /**
     * Writes held that will never be applied. Closing, the kernel no longer runs outcomes: the listener
     * hears of them here, at once; otherwise each fails as any write does.
     */
    private void lose(List<Task> held, String why) {
        LOG.error("{}: {} held write(s) lost", why, held.size());
        if (closing) {
            outages.lost(held.size(), why);
        } else {
            SQLException failure = new SQLException(why);
            held.forEach(t -> report(t, failure));
        }
        heldCount = 0;
        held.clear();
    }

    /** Connects anew and applies {@code held} in one transaction: null, or why not (a lost connection's). */
    private SQLException reconnectAndApply(List<Task> held) {
        Connection fresh;
        try {
            fresh = reconnector.connect();
        } catch (JournalException e) {
            return new SQLException(e.getMessage(), "08001", e);
        }
        Transactions.close(connection);
        connection = fresh;
        return Transactions.runAll(connection, transaction(held));
    }

    private void hold(List<Task> tasks, List<Task> held, String message) {
        for (Task task : tasks) {
            if (task.urgent()) {
                report(task, new SQLException(message, UNAVAILABLE_STATE));
            } else if (held.size() >= capacity) {
                report(task, new SQLException(message + " (and " + capacity + " writes are held already)"));
            } else {
                held.add(task);
            }
        }
        heldCount = held.size();
    }

    private void report(Task task, SQLException outcome) {
        completions.execute(() -> task.completion().accept(outcome));
    }

    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        LockSupport.unpark(writer); // out of a reconnect's backoff: one last attempt, then what is held is lost
        try {
            writer.join(CLOSE_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            LOG.error("journal writer did not finish within {}; {} write(s) may be lost", CLOSE_WAIT, backlog());
        } else {
            Transactions.close(connection);
        }
    }
}
