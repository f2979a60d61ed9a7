package io.tradehost.app.surface;

import io.tradehost.admin.AdminServer;
import io.tradehost.admin.AdminSettings;
import io.tradehost.admin.AdminToken;
import io.tradehost.admin.FleetView;
import io.tradehost.admin.OperatorGateway;
import io.tradehost.admin.http.ApiHandler;
import io.tradehost.admin.http.EventStream;
import io.tradehost.admin.metrics.HostMetrics;
import io.tradehost.admin.snapshot.ActivityLog;
import io.tradehost.admin.snapshot.SnapshotPublisher;
import io.tradehost.api.journal.JournalSnapshot;
import io.tradehost.app.config.HostConfig;
import io.tradehost.app.failover.Primacy;
import io.tradehost.app.plugins.PluginCatalog;
import io.tradehost.journal.AccountLease;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A standby's admin API: the same server, token and routes as a primary's, serving the books of the
 * journal it follows, its health, its metrics ({@code tradehost_primary} 0) and the fleet, read-only:
 * operator actions and reloads are answered 409. The standby's loop hands each check to {@link #checked};
 * a thread of its own publishes what it holds every {@code admin.snapshot_interval} (at most a second
 * apart), so a slow check or registry never makes the API look stalled. Closed before the host it becomes
 * at takeover opens its own server on the same address.
 */
public final class StandbySurface implements Primacy.Standing, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StandbySurface.class);

    private final StandbySnapshots snapshots;
    private final EventStream stream;
    private final AdminServer server;
    private final String advertised;
    private final Thread publishing;
    private volatile boolean closed;

    private StandbySurface(StandbySnapshots snapshots, SnapshotPublisher publisher, EventStream stream,
                           AdminServer server, Duration every) {
        this.snapshots = snapshots;
        this.stream = stream;
        this.server = server;
        this.advertised = server == null ? null : OperatorSurface.advertised(server.uri());
        this.publishing = Thread.ofPlatform().name("tradehost-standby-snapshots").daemon(true).start(() -> {
            while (!closed) {
                LockSupport.parkNanos(every.toNanos());
                try {
                    publisher.publishNow();
                } catch (RuntimeException e) {
                    LOG.warn("standby: could not publish what it follows: {}", e.toString());
                }
            }
        });
    }

    /**
     * Starts serving, unless {@code admin.listen} is off (the standby then only checks).
     *
     * @param fleet the fleet as the registry holds it
     * @param dataDirectory where a generated admin token lives
     * @throws io.tradehost.api.host.StartupException if the address cannot be bound
     * @throws IllegalArgumentException if the configured token is unusable
     */
    public static StandbySurface start(HostConfig config, PluginCatalog plugins, FleetView fleet, Path dataDirectory,
                                       Map<String, String> environment) {
        HostConfig.Lease lease = config.journal().lease();
        AdminSettings settings = config.admin();
        // the loop checks at least every second; three missed checks (or stall_after) is worth saying
        Duration quietAfter = Duration.ofMillis(Math.max(settings.stallAfter().toMillis(),
                3 * Math.min(lease.ttl().toMillis() / 3, 1_000)));
        StandbySnapshots snapshots = new StandbySnapshots(lease.account(), lease.hostId(), config.venue(),
                config.symbols(), fleet, quietAfter);
        Duration every = settings.snapshotInterval().compareTo(Duration.ofSeconds(1)) < 0
                ? settings.snapshotInterval() : Duration.ofSeconds(1);
        EventStream stream = new EventStream(16, Math.max(1, settings.maxConnections() / 2));
        SnapshotPublisher publisher = new SnapshotPublisher(snapshots, new ActivityLog(e -> { }), System::nanoTime,
                Duration.ofSeconds(1), stream::status);
        publisher.publishNow();
        if (!settings.enabled()) {
            return new StandbySurface(snapshots, publisher, stream, null, every);
        }
        AdminToken token = AdminToken.resolve(environment, settings.tokenFile(), dataDirectory);
        HostMetrics metrics = new HostMetrics(publisher::latest, publisher::ageNanos);
        metrics.lease(0);
        // no kernel behind it: the gateway is never reached, every operator route is refused first
        OperatorGateway nowhere = new OperatorGateway(command -> {
            throw new IllegalStateException("a standby acts on nothing");
        }, () -> 0L);
        ApiHandler handler = new ApiHandler(settings, token, publisher, metrics, nowhere, stream,
                OperatorSurface.documents(config, plugins), System::nanoTime)
                .withFleet(fleet)
                .readOnly("read-only: this host (" + lease.hostId() + ") stands by for account " + lease.account()
                        + " and acts on nothing; send operator requests to the primary (see /api/v1/fleet)");
        AdminServer server = AdminServer.start(settings, handler);
        LOG.info("admin API on {} (read-only while this host stands by; dashboard at /, fleet at /fleet; token"
                + " from {})", server.uri(), token.source());
        return new StandbySurface(snapshots, publisher, stream, server, every);
    }

    @Override
    public void checked(Optional<AccountLease.Holder> holder, JournalSnapshot followed, String problem) {
        snapshots.followed(holder, followed, problem);
    }

    @Override
    public String adminUrl() {
        return advertised;
    }

    /** Stops publishing and serving (the host that takes over binds the same address). Idempotent. */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(publishing);
        try {
            publishing.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (server != null) {
            stream.closeAll();
            server.close();
        }
    }
}
