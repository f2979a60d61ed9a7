package io.tradehost.app.failover;

import io.tradehost.journal.FleetRegistry;
import io.tradehost.journal.JournalException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One host's heartbeats in the fleet's registry, on a connection and (for a primary) a thread of their
 * own, so that a slow registry never delays a lease renewal. Once {@link #stop stopped}, nothing more is
 * written: the registry's last word on this host is {@code stopped}. Thread-safe.
 */
final class Heartbeat implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Heartbeat.class);

    private final FleetRegistry registry;
    private final String account;
    private final String hostId;
    private final Duration every;
    private final Instant startedAt = Instant.now();
    private final Object lock = new Object();
    private boolean stopped;
    private int failures;
    private volatile boolean stopping;
    private Thread beater;

    Heartbeat(FleetRegistry registry, String account, String hostId, Duration every) {
        this.registry = registry;
        this.account = account;
        this.hostId = hostId;
        this.every = every;
    }

    /** Records one beat; a failure is logged now and then, never thrown. Nothing once stopped. */
    void beat(String role, Primacy.Report report, long token) {
        synchronized (lock) {
            if (stopped) {
                return;
            }
            try {
                registry.beat(new FleetRegistry.Beat(account, hostId, role, report.state(), report.equity(),
                        report.adminUrl(), token, startedAt));
                failures = 0;
            } catch (JournalException e) {
                if (failures++ % 10 == 0) {
                    LOG.warn("account {}: cannot record this host in the fleet registry ({}); the fleet view shows"
                            + " its last heartbeat ageing", account, e.getMessage());
                }
            }
        }
    }

    /** Beats as the primary trading with {@code token} every {@code every}, on a thread of its own. */
    void beatEvery(Supplier<Primacy.Report> reports, long token) {
        beater = Thread.ofPlatform().name("tradehost-heartbeat").daemon(true).start(() -> {
            while (!stopping) {
                try {
                    beat(FleetRegistry.PRIMARY, reports.get(), token);
                } catch (RuntimeException e) {
                    LOG.warn("account {}: a heartbeat failed: {}", account, e.toString());
                }
                LockSupport.parkNanos(every.toNanos());
            }
        });
    }

    /**
     * Stops beating and leaves {@code stopped} as this host's last word, waiting at most {@code wait} for a
     * slow registry (the row then shows the last beat ageing). Idempotent.
     */
    void stop(Primacy.Report last, long token, Duration wait) {
        stopping = true;
        Thread thread = beater;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
        Thread marker = Thread.ofPlatform().name("tradehost-heartbeat-stop").daemon(true).start(() -> {
            synchronized (lock) {
                if (stopped) {
                    return;
                }
                try {
                    registry.beat(new FleetRegistry.Beat(account, hostId, FleetRegistry.STOPPED, last.state(),
                            last.equity(), null, token, startedAt));
                } catch (JournalException e) {
                    LOG.warn("account {}: cannot mark this host stopped in the fleet registry ({})", account,
                            e.getMessage());
                }
                stopped = true;
            }
        });
        try {
            marker.join(wait);
            if (thread != null) {
                thread.join(wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        registry.close();
    }
}
