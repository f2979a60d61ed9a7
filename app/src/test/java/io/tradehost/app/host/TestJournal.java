package io.tradehost.app.host;

import io.tradehost.app.wiring.JournalStores;
import io.tradehost.testkit.PostgresServer;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The store a host test keeps its journal in: the data directory's SQLite file, or a schema of its own
 * on the test JVM's PostgreSQL server. Gives the host's configuration and environment for it, and a
 * connection to read or break the journal directly, as an auditor (or a failing disk) would.
 */
public abstract sealed class TestJournal {
    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    private TestJournal() {
    }

    /** {@code journal.db} in the data directory: the default, no configuration. */
    public static TestJournal sqlite() {
        return new Sqlite();
    }

    /** A new schema, named after {@code prefix}, on the test JVM's shared PostgreSQL server. */
    public static TestJournal postgres(String prefix) {
        try {
            return new Postgres(PostgresServer.shared(), prefix + "_" + SCHEMAS.incrementAndGet());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The configuration overrides ({@code key=value}) that put a host's journal here. */
    public abstract List<String> overrides();

    /** The environment a host needs for it (the password). */
    public abstract Map<String, String> environment();

    /** A connection to the journal of the host whose data directory is {@code data}. */
    public abstract Connection connect(Path data) throws SQLException;

    /** How the journal names itself in messages. */
    public abstract String where(Path data);

    /** What the store says of a table that is not there. */
    public abstract String missingTable(String table);

    /** The first column of every row {@code sql} returns from the journal, as strings. */
    public List<String> strings(Path data, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = connect(data); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static final class Sqlite extends TestJournal {
        @Override
        public List<String> overrides() {
            return List.of();
        }

        @Override
        public Map<String, String> environment() {
            return Map.of();
        }

        @Override
        public Connection connect(Path data) throws SQLException {
            return DriverManager.getConnection("jdbc:sqlite:" + data.resolve("journal.db"));
        }

        @Override
        public String where(Path data) {
            return data.resolve("journal.db").toString();
        }

        @Override
        public String missingTable(String table) {
            return "no such table: " + table;
        }

        @Override
        public String toString() {
            return "SQLite";
        }
    }

    private static final class Postgres extends TestJournal {
        private final PostgresServer server;
        private final String schema;

        Postgres(PostgresServer server, String schema) {
            this.server = server;
            this.schema = schema;
        }

        @Override
        public List<String> overrides() {
            return List.of("journal.url=\"" + server.url() + "\"", "journal.user=\"" + server.user() + "\"",
                    "journal.schema=\"" + schema + "\"");
        }

        @Override
        public Map<String, String> environment() {
            return Map.of(JournalStores.PASSWORD_VARIABLE, server.password());
        }

        @Override
        public Connection connect(Path data) throws SQLException {
            Connection c = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
            c.setSchema(schema);
            return c;
        }

        @Override
        public String where(Path data) {
            return server.url() + " (schema " + schema + ", user " + server.user() + ")";
        }

        @Override
        public String missingTable(String table) {
            return "relation \"" + table + "\" does not exist";
        }

        @Override
        public String toString() {
            return "PostgreSQL";
        }
    }
}
