package io.tradehost.journal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal's schema as numbered migrations; {@code PRAGMA user_version} records how many have
 * been applied. A migration is only ever appended, never edited: released journals must be able to
 * upgrade. Amounts are exact decimal text (migration 3; before it they were integers scaled by 10^8).
 */
final class Schema {
    private static final Logger LOG = LoggerFactory.getLogger(Schema.class);

    private static final List<List<String>> MIGRATIONS = List.of(
            List.of(
                    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)",
                    "CREATE TABLE orders(client_id TEXT PRIMARY KEY, sequence INTEGER NOT NULL, symbol TEXT NOT NULL,"
                            + " side TEXT NOT NULL, type TEXT NOT NULL, quantity INTEGER NOT NULL,"
                            + " limit_price INTEGER, time_in_force TEXT NOT NULL, reduce_only INTEGER NOT NULL,"
                            + " post_only INTEGER NOT NULL, status TEXT NOT NULL, filled INTEGER NOT NULL,"
                            + " venue_order_id TEXT, note TEXT, created_nanos INTEGER NOT NULL,"
                            + " updated_nanos INTEGER NOT NULL)",
                    "CREATE INDEX orders_by_status ON orders(status)",
                    "CREATE TABLE fills(trade_id TEXT PRIMARY KEY, client_id TEXT NOT NULL, symbol TEXT NOT NULL,"
                            + " side TEXT NOT NULL, quantity INTEGER NOT NULL, price INTEGER NOT NULL,"
                            + " fee INTEGER NOT NULL, liquidity TEXT NOT NULL, venue_nanos INTEGER NOT NULL)",
                    "CREATE INDEX fills_by_order ON fills(client_id)",
                    "CREATE TABLE positions(symbol TEXT PRIMARY KEY, quantity INTEGER NOT NULL,"
                            + " cost_basis INTEGER NOT NULL, realized_pnl INTEGER NOT NULL, fees INTEGER NOT NULL,"
                            + " updated_nanos INTEGER NOT NULL)",
                    "CREATE TABLE account(id INTEGER PRIMARY KEY CHECK (id = 1), cash INTEGER NOT NULL,"
                            + " updated_nanos INTEGER NOT NULL)",
                    "CREATE TABLE state_transitions(id INTEGER PRIMARY KEY AUTOINCREMENT,"
                            + " at_nanos INTEGER NOT NULL, from_state TEXT NOT NULL, to_state TEXT NOT NULL,"
                            + " reasons TEXT NOT NULL)"),
            List.of(
                    "CREATE TABLE active_reasons(code TEXT PRIMARY KEY, source TEXT NOT NULL, effect TEXT NOT NULL,"
                            + " message TEXT NOT NULL, metadata TEXT NOT NULL, raised_nanos INTEGER NOT NULL,"
                            + " symbol TEXT, clearing TEXT NOT NULL)"),
            decimalAmounts(),
            List.of(
                    "CREATE TABLE operator_actions(id INTEGER PRIMARY KEY AUTOINCREMENT, at_nanos INTEGER NOT NULL,"
                            + " actor TEXT NOT NULL, action TEXT NOT NULL, argument TEXT, reason TEXT NOT NULL,"
                            + " changed INTEGER NOT NULL, outcome TEXT NOT NULL)"),
            List.of(
                    "CREATE TABLE funding(payment_id TEXT PRIMARY KEY, symbol TEXT NOT NULL, amount TEXT NOT NULL,"
                            + " rate TEXT NOT NULL, position_size TEXT NOT NULL, mark TEXT NOT NULL,"
                            + " venue_nanos INTEGER NOT NULL)"),
            List.of("ALTER TABLE orders ADD COLUMN stop_price TEXT"),
            List.of(
                    "CREATE TABLE config_reloads(id INTEGER PRIMARY KEY AUTOINCREMENT, at_nanos INTEGER NOT NULL,"
                            + " trigger TEXT NOT NULL, outcome TEXT NOT NULL, severity TEXT NOT NULL,"
                            + " changes TEXT NOT NULL, errors TEXT NOT NULL)"),
            List.of(
                    "ALTER TABLE orders ADD COLUMN strategy TEXT NOT NULL DEFAULT ''",
                    "ALTER TABLE orders ADD COLUMN tag TEXT NOT NULL DEFAULT ''",
                    "ALTER TABLE orders ADD COLUMN managed INTEGER NOT NULL DEFAULT 0",
                    "CREATE TABLE strategy_state(strategy TEXT PRIMARY KEY, state BLOB NOT NULL,"
                            + " saved_nanos INTEGER NOT NULL)"),
            List.of("ALTER TABLE orders ADD COLUMN expire_at INTEGER NOT NULL DEFAULT 0"),
            List.of("ALTER TABLE orders ADD COLUMN held INTEGER NOT NULL DEFAULT 0"),
            List.of("ALTER TABLE orders ADD COLUMN trail TEXT"),
            List.of(
                    "CREATE TABLE order_lists(id INTEGER PRIMARY KEY, strategy TEXT NOT NULL, spec TEXT NOT NULL,"
                            + " dropped INTEGER NOT NULL, open INTEGER NOT NULL, updated_nanos INTEGER NOT NULL)",
                    "ALTER TABLE orders ADD COLUMN list_id INTEGER",
                    "ALTER TABLE orders ADD COLUMN list_member INTEGER",
                    "CREATE INDEX orders_by_list ON orders(list_id)"),
            List.of("ALTER TABLE orders ADD COLUMN list_role TEXT"));

    private Schema() {
    }

    /**
     * Migration 3: amounts as exact decimal text instead of integers scaled by 10^8, so the journal
     * holds every value the api can (its range outgrew a long). SQLite cannot change a column's
     * type, so each table is rebuilt with its rows converted.
     */
    private static List<String> decimalAmounts() {
        List<String> sql = new java.util.ArrayList<>();
        rebuild(sql, "orders", "client_id TEXT PRIMARY KEY, sequence INTEGER NOT NULL, symbol TEXT NOT NULL,"
                + " side TEXT NOT NULL, type TEXT NOT NULL, quantity TEXT NOT NULL, limit_price TEXT,"
                + " time_in_force TEXT NOT NULL, reduce_only INTEGER NOT NULL, post_only INTEGER NOT NULL,"
                + " status TEXT NOT NULL, filled TEXT NOT NULL, venue_order_id TEXT, note TEXT,"
                + " created_nanos INTEGER NOT NULL, updated_nanos INTEGER NOT NULL",
                "client_id, sequence, symbol, side, type, " + text("quantity") + ", " + text("limit_price")
                        + ", time_in_force, reduce_only, post_only, status, " + text("filled")
                        + ", venue_order_id, note, created_nanos, updated_nanos");
        sql.add("CREATE INDEX orders_by_status ON orders(status)");
        rebuild(sql, "fills", "trade_id TEXT PRIMARY KEY, client_id TEXT NOT NULL, symbol TEXT NOT NULL,"
                + " side TEXT NOT NULL, quantity TEXT NOT NULL, price TEXT NOT NULL, fee TEXT NOT NULL,"
                + " liquidity TEXT NOT NULL, venue_nanos INTEGER NOT NULL",
                "trade_id, client_id, symbol, side, " + text("quantity") + ", " + text("price") + ", " + text("fee")
                        + ", liquidity, venue_nanos");
        sql.add("CREATE INDEX fills_by_order ON fills(client_id)");
        rebuild(sql, "positions", "symbol TEXT PRIMARY KEY, quantity TEXT NOT NULL, cost_basis TEXT NOT NULL,"
                + " realized_pnl TEXT NOT NULL, fees TEXT NOT NULL, updated_nanos INTEGER NOT NULL",
                "symbol, " + text("quantity") + ", " + text("cost_basis") + ", " + text("realized_pnl") + ", "
                        + text("fees") + ", updated_nanos");
        rebuild(sql, "account", "id INTEGER PRIMARY KEY CHECK (id = 1), cash TEXT NOT NULL,"
                + " updated_nanos INTEGER NOT NULL", "id, " + text("cash") + ", updated_nanos");
        return List.copyOf(sql);
    }

    private static void rebuild(List<String> sql, String table, String columns, String select) {
        sql.add("CREATE TABLE " + table + "_v3(" + columns + ")");
        sql.add("INSERT INTO " + table + "_v3 SELECT " + select + " FROM " + table);
        sql.add("DROP TABLE " + table);
        sql.add("ALTER TABLE " + table + "_v3 RENAME TO " + table);
    }

    /** SQL turning an integer scaled by 10^8 into its exact decimal text; NULL stays NULL. */
    static String text(String column) {
        return "CASE WHEN " + column + " IS NULL THEN NULL WHEN " + column + " < 0 THEN '-' || (-" + column
                + " / 100000000) || '.' || substr('0000000' || (-" + column + " % 100000000), -8, 8) ELSE ("
                + column + " / 100000000) || '.' || substr('0000000' || (" + column + " % 100000000), -8, 8) END";
    }

    /** The statements of migration {@code version} (1-based), as released; for tests of old journals. */
    static List<String> migration(int version) {
        return MIGRATIONS.get(version - 1);
    }

    /** The schema version this code writes. */
    static int latest() {
        return MIGRATIONS.size();
    }

    /**
     * Applies the migrations {@code connection}'s database lacks, each in its own transaction.
     *
     * @throws JournalException if the database is newer than this code
     */
    static void migrate(Connection connection, String where) throws SQLException {
        int current = version(connection);
        if (current > latest()) {
            throw new JournalException("journal " + where + " has schema version " + current
                    + ", newer than this tradehost understands (" + latest() + "); run a newer tradehost");
        }
        for (int version = current + 1; version <= latest(); version++) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                for (String sql : MIGRATIONS.get(version - 1)) {
                    statement.execute(sql);
                }
                statement.execute("PRAGMA user_version = " + version);
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
            LOG.info("journal {} migrated to schema version {}", where, version);
        }
    }

    static int version(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }
}
