package io.tradehost.journal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * One connection to the fleet's server for a lease or the registry: opened on first use and again after
 * it failed, every statement and lock wait bounded, the fleet schema ensured on each new connection.
 * One thread at a time (the callers synchronize).
 */
final class FleetConnection implements AutoCloseable {
    /** Work in one transaction. */
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final JournalStore store;
    private final long boundMillis;
    private final String what;
    private final boolean writes;
    private Connection connection;

    /**
     * @param bound how long any statement or lock wait may take before it fails
     * @param what what the connection is for, in error messages (never a credential)
     * @param writes whether it writes (the fleet schema is then created if missing, which needs the right
     *     to); a reader only reads what is there
     */
    FleetConnection(JournalStore store, Duration bound, String what, boolean writes) {
        this.store = store;
        this.boundMillis = Math.max(100, bound.toMillis());
        this.what = what;
        this.writes = writes;
    }

    /** Runs {@code work} in one transaction; any failure rolls it back and drops the connection. */
    <T> T transaction(Work<T> work) {
        try {
            if (connection == null || connection.isClosed()) {
                connection = store.connect(Durability.FULL);
                try (Statement s = connection.createStatement()) {
                    s.execute("SET lock_timeout = '" + boundMillis + "ms'");
                    s.execute("SET statement_timeout = '" + boundMillis + "ms'");
                }
                if (writes) {
                    FleetSchema.ensure(connection);
                }
            }
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            if (connection != null) {
                Transactions.close(connection);
            }
            connection = null;
            throw new JournalException(what + " on " + store + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (connection != null) {
            Transactions.close(connection);
            connection = null;
        }
    }
}
