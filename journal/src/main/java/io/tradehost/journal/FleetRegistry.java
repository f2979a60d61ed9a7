package io.tradehost.journal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The fleet: every host that runs an account on this PostgreSQL server, as its last heartbeat left it,
 * in {@code tradehost_fleet.hosts}. A host beats every third of its lease while it stands by or trades,
 * and once more as {@link #STOPPED} at an orderly stop; a host that died stops beating, which its
 * heartbeat's age shows. Ages are the server's ({@code clock_timestamp()}), never a host's clock.
 *
 * <p>One connection, opened on first use and again after a failure; thread-safe (one call at a time).
 */
public final class FleetRegistry implements AutoCloseable {
    /** The role of a host holding its account's lease. */
    public static final String PRIMARY = "primary";
    /** The role of a host waiting for the lease. */
    public static final String STANDBY = "standby";
    /** The role a host leaves behind at an orderly stop. */
    public static final String STOPPED = "stopped";

    /**
     * What one host says of itself.
     *
     * @param account the account it runs ({@code host.account})
     * @param hostId its {@code host.id}
     * @param role {@link #PRIMARY}, {@link #STANDBY} or {@link #STOPPED}
     * @param state its trading state ({@code ACTIVE}, {@code REDUCE_ONLY}, {@code HALTED}), or {@code STANDBY}
     * @param equity its equity in the quote currency as a decimal, or null when it has none (a standby)
     * @param adminUrl its admin API's base address, or null when the API is off
     * @param leaseToken the fencing token it trades with, 0 when it holds none
     * @param startedAt when the process started (its own clock: for reading, never compared)
     */
    public record Beat(String account, String hostId, String role, String state, String equity, String adminUrl,
                       long leaseToken, Instant startedAt) {
        public Beat {
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(hostId, "hostId");
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(startedAt, "startedAt");
        }
    }

    /**
     * One host as the registry holds it.
     *
     * @param beat what it last said
     * @param heartbeatAt when that was, on the server's clock
     * @param heartbeatAge how long ago that was, on the server's clock
     * @param holdsLease whether it holds its account's lease now, unexpired
     */
    public record Member(Beat beat, Instant heartbeatAt, Duration heartbeatAge, boolean holdsLease) {
    }

    private final FleetConnection connection;

    private final boolean writes;

    private FleetRegistry(JournalStore store, boolean writes) {
        this.connection = new FleetConnection(store, Duration.ofSeconds(5), "fleet registry", writes);
        this.writes = writes;
    }

    /**
     * The registry on the server of {@code store}, for a host that beats into it (the fleet schema is
     * created on first use if missing).
     *
     * @throws IllegalArgumentException if {@code store} is not on PostgreSQL
     */
    public static FleetRegistry of(JournalStore store) {
        return new FleetRegistry(postgres(store), true);
    }

    /**
     * The registry on the server of {@code store}, only read (a monitoring role needs no right to create
     * anything): {@link #members} is empty until a host created it; {@link #beat} is refused.
     *
     * @throws IllegalArgumentException if {@code store} is not on PostgreSQL
     */
    public static FleetRegistry reader(JournalStore store) {
        return new FleetRegistry(postgres(store), false);
    }

    private static JournalStore postgres(JournalStore store) {
        if (!(store instanceof PostgresStore)) {
            throw new IllegalArgumentException("a fleet needs a PostgreSQL journal, not " + store);
        }
        return store;
    }

    /**
     * Records {@code beat} as this host's latest, at the server's now.
     *
     * @throws JournalException if the server cannot be reached or refuses it
     */
    public synchronized void beat(Beat beat) {
        if (!writes) {
            throw new IllegalStateException("a registry opened to read does not beat");
        }
        connection.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO tradehost_fleet.hosts(account, host_id, role,"
                    + " state, equity, admin_url, lease_token, started_at, heartbeat_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
                    + " clock_timestamp()) ON CONFLICT (account, host_id) DO UPDATE SET role = excluded.role,"
                    + " state = excluded.state, equity = excluded.equity, admin_url = excluded.admin_url,"
                    + " lease_token = excluded.lease_token, started_at = excluded.started_at,"
                    + " heartbeat_at = excluded.heartbeat_at")) {
                s.setString(1, beat.account());
                s.setString(2, beat.hostId());
                s.setString(3, beat.role());
                s.setString(4, beat.state());
                s.setString(5, beat.equity());
                s.setString(6, beat.adminUrl());
                s.setLong(7, beat.leaseToken());
                s.setTimestamp(8, Timestamp.from(beat.startedAt()));
                return s.executeUpdate();
            }
        });
    }

    /**
     * Removes a host from the fleet (it was retired or renamed: its row would otherwise stay, its target
     * listed, its heartbeat ageing for good). A host that runs beats again and so comes back.
     *
     * @return whether there was such a host
     * @throws IllegalStateException if it holds its account's lease now: it is the primary
     * @throws JournalException if the server cannot be reached or refuses it
     */
    public synchronized boolean forget(String account, String hostId) {
        if (!writes) {
            throw new IllegalStateException("a registry opened to read forgets nothing");
        }
        int[] holding = {0};
        boolean removed = connection.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM tradehost_fleet.hosts h WHERE account = ? AND"
                    + " host_id = ? AND NOT EXISTS (SELECT 1 FROM tradehost_fleet.leases l WHERE l.account = h.account"
                    + " AND l.holder = h.host_id AND l.token = h.lease_token AND l.expires_at > clock_timestamp())")) {
                s.setString(1, account);
                s.setString(2, hostId);
                if (s.executeUpdate() == 1) {
                    return true;
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM tradehost_fleet.hosts WHERE account = ?"
                    + " AND host_id = ?")) {
                s.setString(1, account);
                s.setString(2, hostId);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    holding[0] = rs.getInt(1);
                }
            }
            return false;
        });
        if (holding[0] > 0) {
            throw new IllegalStateException("host " + hostId + " holds the lease of account " + account
                    + ": it is the primary; stop it first");
        }
        return removed;
    }

    /**
     * Every host that ever beat here, by account and host id.
     *
     * @throws JournalException if the server cannot be reached or refuses it
     */
    public synchronized List<Member> members() {
        return connection.transaction(c -> {
            List<Member> all = new ArrayList<>();
            try (PreparedStatement exists = c.prepareStatement("SELECT to_regclass('tradehost_fleet.hosts') IS NOT NULL"
                    + " AND to_regclass('tradehost_fleet.leases') IS NOT NULL");
                 ResultSet rs = exists.executeQuery()) {
                if (!rs.next() || !rs.getBoolean(1)) {
                    return all; // no host has joined a fleet on this server yet
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT h.account, h.host_id, h.role, h.state, h.equity,"
                    + " h.admin_url, h.lease_token, h.started_at, h.heartbeat_at,"
                    + " EXTRACT(EPOCH FROM clock_timestamp() - h.heartbeat_at) * 1000,"
                    + " COALESCE(l.holder = h.host_id AND l.token = h.lease_token AND l.expires_at > clock_timestamp(),"
                    + " false) FROM tradehost_fleet.hosts h LEFT JOIN tradehost_fleet.leases l ON l.account = h.account"
                    + " ORDER BY h.account, h.host_id");
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Beat beat = new Beat(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getLong(7), rs.getTimestamp(8).toInstant());
                    all.add(new Member(beat, rs.getTimestamp(9).toInstant(),
                            Duration.ofMillis(Math.max(0, Math.round(rs.getDouble(10)))), rs.getBoolean(11)));
                }
            }
            return all;
        });
    }

    @Override
    public synchronized void close() {
        connection.close();
    }
}
