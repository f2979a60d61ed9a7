package io.tradehost.app.surface;

import io.tradehost.admin.FleetView;
import io.tradehost.journal.FleetRegistry;
import java.time.Duration;
import java.util.List;

/**
 * The fleet as the admin API shows it, read from the registry at most once a second however many
 * requests ask (a client hammering {@code /api/v1/fleet} costs the server one query a second; a failure
 * is remembered as long, so that a server that is away is not waited for by every request). Owns its
 * registry connection, apart from the one the host beats on, and only reads. Thread-safe.
 */
public final class RegistryFleet implements FleetView, AutoCloseable {
    private static final long FRESH_NANOS = Duration.ofSeconds(1).toNanos();

    private final FleetRegistry registry;
    private List<Member> cached;
    private RuntimeException failed;
    private long readAt;

    /** @param registry read on request threads; closed with this */
    public RegistryFleet(FleetRegistry registry) {
        this.registry = registry;
    }

    @Override
    public synchronized List<Member> members() {
        long now = System.nanoTime();
        if (readAt == 0 || now - readAt > FRESH_NANOS) {
            try {
                cached = registry.members().stream().map(m -> new Member(m.beat().account(), m.beat().hostId(),
                        m.beat().role(), m.beat().state(), m.beat().equity(), m.beat().adminUrl(),
                        m.beat().leaseToken(), m.holdsLease(), m.heartbeatAge().toMillis() / 1000.0)).toList();
                failed = null;
            } catch (RuntimeException e) {
                failed = e;
            }
            readAt = now == 0 ? 1 : now;
        }
        if (failed != null) {
            throw failed;
        }
        return cached;
    }

    @Override
    public void close() {
        registry.close();
    }
}
