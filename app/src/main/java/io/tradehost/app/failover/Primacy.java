package io.tradehost.app.failover;

import io.tradehost.api.event.JournalWriteFailed;
import io.tradehost.api.journal.JournalSnapshot;
import io.tradehost.app.config.HostConfig;
import io.tradehost.journal.AccountLease;
import io.tradehost.journal.FleetRegistry;
import io.tradehost.journal.JournalException;
import io.tradehost.journal.JournalFiles;
import io.tradehost.journal.JournalStore;
import io.tradehost.journal.SqlJournal;
import io.tradehost.kernel.Kernel;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A host of an account that others may also run: it stands by until it holds the account's lease,
 * then trades as the primary with every journal write fenced by its token, renews the lease every
 * third of its time on a thread of its own, halts itself the moment the lease is found taken, and lets
 * the lease go at an orderly stop so that a standby takes over at once.
 *
 * <p>While standing by it follows the journal: it reads it at every check (what a takeover will open),
 * and logs who holds the lease whenever that changes. {@link #awaitLease} and {@link #close} on the
 * thread that runs the host; the keeper on its own.
 */
public final class Primacy implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Primacy.class);

    /** The longest a standby waits between two checks: its admin API shows what it follows this fresh. */
    private static final Duration MOST_BETWEEN_CHECKS = Duration.ofSeconds(1);

    /**
     * What a standby hears at every check.
     */
    public interface Standing {
        /**
         * @param holder who holds the lease, or empty if no one ever took it
         * @param followed the journal as this check read it, or null if it could not be read (yet)
         * @param problem why the lease or the journal could not be read, or null
         */
        void checked(Optional<AccountLease.Holder> holder, JournalSnapshot followed, String problem);

        /** The standby's admin API address for the fleet, or null when it serves none. */
        String adminUrl();
    }

    /**
     * What a primary says of itself in each heartbeat.
     *
     * @param state its trading state's name
     * @param equity its equity as a decimal, or null before it knows
     * @param adminUrl its admin API address, or null when off
     */
    public record Report(String state, String equity, String adminUrl) {
    }

    /** How long a stop waits for the registry to take the host's last beat. */
    private static final Duration LAST_BEAT_WAIT = Duration.ofSeconds(2);

    private final AccountLease lease;
    private final Heartbeat heartbeat;
    private final JournalStore store;
    private final Duration every;
    private volatile long token;
    private Thread keeper;
    private volatile boolean stopping;
    private volatile Supplier<Report> reports = () -> new Report("STARTING", null, null);
    private JournalSnapshot followed;

    private Primacy(AccountLease lease, FleetRegistry fleet, JournalStore store) {
        this.lease = lease;
        this.store = store;
        this.every = lease.ttl().dividedBy(3);
        this.heartbeat = new Heartbeat(fleet, lease.account(), lease.hostId(), every);
    }

    /** The primacy {@code settings} ask for, or empty for a host that trades alone. */
    public static Optional<Primacy> of(HostConfig.Journal settings, JournalStore store) {
        HostConfig.Lease l = settings.lease();
        return l == null ? Optional.empty()
                : Optional.of(new Primacy(AccountLease.of(store, l.account(), l.hostId(), l.ttl()),
                        FleetRegistry.of(store), store));
    }

    /**
     * Takes the lease if it is free, expired or this host's, at once: a host that will trade never starts
     * what a standby serves.
     *
     * @return whether this host holds it now (its token is {@link #token})
     */
    public boolean tryFirst() {
        try {
            OptionalLong acquired = lease.tryAcquire();
            if (acquired.isPresent()) {
                token = acquired.getAsLong();
                LOG.info("account {}: this host ({}) holds the lease (token {}) and trades as the primary",
                        lease.account(), lease.hostId(), token);
                return true;
            }
        } catch (JournalException e) {
            LOG.warn("account {}: cannot reach the lease ({}); standing by until it can", lease.account(),
                    e.getMessage());
        }
        return false;
    }

    /**
     * Stands by until the lease is this host's, checking every third of its time and at least every
     * second; every third of the lease it also reads the journal (what a takeover will open) and beats as
     * the standby in the fleet's registry; it tells {@code standing} at every check.
     *
     * @param stop asked before every wait: true ends the wait (a signal), answering empty
     * @return the fencing token of this host's acquisition, or empty when stopped first
     */
    public OptionalLong awaitLease(BooleanSupplier stop, Standing standing) {
        String lastHolder = null;
        long standbySince = System.nanoTime();
        long pause = Math.min(every.toNanos(), MOST_BETWEEN_CHECKS.toNanos());
        long lastRead = System.nanoTime() - every.toNanos();
        String readProblem = null;
        while (!stop.getAsBoolean()) {
            Optional<AccountLease.Holder> holder = Optional.empty();
            String problem = null;
            try {
                OptionalLong acquired = lease.tryAcquire();
                if (acquired.isPresent()) {
                    token = acquired.getAsLong();
                    if (lastHolder != null) {
                        LOG.warn("account {}: took the lease over from {} after {} ms standing by (token {}); opening"
                                + " the journal{}", lease.account(), lastHolder,
                                (System.nanoTime() - standbySince) / 1_000_000, token, describe(followed));
                    } else {
                        LOG.info("account {}: this host ({}) holds the lease (token {}) and trades as the primary",
                                lease.account(), lease.hostId(), token);
                    }
                    return acquired;
                }
                holder = lease.holder();
                String now = holder.map(AccountLease.Holder::hostId).orElse("nobody");
                if (!now.equals(lastHolder)) {
                    LOG.info("account {}: standing by; {} holds the lease (token {}) until {}; this host ({}) takes"
                            + " over when it expires", lease.account(), now,
                            holder.map(h -> Long.toString(h.token())).orElse("-"),
                            holder.map(h -> h.expiresAt().toString()).orElse("-"), lease.hostId());
                    lastHolder = now;
                }
                if (System.nanoTime() - lastRead >= every.toNanos()) {
                    lastRead = System.nanoTime();
                    readProblem = follow();
                    heartbeat.beat(FleetRegistry.STANDBY, new Report("STANDBY", null, standing.adminUrl()), 0);
                }
                problem = readProblem;
            } catch (JournalException e) {
                problem = "cannot reach the lease (the log has the details)";
                LOG.warn("account {}: cannot reach the lease ({}); trying again in {} ms", lease.account(),
                        e.getMessage(), pause / 1_000_000);
            }
            standing.checked(holder, followed, problem);
            LockSupport.parkNanos(pause);
        }
        return OptionalLong.empty();
    }

    /** A standby stopped by a signal: it says so to the fleet, waiting at most two seconds for the registry. */
    public void standDown() {
        heartbeat.stop(new Report("STANDBY", null, null), 0, LAST_BEAT_WAIT);
    }

    /** The fencing token this host trades with, 0 before it took the lease. */
    public long token() {
        return token;
    }

    /** The journal's store, whose server holds the lease and the fleet's registry. */
    public JournalStore store() {
        return store;
    }

    /** Reads the journal as a takeover will open it; returns why it could not, or null. */
    private String follow() {
        try {
            JournalSnapshot now = JournalFiles.peek(store).snapshot();
            if (followed == null || now.lastSequence() != followed.lastSequence()) {
                LOG.debug("account {}: following the journal{}", lease.account(), describe(now));
            }
            followed = now;
            return null;
        } catch (JournalException e) {
            LOG.debug("account {}: the journal is not there to follow yet ({})", lease.account(), e.getMessage());
            return "the journal is not there to follow yet (the log has the details)";
        }
    }

    private static String describe(JournalSnapshot books) {
        return books == null ? "" : " (order sequence " + books.lastSequence() + ", " + books.openOrders().size()
                + " open order(s), cash " + books.cash() + ")";
    }

    /**
     * Fences every write of {@code journal} with this host's token, renews the lease at once (wiring took
     * some of it) and then every third of it. A host found fenced, by a renewal or by the journal refusing
     * a write, ends the process at once through {@code fenced}: a fenced host makes no more venue calls,
     * not even the cancels of an orderly stop, since its orders are the new primary's now.
     *
     * @param fenced ends the process with the given message (the CLI halts the JVM); called on any thread
     */
    public void keep(Kernel kernel, SqlJournal journal, Consumer<String> fenced) {
        journal.fence(lease.fence(token));
        kernel.observe(m -> {
            if (m instanceof JournalWriteFailed f && JournalWriteFailed.FENCED.equals(f.what())) {
                fenced.accept(f.message());
            }
        });
        long held = token;
        renewOnce(held, fenced, new int[1]);
        // the keeper only renews: heartbeats have a thread and a connection of their own
        keeper = Thread.ofPlatform().name("tradehost-lease").daemon(true).start(() -> {
            int[] failures = {0};
            while (!stopping) {
                LockSupport.parkNanos(every.toNanos());
                try {
                    if (stopping || !renewOnce(held, fenced, failures)) {
                        return;
                    }
                } catch (RuntimeException e) {
                    LOG.error("account {}: the lease renewal failed unexpectedly; trying again in {} ms",
                            lease.account(), every.toMillis(), e);
                }
            }
        });
        heartbeat.beatEvery(() -> reports.get(), held);
    }

    /** What this primary's heartbeats say, asked on the heartbeat's thread before each (thread-safe). */
    public void report(Supplier<Report> reports) {
        this.reports = reports;
    }

    /** Renews once; false when the lease was found taken ({@code fenced} has been told). */
    private boolean renewOnce(long held, Consumer<String> fenced, int[] failures) {
        try {
            if (lease.renew(held)) {
                failures[0] = 0;
                return true;
            }
        } catch (JournalException e) {
            if (failures[0]++ % 10 == 0) {
                LOG.warn("account {}: could not renew the lease ({}); its writes are refused if another host takes it",
                        lease.account(), e.getMessage());
            }
            return true;
        }
        String by;
        try {
            by = lease.holder().map(h -> h.hostId() + " with token " + h.token()).orElse("no one");
        } catch (JournalException e) {
            by = "another host";
        }
        fenced.accept("fenced: the lease of account " + lease.account() + " was taken (now held by " + by
                + "); this host (token " + held + ") places nothing more");
        return false;
    }

    /** Stops renewing and lets the lease go, then releases the connection. Idempotent. */
    @Override
    public void close() {
        letGo();
        lease.close();
        heartbeat.close();
    }

    /** Stops renewing and lets the lease go if this host took it (a standby takes over at once). Idempotent. */
    public void letGo() {
        stopping = true;
        if (keeper != null) {
            LockSupport.unpark(keeper);
            try {
                keeper.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            keeper = null;
        }
        if (token > 0) {
            try {
                lease.release(token);
                LOG.info("account {}: lease let go (token {})", lease.account(), token);
            } catch (JournalException e) {
                LOG.warn("account {}: could not let the lease go ({}); a standby takes over when it expires",
                        lease.account(), e.getMessage());
            }
            Report last;
            try {
                last = reports.get();
            } catch (RuntimeException e) {
                last = new Report("STOPPING", null, null);
            }
            heartbeat.stop(last, token, LAST_BEAT_WAIT);
            token = 0;
        }
    }
}
