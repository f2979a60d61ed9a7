package io.tradehost.admin;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the admin server reachable when clients open connections and send nothing, or dribble a
 * request head a line at a time (slow-loris). A connection is either <em>waiting</em> for a request
 * head (since it opened, or since its last response) or <em>busy</em> with a request its handler
 * runs. A connection that has waited longer than the head deadline is closed, however much it has
 * sent meanwhile (an idle timeout alone never fires on a client that sends a byte now and then).
 * When more than {@code maxConnections} are open, the one that has waited longest (never the one
 * just opened) is closed to make room, so a new client (an operator's halt, a supervisor's health
 * check) gets in: it sends its head at once and is busy before a flood of newer connections can push
 * it out. Busy connections are never closed for room (a request is claimed atomically, so a
 * connection that turns busy is not closed under it); when every other one is busy the new one
 * stays, and the server's hard cap with its short idle timeout (in {@link AdminServer}) sheds
 * clients that stall while busy. Thread-safe: Jetty calls it from its selector and request threads.
 */
final class ConnectionGuard extends Handler.Wrapper implements Connection.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);
    private static final long LOG_EVERY_NANOS = 60_000_000_000L;

    private final int maxConnections;
    private final long headDeadlineNanos;
    private final LongSupplier nanos;
    private final Map<Connection, Tracked> open = new ConcurrentHashMap<>();
    private final AtomicLong lateHeads = new AtomicLong();
    private final AtomicLong evicted = new AtomicLong();
    private final AtomicLong waits = new AtomicLong();
    private long lastLogged = Long.MIN_VALUE;
    private long loggedLate;
    private long loggedEvicted;

    private static final int WAITING = 0;
    private static final int BUSY = 1;
    private static final int CLOSING = 2;

    /**
     * A connection's state: waiting for a head since {@code since}, busy with a request, or claimed
     * for closing; {@code order} breaks ties between connections that started waiting at the same
     * instant (the later one stays).
     */
    private static final class Tracked {
        final AtomicInteger state = new AtomicInteger(WAITING);
        volatile long since;
        volatile long order;

        Tracked(long since, long order) {
            this.since = since;
            this.order = order;
        }

        boolean waiting() {
            return state.get() == WAITING;
        }

        boolean waitedLongerThan(Tracked other) {
            return since != other.since ? since - other.since < 0 : order < other.order;
        }
    }

    /**
     * @param maxConnections open connections beyond which the longest-waiting one is closed
     * @param headDeadlineNanos how long a connection may wait before its request head is complete
     * @param nanos a monotonic clock in nanoseconds (a scripted one in tests)
     */
    ConnectionGuard(int maxConnections, long headDeadlineNanos, LongSupplier nanos, Handler handler) {
        super(handler);
        this.maxConnections = maxConnections;
        this.headDeadlineNanos = headDeadlineNanos;
        this.nanos = nanos;
    }

    @Override
    public void onOpened(Connection connection) {
        Tracked opened = new Tracked(nanos.getAsLong(), waits.incrementAndGet());
        open.put(connection, opened);
        // Jetty may open connections on several threads at once: two of them may pick the same one to close
        while (open.size() > maxConnections && closeLongestWaiting(opened)) {
            Thread.onSpinWait();
        }
    }

    @Override
    public void onClosed(Connection connection) {
        open.remove(connection);
    }

    /** Marks the request's connection busy until the response is complete, then waiting again. */
    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Tracked tracked = open.get(request.getConnectionMetaData().getConnection());
        if (tracked == null || !tracked.state.compareAndSet(WAITING, BUSY)) {
            return super.handle(request, response, callback); // not tracked, or being closed: it fails by itself
        }
        Request.addCompletionListener(request, failure -> {
            tracked.since = nanos.getAsLong();
            tracked.order = waits.incrementAndGet();
            tracked.state.compareAndSet(BUSY, WAITING);
        });
        return super.handle(request, response, callback);
    }

    /**
     * Closes the connection that has waited longest, other than {@code opened}; false when no other
     * is waiting (every other one busy: the new one stays).
     */
    private boolean closeLongestWaiting(Tracked opened) {
        Connection oldest = null;
        Tracked longest = null;
        for (Map.Entry<Connection, Tracked> e : open.entrySet()) {
            Tracked t = e.getValue();
            if (t != opened && t.waiting() && (longest == null || t.waitedLongerThan(longest))) {
                oldest = e.getKey();
                longest = t;
            }
        }
        if (oldest == null) {
            return false;
        }
        if (longest.state.compareAndSet(WAITING, CLOSING) && open.remove(oldest) != null) {
            evicted.incrementAndGet();
            oldest.getEndPoint().close();
        }
        return true;
    }

    /** Closes every connection that has waited past the deadline for its request head. */
    void sweep() {
        long now = nanos.getAsLong();
        for (Map.Entry<Connection, Tracked> e : open.entrySet()) {
            Tracked t = e.getValue();
            if (t.waiting() && now - t.since > headDeadlineNanos && t.state.compareAndSet(WAITING, CLOSING)
                    && open.remove(e.getKey()) != null) {
                lateHeads.incrementAndGet();
                e.getKey().getEndPoint().close();
            }
        }
        report(now);
    }

    /** One WARN line a minute at most while connections are being shed, so an operator sees the flood. */
    private synchronized void report(long now) {
        long late = lateHeads.get();
        long room = evicted.get();
        if ((late != loggedLate || room != loggedEvicted)
                && (lastLogged == Long.MIN_VALUE || now - lastLogged >= LOG_EVERY_NANOS)) {
            LOG.warn("admin API: closed {} connection(s) that sent no complete request within {} ms and {} to make"
                    + " room beyond {} open connections (idle or slow clients; totals since start)", late,
                    headDeadlineNanos / 1_000_000, room, maxConnections);
            lastLogged = now;
            loggedLate = late;
            loggedEvicted = room;
        }
    }

    /** Connections open now. */
    int openConnections() {
        return open.size();
    }

    /** Connections open now and waiting for a request head. */
    int waitingConnections() {
        return (int) open.values().stream().filter(Tracked::waiting).count();
    }

    /** Connections closed so far for a late request head. */
    long lateHeads() {
        return lateHeads.get();
    }

    /** Connections closed so far to make room. */
    long evicted() {
        return evicted.get();
    }
}
