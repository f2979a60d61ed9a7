package io.tradehost.journal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The schema every host on one PostgreSQL server shares, {@code tradehost_fleet}: the accounts' leases
 * ({@link AccountLease}) and the hosts' heartbeats ({@link FleetRegistry}). Created on first use under an
 * advisory lock, table by table, so that a server whose fleet schema predates a table gains it.
 */
final class FleetSchema {
    private FleetSchema() {
    }

    static void ensure(Connection c) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            PostgresSchemas.lockAndCreate(s, "tradehost fleet", "tradehost_fleet");
            s.execute("CREATE TABLE IF NOT EXISTS tradehost_fleet.leases(account TEXT PRIMARY KEY,"
                    + " holder TEXT NOT NULL, token BIGINT NOT NULL, expires_at TIMESTAMPTZ NOT NULL,"
                    + " acquired_at TIMESTAMPTZ NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS tradehost_fleet.hosts(account TEXT NOT NULL, host_id TEXT NOT NULL,"
                    + " role TEXT NOT NULL, state TEXT NOT NULL, equity TEXT, admin_url TEXT,"
                    + " lease_token BIGINT NOT NULL, started_at TIMESTAMPTZ NOT NULL,"
                    + " heartbeat_at TIMESTAMPTZ NOT NULL, PRIMARY KEY (account, host_id))");
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }
}
