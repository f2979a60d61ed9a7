package io.tradehost.plugins.venue.coinbase.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradehost.api.host.Throwables;
import io.tradehost.api.time.Clock;
import io.tradehost.api.time.ScheduledTask;
import io.tradehost.api.time.Scheduler;
import io.tradehost.api.venue.VenueListener;
import io.tradehost.plugins.venue.coinbase.net.FeedSocket;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Coinbase feed connection and everything that keeps it honest: subscribe right after the
 * handshake, a per-connection {@code sequence_num} check (a gap or a number out of order), a
 * watchdog that treats a silent socket (no message, heartbeats included, for
 * {@code silenceTimeout}) as lost, an {@code error} message or a close of any kind as lost too; then
 * reconnect with capped exponential backoff and full jitter, resubscribe and wait for a fresh
 * snapshot. The host hears {@code onConnectionChanged(false)} when the feed is lost and
 * {@code (true)} once it is synced again, so it reconciles. Messages are handled one at a time on
 * the socket's thread; reconnects are timed by the host's scheduler. Thread-safe.
 */
public abstract class Feed {
    private static final Logger LOG = LoggerFactory.getLogger(Feed.class);
    static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_MESSAGE_CHARS = 64 << 20;
    /**
     * Losses are logged at WARN at most once a second and only for the first ten attempts in a row;
     * the rest at DEBUG, so an outage or a hostile feed cannot fill the log.
     */
    private static final int QUIET_AFTER = 10;
    private static final long WARN_EVERY_NANOS = 1_000_000_000L;

    /** Timing of a feed. Immutable. */
    public record Timing(Duration connectTimeout, Duration silenceTimeout, Duration backoffMin, Duration backoffMax) {
    }

    private final String name;
    private final HttpClient http;
    private final URI uri;
    private final Timing timing;
    private final Scheduler scheduler;
    /** The host's clock. */
    protected final Clock clock;
    /** Where the host hears about the connection. */
    protected final VenueListener listener;
    private final SplittableRandom jitter;
    /** Bad messages by kind. */
    protected final BadMessages bad;
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong gaps = new AtomicLong();
    private final AtomicLong messages = new AtomicLong();

    private FeedSocket socket;
    private Connection current;
    private long expectedSequence = -1;
    private long lastMessageNanos;
    private int failures;
    private boolean announcedUp = true;
    private boolean closed;
    private boolean syncedOnce;
    private long lastWarnNanos = Long.MIN_VALUE / 2;
    private long suppressedLosses;
    private ScheduledTask watchdog;

    protected Feed(String name, HttpClient http, URI uri, Timing timing, Scheduler scheduler, Clock clock,
                   VenueListener listener, long seed) {
        this.name = name;
        this.http = http;
        this.uri = uri;
        this.timing = timing;
        this.scheduler = scheduler;
        this.clock = clock;
        this.listener = listener;
        this.jitter = new SplittableRandom(seed);
        this.bad = new BadMessages(name);
    }

    /** The subscribe messages to send on every (re)connection. */
    protected abstract List<String> subscribeMessages();

    /** Handles one numbered message of {@code channel}, in order. */
    protected abstract void onMessage(String channel, JsonNode message) throws BadData;

    /** The connection is gone ({@code why}): forget state that only the next snapshot can restore. */
    protected abstract void onLost(String why);

    /** Whether the feed has what it needs after a (re)subscription (e.g. every snapshot). */
    protected abstract boolean isSynced();

    /** A message whose content is wrong; {@code resync} when the feed's state can no longer be trusted. */
    protected static final class BadData extends Exception {
        private static final long serialVersionUID = 1L;
        final String kind;
        final boolean resync;

        public BadData(String kind, String detail, boolean resync) {
            super(detail);
            this.kind = kind;
            this.resync = resync;
        }
    }

    /** Connects (asynchronously) and starts the watchdog. */
    public synchronized void start() {
        if (watchdog == null) {
            Duration period = timing.silenceTimeout().dividedBy(4).compareTo(Duration.ofMillis(50)) < 0
                    ? Duration.ofMillis(50) : timing.silenceTimeout().dividedBy(4);
            watchdog = scheduler.scheduleAtFixedRate(period, period, this::checkSilence);
            connect();
        }
    }

    /** Closes for good; idempotent. */
    public void close() {
        FeedSocket s;
        Connection c;
        synchronized (this) {
            closed = true;
            if (watchdog != null) {
                watchdog.cancel();
            }
            s = socket;
            c = current;
            socket = null;
        }
        if (s != null) {
            s.abort(c, "closed by the host");
        }
    }

    private synchronized void connect() {
        if (closed) {
            return;
        }
        Connection c = new Connection();
        current = c;
        expectedSequence = -1;
        lastMessageNanos = clock.nanos();
        FeedSocket.connect(http, uri, timing.connectTimeout(), MAX_MESSAGE_CHARS, c).whenComplete((s, error) -> {
            if (error != null) {
                lost(c, "cannot connect to " + uri + ": " + rootCause(error));
                return;
            }
            boolean stale;
            synchronized (this) {
                stale = closed || current != c;
                if (!stale) {
                    socket = s;
                    lastMessageNanos = clock.nanos();
                }
            }
            if (stale) {
                s.abort(c, "superseded");
                return;
            }
            for (String m : subscribeMessages()) {
                s.send(m);
            }
        });
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : " " + t.getMessage());
    }

    private void checkSilence() {
        Connection c;
        long silent;
        synchronized (this) {
            if (closed || socket == null) {
                return;
            }
            c = current;
            silent = clock.nanos() - lastMessageNanos;
        }
        if (silent > timing.silenceTimeout().toNanos()) {
            lost(c, "no message (not even a heartbeat) for " + Duration.ofNanos(silent).toMillis() + " ms");
        }
    }

    /** Drops connection {@code c} (if still current), tells the host, and schedules the next attempt. */
    private void lost(Connection c, String why) {
        FeedSocket s;
        boolean tell;
        Duration delay;
        boolean loud;
        long suppressed = 0;
        synchronized (this) {
            if (closed || current != c) {
                return;
            }
            long now = clock.nanos();
            loud = failures < QUIET_AFTER && now - lastWarnNanos >= WARN_EVERY_NANOS;
            if (loud) {
                lastWarnNanos = now;
                suppressed = suppressedLosses;
                suppressedLosses = 0;
            } else {
                suppressedLosses++;
            }
            current = null;
            s = socket;
            socket = null;
            onLost(why);
            tell = announcedUp;
            announcedUp = false;
            delay = backoff(failures++);
            reconnects.incrementAndGet();
        }
        if (s != null) {
            s.abort(c, why);
        }
        String unlogged = loud ? (suppressed > 0 ? " (" + suppressed + " earlier loss(es) not logged)" : "") : null;
        if (loud) {
            LOG.warn("{} feed lost: {}; reconnecting in {} ms{}", name, why, delay.toMillis(), unlogged);
        } else {
            LOG.debug("{} feed lost: {}; reconnecting in {} ms", name, why, delay.toMillis());
        }
        if (tell) {
            listener.onConnectionChanged(false, name + " feed lost: " + why);
        }
        scheduler.schedule(delay, this::connect);
    }

    /** Capped exponential backoff with full jitter: uniform in [min, min(max, min * 2^attempt)]. */
    Duration backoff(int attempt) {
        long min = timing.backoffMin().toMillis();
        long cap = Math.min(timing.backoffMax().toMillis(), min << Math.min(attempt, 20));
        return Duration.ofMillis(min + (cap > min ? jitter.nextLong(cap - min + 1) : 0));
    }

    private void received(Connection c, String text) {
        synchronized (this) {
            if (current != c) {
                return;
            }
            lastMessageNanos = clock.nanos();
        }
        messages.incrementAndGet();
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (IOException | RuntimeException e) {
            bad.count("malformed_json", "not JSON", text);
            return;
        }
        if (message == null || !message.isObject()) {
            bad.count("not_an_object", "not a JSON object", text);
            return;
        }
        if (message.path("type").asText("").equals("error")) {
            lost(c, "the venue sent an error: " + message.path("message").asText(""));
            return;
        }
        String channel = message.path("channel").asText("");
        JsonNode sequence = message.get("sequence_num");
        if (channel.isEmpty() || sequence == null || !sequence.canConvertToLong() || sequence.asLong() < 0) {
            bad.count("no_envelope", "no channel or sequence_num", text);
            return;
        }
        long seq = sequence.asLong();
        String gap = null;
        synchronized (this) {
            if (expectedSequence >= 0 && seq != expectedSequence) {
                gap = "sequence " + (seq > expectedSequence ? "gap" : "out of order") + ": expected "
                        + expectedSequence + ", got " + seq;
            }
            expectedSequence = seq + 1;
        }
        if (gap != null) {
            gaps.incrementAndGet();
            lost(c, gap);
            return;
        }
        try {
            onMessage(channel, message);
        } catch (BadData e) {
            bad.count(e.kind, e.getMessage(), text);
            if (e.resync) {
                lost(c, "unusable " + channel + " message (" + e.kind + ")");
                return;
            }
        } catch (Throwable e) {
            Throwables.rethrowIfFatal(e);
            bad.count("unreadable_" + channel, e.getClass().getSimpleName() + " " + e.getMessage(), text);
            lost(c, "unreadable " + channel + " message");
            return;
        }
        boolean announce;
        synchronized (this) {
            boolean synced = current == c && isSynced();
            if (synced && !syncedOnce) {
                syncedOnce = true;
                notifyAll();
            }
            announce = synced && !announcedUp;
            if (announce) {
                announcedUp = true;
                failures = 0;
            }
        }
        if (announce) {
            LOG.info("{} feed back: resubscribed with a fresh snapshot", name);
            listener.onConnectionChanged(true, name + " feed resubscribed with a fresh snapshot");
        }
    }

    /**
     * Waits until the feed has been synced once (its first snapshot), at most {@code limit}; whether
     * it was.
     */
    public synchronized boolean awaitSynced(Duration limit) throws InterruptedException {
        long deadline = clock.nanos() + limit.toNanos();
        while (!syncedOnce && !closed) {
            long left = deadline - clock.nanos();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return syncedOnce;
    }

    /** Reconnections so far. */
    public long reconnects() {
        return reconnects.get();
    }

    /** Sequence gaps and reorders detected so far. */
    public long gaps() {
        return gaps.get();
    }

    /** Messages received so far. */
    public long messages() {
        return messages.get();
    }

    public BadMessages badMessages() {
        return bad;
    }

    /**
     * Handles {@code text} as if it arrived on the current connection, or on a detached one when
     * there is none (the parser fuzz test's entry: it exercises everything after the socket).
     */
    public void inject(String text) {
        Connection c;
        synchronized (this) {
            if (current == null && !closed) {
                current = new Connection();
                expectedSequence = -1;
            }
            c = current;
        }
        if (c != null) {
            received(c, text);
        }
    }

    /** One connection's handler, so late callbacks of an old connection are told apart. */
    private final class Connection implements FeedSocket.Handler {
        @Override
        public void onMessage(String text) {
            received(this, text);
        }

        @Override
        public void onClosed(String why) {
            lost(this, why);
        }
    }
}
