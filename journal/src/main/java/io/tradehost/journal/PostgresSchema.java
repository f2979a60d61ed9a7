package io.tradehost.journal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal's schema on PostgreSQL as numbered migrations; {@code journal_schema} records how many
 * have been applied. The first is the SQLite schema as of its migration {@value #SQLITE_BASE}, in
 * PostgreSQL's types (BIGINT for nanoseconds and sequences, BYTEA for blobs, identity columns); every
 * later change is appended here and to {@link Schema} alike, and {@code JournalStoresTest} holds the two
 * to the same tables and columns. Migrations run in one transaction under an advisory lock, so hosts
 * starting together on one database migrate it once.
 */
final class PostgresSchema {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresSchema.class);
    /** The SQLite schema version the first PostgreSQL migration matches. */
    static final int SQLITE_BASE = 13;

    private static final List<List<String>> MIGRATIONS = List.of(List.of(
            "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            "CREATE TABLE orders(client_id TEXT PRIMARY KEY, sequence BIGINT NOT NULL, symbol TEXT NOT NULL,"
                    + " side TEXT NOT NULL, type TEXT NOT NULL, quantity TEXT NOT NULL, limit_price TEXT,"
                    + " time_in_force TEXT NOT NULL, reduce_only INTEGER NOT NULL, post_only INTEGER NOT NULL,"
                    + " status TEXT NOT NULL, filled TEXT NOT NULL, venue_order_id TEXT, note TEXT,"
                    + " created_nanos BIGINT NOT NULL, updated_nanos BIGINT NOT NULL, stop_price TEXT,"
                    + " strategy TEXT NOT NULL DEFAULT '', tag TEXT NOT NULL DEFAULT '',"
                    + " managed INTEGER NOT NULL DEFAULT 0, expire_at BIGINT NOT NULL DEFAULT 0,"
                    + " held INTEGER NOT NULL DEFAULT 0, trail TEXT, list_id BIGINT, list_member INTEGER,"
                    + " list_role TEXT)",
            "CREATE INDEX orders_by_status ON orders(status)",
            "CREATE INDEX orders_by_list ON orders(list_id)",
            "CREATE TABLE fills(trade_id TEXT PRIMARY KEY, client_id TEXT NOT NULL, symbol TEXT NOT NULL,"
                    + " side TEXT NOT NULL, quantity TEXT NOT NULL, price TEXT NOT NULL, fee TEXT NOT NULL,"
                    + " liquidity TEXT NOT NULL, venue_nanos BIGINT NOT NULL)",
            "CREATE INDEX fills_by_order ON fills(client_id)",
            "CREATE TABLE positions(symbol TEXT PRIMARY KEY, quantity TEXT NOT NULL, cost_basis TEXT NOT NULL,"
                    + " realized_pnl TEXT NOT NULL, fees TEXT NOT NULL, updated_nanos BIGINT NOT NULL)",
            "CREATE TABLE account(id INTEGER PRIMARY KEY CHECK (id = 1), cash TEXT NOT NULL,"
                    + " updated_nanos BIGINT NOT NULL)",
            "CREATE TABLE state_transitions(id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                    + " at_nanos BIGINT NOT NULL, from_state TEXT NOT NULL, to_state TEXT NOT NULL,"
                    + " reasons TEXT NOT NULL)",
            "CREATE TABLE active_reasons(code TEXT PRIMARY KEY, source TEXT NOT NULL, effect TEXT NOT NULL,"
                    + " message TEXT NOT NULL, metadata TEXT NOT NULL, raised_nanos BIGINT NOT NULL,"
                    + " symbol TEXT, clearing TEXT NOT NULL)",
            "CREATE TABLE operator_actions(id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                    + " at_nanos BIGINT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, argument TEXT,"
                    + " reason TEXT NOT NULL, changed INTEGER NOT NULL, outcome TEXT NOT NULL)",
            "CREATE TABLE funding(payment_id TEXT PRIMARY KEY, symbol TEXT NOT NULL, amount TEXT NOT NULL,"
                    + " rate TEXT NOT NULL, position_size TEXT NOT NULL, mark TEXT NOT NULL,"
                    + " venue_nanos BIGINT NOT NULL)",
            "CREATE TABLE config_reloads(id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                    + " at_nanos BIGINT NOT NULL, trigger TEXT NOT NULL, outcome TEXT NOT NULL,"
                    + " severity TEXT NOT NULL, changes TEXT NOT NULL, errors TEXT NOT NULL)",
            "CREATE TABLE strategy_state(strategy TEXT PRIMARY KEY, state BYTEA NOT NULL,"
                    + " saved_nanos BIGINT NOT NULL)",
            "CREATE TABLE order_lists(id BIGINT PRIMARY KEY, strategy TEXT NOT NULL, spec TEXT NOT NULL,"
                    + " dropped BIGINT NOT NULL, open INTEGER NOT NULL, updated_nanos BIGINT NOT NULL)"));

    private PostgresSchema() {
    }

    /** The schema version this code writes. */
    static int latest() {
        return MIGRATIONS.size();
    }

    /**
     * Creates {@code schema} if absent and applies the migrations it lacks, in one transaction.
     *
     * @param schema a plain identifier (checked by {@link PostgresLocation})
     * @throws JournalException if the journal is newer than this code
     */
    static void migrate(Connection connection, String schema, String where) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            PostgresSchemas.lockAndCreate(statement, "tradehost journal " + schema, schema);
            String quoted = "\"" + schema + "\""; // a plain lower-case identifier (PostgresLocation), maybe a keyword
            statement.execute("CREATE TABLE IF NOT EXISTS " + quoted + ".journal_schema(id INTEGER PRIMARY KEY"
                    + " CHECK (id = 1), version INTEGER NOT NULL)");
            int current;
            try (ResultSet rs = statement.executeQuery("SELECT version FROM " + quoted + ".journal_schema")) {
                current = rs.next() ? rs.getInt(1) : 0;
            }
            if (current > latest()) {
                throw new JournalException("journal " + where + " has schema version " + current
                        + ", newer than this tradehost understands (" + latest() + "); run a newer tradehost");
            }
            for (int version = current + 1; version <= latest(); version++) {
                for (String sql : MIGRATIONS.get(version - 1)) {
                    statement.execute(sql);
                }
            }
            if (current < latest()) {
                statement.execute("INSERT INTO " + quoted + ".journal_schema(id, version) VALUES (1, " + latest()
                        + ") ON CONFLICT(id) DO UPDATE SET version = excluded.version");
            }
            connection.commit();
            if (current < latest()) {
                LOG.info("journal {} migrated to schema version {}", where, latest());
            }
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }
}
