package io.tradehost.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The lease that makes one host the primary of an account: a row of {@code tradehost_fleet.leases} on
 * the journal's PostgreSQL server, judged by that server's clock alone ({@code clock_timestamp()}: no
 * two hosts compare clocks). Every acquisition increments the row's fencing token, also by the same
 * host (a restarted process is a new incarnation). A primary's intents carry its token ({@link Fence}):
 * each is checked in its own transaction under a share lock on the row, so a takeover, which updates
 * the row, waits for an intent being committed and then finds it in the journal.
 *
 * <p>One connection, opened on first use and again after it failed; one thread at a time (the host's
 * lease keeper, or a standby's loop). Never prints the password.
 */
public final class AccountLease implements AutoCloseable {
    /** The SQLSTATE of a journal write refused because its fencing token is stale or its lease expired. */
    public static final String FENCED_STATE = "TH001";

    /**
     * Who holds an account's lease.
     *
     * @param hostId the holder's {@code host.id}
     * @param token the fencing token of its acquisition
     * @param expiresAt when it expires, on the server's clock
     * @param expired whether it had expired when read
     */
    public record Holder(String hostId, long token, Instant expiresAt, boolean expired) {
    }

    private final String account;
    private final String hostId;
    private final Duration ttl;
    private final FleetConnection connection;

    private AccountLease(JournalStore store, String account, String hostId, Duration ttl) {
        this.account = Objects.requireNonNull(account, "account");
        this.hostId = Objects.requireNonNull(hostId, "hostId");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        if (ttl.toMillis() < 1) {
            throw new IllegalArgumentException("a lease lasts at least a millisecond: " + ttl);
        }
        // a lease call answers within a third of the lease, or fails: it never waits out the lease
        this.connection = new FleetConnection(store, Duration.ofMillis(Math.min(ttl.toMillis() / 3, 5_000)),
                "lease of account " + account, true);
    }

    /**
     * The lease of {@code account} as {@code hostId} sees it, on the server of {@code store} (a PostgreSQL
     * journal's store), lasting {@code ttl} from each acquisition or renewal.
     *
     * @throws IllegalArgumentException if {@code store} is not on PostgreSQL
     */
    public static AccountLease of(JournalStore store, String account, String hostId, Duration ttl) {
        if (!(store instanceof PostgresStore)) {
            throw new IllegalArgumentException("a lease needs a PostgreSQL journal, not " + store);
        }
        return new AccountLease(store, account, hostId, ttl);
    }

    /** The account. */
    public String account() {
        return account;
    }

    /** This host's id. */
    public String hostId() {
        return hostId;
    }

    /** How long an acquisition or renewal lasts. */
    public Duration ttl() {
        return ttl;
    }

    /**
     * Takes the lease if no one holds it, it expired, or this host held it (a new incarnation), with a
     * new fencing token.
     *
     * @return the token, or empty while another host holds it unexpired
     * @throws JournalException if the server cannot be reached or answers with an error
     */
    public synchronized OptionalLong tryAcquire() {
        return transaction(c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO tradehost_fleet.leases(account, holder,"
                    + " token, expires_at, acquired_at) VALUES (?, ?, 1, clock_timestamp() + ? * interval '1 millisecond',"
                    + " clock_timestamp()) ON CONFLICT (account) DO NOTHING")) {
                insert.setString(1, account);
                insert.setString(2, hostId);
                insert.setLong(3, ttl.toMillis());
                if (insert.executeUpdate() == 1) {
                    return OptionalLong.of(1);
                }
            }
            // a plain read first: the row is locked only to take it, so a standby checking every third of the
            // lease never makes the primary's fenced transactions wait
            if (!takeable(c)) {
                return OptionalLong.empty();
            }
            try (PreparedStatement lock = c.prepareStatement("SELECT 1 FROM tradehost_fleet.leases WHERE account = ?"
                    + " FOR UPDATE")) {
                lock.setString(1, account);
                lock.executeQuery().close();
            }
            // judged once the row is ours: a SELECT ... FOR UPDATE that waited for an intent's share lock
            // returns what it computed before the wait, and the lease may have run out meanwhile
            String holder;
            boolean expired;
            try (PreparedStatement read = c.prepareStatement("SELECT holder, expires_at <= clock_timestamp()"
                    + " FROM tradehost_fleet.leases WHERE account = ?")) {
                read.setString(1, account);
                try (ResultSet rs = read.executeQuery()) {
                    rs.next();
                    holder = rs.getString(1);
                    expired = rs.getBoolean(2);
                }
            }
            if (!expired && !holder.equals(hostId)) {
                return OptionalLong.empty();
            }
            try (PreparedStatement take = c.prepareStatement("UPDATE tradehost_fleet.leases SET holder = ?,"
                    + " token = token + 1, expires_at = clock_timestamp() + ? * interval '1 millisecond',"
                    + " acquired_at = clock_timestamp() WHERE account = ? RETURNING token")) {
                take.setString(1, hostId);
                take.setLong(2, ttl.toMillis());
                take.setString(3, account);
                try (ResultSet rs = take.executeQuery()) {
                    rs.next();
                    return OptionalLong.of(rs.getLong(1));
                }
            }
        });
    }

    private boolean takeable(Connection c) throws SQLException {
        try (PreparedStatement read = c.prepareStatement("SELECT holder = ? OR expires_at <= clock_timestamp()"
                + " FROM tradehost_fleet.leases WHERE account = ?")) {
            read.setString(1, hostId);
            read.setString(2, account);
            try (ResultSet rs = read.executeQuery()) {
                return !rs.next() || rs.getBoolean(1);
            }
        }
    }

    /**
     * Extends the lease by {@link #ttl} from now if this host still holds it with {@code token} (also when
     * it expired meanwhile but no one took it: the token is still the newest).
     *
     * @return false if another acquisition replaced it: this host is fenced
     * @throws JournalException if the server cannot be reached (the lease may then run out)
     */
    public synchronized boolean renew(long token) {
        return transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE tradehost_fleet.leases SET expires_at ="
                    + " clock_timestamp() + ? * interval '1 millisecond' WHERE account = ? AND holder = ? AND token = ?")) {
                s.setLong(1, ttl.toMillis());
                s.setString(2, account);
                s.setString(3, hostId);
                s.setLong(4, token);
                return s.executeUpdate() == 1;
            }
        });
    }

    /** Lets the lease expire now if this host holds it with {@code token}: a standby takes over at once. */
    public synchronized void release(long token) {
        transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE tradehost_fleet.leases SET expires_at ="
                    + " clock_timestamp() WHERE account = ? AND holder = ? AND token = ?")) {
                s.setString(1, account);
                s.setString(2, hostId);
                s.setLong(3, token);
                return s.executeUpdate();
            }
        });
    }

    /** Who holds the lease now, or empty if no host ever took it. */
    public synchronized Optional<Holder> holder() {
        return transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT holder, token, expires_at,"
                    + " expires_at <= clock_timestamp() FROM tradehost_fleet.leases WHERE account = ?")) {
                s.setString(1, account);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(new Holder(rs.getString(1), rs.getLong(2),
                            rs.getTimestamp(3).toInstant(), rs.getBoolean(4))) : Optional.empty();
                }
            }
        });
    }

    /** The check every intent of this host, holding the lease with {@code token}, is journaled under. */
    public Fence fence(long token) {
        return new Fence(account, hostId, token, ttl);
    }

    private <T> T transaction(FleetConnection.Work<T> work) {
        return connection.transaction(work);
    }

    @Override
    public synchronized void close() {
        connection.close();
    }

    /**
     * A primary's fence, the first statement of each of its journal transactions: the lease row is read
     * under a share lock and must still name this host with this token, unexpired. Otherwise the
     * transaction fails with {@link #FENCED_STATE}: an intent is never sent, nothing else is written. The
     * share lock is what the fencing rests on: a takeover must lock the row exclusively, so it waits for
     * a transaction that passed the fence to commit, and then reads the journal with it. (After waiting
     * for a takeover that did not update the row, the expiry read here is the one computed before the
     * wait, a few milliseconds old; no one took the lease, so nothing depends on it.)
     *
     * @param account the account
     * @param hostId the holder
     * @param token the fencing token
     * @param ttl how long the lease lasts when the fence itself extends it
     */
    public record Fence(String account, String hostId, long token, Duration ttl) {
        void check(Connection c) throws SQLException {
            try (Statements.Lease lease = Statements.lease(c, "SELECT holder, token, expires_at > clock_timestamp()"
                    + " FROM tradehost_fleet.leases WHERE account = ? FOR SHARE")) {
                PreparedStatement s = lease.statement();
                s.setString(1, account);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        throw new SQLException("fenced: account " + account + " has no lease", FENCED_STATE);
                    }
                    if (!rs.getString(1).equals(hostId) || rs.getLong(2) != token) {
                        throw new SQLException("fenced: account " + account + " is held by " + rs.getString(1)
                                + " with token " + rs.getLong(2) + " (this host's token " + token + " is stale)",
                                FENCED_STATE);
                    }
                    if (!rs.getBoolean(3)) {
                        extendExpired(c);
                    }
                }
            }
        }

        /**
         * The lease ran out (a renewal could not reach the server, an outage outlasted it) but no one took
         * it: the token is still the newest, so this transaction extends it, holding the row exclusively
         * until it commits; a standby taking it at the same instant is serialized with it by that lock, and
         * whichever is second sees the other's outcome.
         */
        private void extendExpired(Connection c) throws SQLException {
            try (Statements.Lease lease = Statements.lease(c, "UPDATE tradehost_fleet.leases SET expires_at ="
                    + " clock_timestamp() + ? * interval '1 millisecond' WHERE account = ? AND holder = ? AND token = ?")) {
                PreparedStatement s = lease.statement();
                s.setLong(1, ttl.toMillis());
                s.setString(2, account);
                s.setString(3, hostId);
                s.setLong(4, token);
                if (s.executeUpdate() != 1) {
                    throw new SQLException("fenced: the lease of account " + account + " (token " + token
                            + ") was taken while it had run out", FENCED_STATE);
                }
            }
        }
    }
}
