package io.tradehost.journal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Creating a PostgreSQL schema that hosts may reach first together: under a lock, and only when missing. */
final class PostgresSchemas {
    private PostgresSchemas() {
    }

    /**
     * Takes the transaction-scoped advisory lock {@code lock}, then creates {@code schema} if it does not
     * exist (only then: {@code CREATE SCHEMA IF NOT EXISTS} needs the right to create schemas even when it
     * exists). Inside a transaction; the lock is released at its end.
     *
     * @param schema a plain lower-case identifier (quoted here: it may be a keyword)
     */
    static void lockAndCreate(Statement statement, String lock, String schema) throws SQLException {
        statement.execute("SELECT pg_advisory_xact_lock(hashtext('" + lock + "'))");
        boolean exists;
        try (ResultSet rs = statement.executeQuery("SELECT 1 FROM pg_namespace WHERE nspname = '" + schema + "'")) {
            exists = rs.next();
        }
        if (!exists) {
            statement.execute("CREATE SCHEMA \"" + schema + "\"");
        }
    }
}
