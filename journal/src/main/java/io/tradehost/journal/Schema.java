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
 * upgrade. Amounts are the fixed-point raw longs of the api values (exact, 8 decimals).
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
                            + " symbol TEXT, clearing TEXT NOT NULL)"));

    private Schema() {
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
