package io.tradehost.journal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * A journal in one schema of a PostgreSQL database. Connections time out rather than hang (a server
 * that stops answering fails the write that waits on it, and the host halts), and say who they are
 * in {@code pg_stat_activity}. No intent log: an intent is durable only once the server commits it.
 */
final class PostgresStore extends JournalStore {
    /** Seconds to wait for a connection, and for any one statement's answer. */
    private static final int CONNECT_SECONDS = 5;
    private static final int SOCKET_SECONDS = 10;
    /** How long the server keeps a session that went quiet inside a transaction. */
    static final long IDLE_IN_TRANSACTION_MILLIS = 1_000;

    private final PostgresLocation location;
    private final Path localState;

    PostgresStore(PostgresLocation location, Path localState) {
        this.location = java.util.Objects.requireNonNull(location, "location");
        this.localState = localState;
    }

    @Override
    public String where() {
        return location.toString();
    }

    @Override
    Connection connect(Durability durability) {
        Properties properties = new Properties();
        properties.setProperty("user", location.user());
        properties.setProperty("password", location.password());
        properties.setProperty("currentSchema", location.schema());
        properties.setProperty("connectTimeout", Integer.toString(CONNECT_SECONDS));
        properties.setProperty("loginTimeout", Integer.toString(CONNECT_SECONDS));
        properties.setProperty("socketTimeout", Integer.toString(SOCKET_SECONDS));
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("ApplicationName", "tradehost journal");
        try {
            Connection connection = new org.postgresql.Driver().connect(location.jdbcUrl(), properties);
            if (connection == null) {
                throw new SQLException("the driver did not accept the address");
            }
            // always on, whatever journal.durability says: a commit acknowledged before it is durable on the
            // server could vanish in a crash of the server with an order already sent on its strength
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET synchronous_commit = on");
                // a client that dies or stalls inside a transaction (power loss, SIGSTOP) must not keep its
                // locks, the lease row's among them, until TCP notices: the writer is never idle inside one
                statement.execute("SET idle_in_transaction_session_timeout = '" + IDLE_IN_TRANSACTION_MILLIS + "ms'");
            }
            return connection;
        } catch (SQLException e) {
            throw new JournalException("cannot connect to journal " + where() + ": " + e.getMessage(), e);
        }
    }

    @Override
    Reconnector reconnector(Durability durability) {
        return new Reconnector() {
            @Override
            public Connection connect() {
                return PostgresStore.this.connect(durability);
            }

            @Override
            public boolean lost(SQLException failure) {
                return connectionLost(failure);
            }
        };
    }

    /**
     * Whether {@code failure} (or one chained to it) says the connection is gone: SQLSTATE class 08
     * (connection exception), 57P01-57P03 (the server is shutting down, crashed, or not yet up), or 25006
     * (the server answers read-only: a replica, until it is promoted).
     */
    static boolean connectionLost(SQLException failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException e) {
                for (SQLException next = e; next != null; next = next.getNextException()) {
                    String state = next.getSQLState();
                    if (state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                            || state.equals("57P03") || state.equals("25006"))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    @Override
    void migrate(Connection connection) throws SQLException {
        PostgresSchema.migrate(connection, location.schema(), where());
    }

    @Override
    boolean exists() {
        try (Connection connection = connect(Durability.NORMAL);
             PreparedStatement s = connection.prepareStatement("SELECT 1 FROM information_schema.tables"
                     + " WHERE table_schema = ? AND table_name = 'journal_schema'")) {
            s.setString(1, location.schema());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new JournalException("cannot read journal " + where() + ": " + e.getMessage(), e);
        }
    }

    @Override
    IntentLog openLog(Durability durability, int capacity) {
        return null;
    }

    @Override
    IntentLog existingLog() {
        return null;
    }

    @Override
    FailureMarker marker() {
        return localState == null ? null : FailureMarker.open(localState);
    }

    @Override
    boolean inMemory() {
        return false;
    }
}
