package io.tradehost.plugins.venue.paper;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The tables of {@code paper.db} and how a book written by an older release is brought to them:
 * version 0 held amounts as integers scaled by 10^8 (converted to exact decimal text), books from
 * before stop orders lack their columns, books from before funding its table. Runs inside the
 * caller's transaction. Stateless.
 */
final class PaperLayout {
    /**
     * The book's tables. Amounts are exact decimal text (the api's values printed and parsed
     * back), so the book does not depend on how the api holds them.
     */
    private static final List<String> SCHEMA = List.of(
            "CREATE TABLE account(id INTEGER PRIMARY KEY CHECK (id = 1), cash TEXT NOT NULL,"
                    + " trade_sequence INTEGER NOT NULL, order_sequence INTEGER NOT NULL)",
            "CREATE TABLE positions(symbol TEXT PRIMARY KEY, quantity TEXT NOT NULL,"
                    + " cost_basis TEXT NOT NULL, realized_pnl TEXT NOT NULL, fees TEXT NOT NULL)",
            "CREATE TABLE markets(symbol TEXT PRIMARY KEY, bid TEXT NOT NULL, ask TEXT NOT NULL,"
                    + " steps INTEGER NOT NULL)",
            "CREATE TABLE orders(client_id TEXT PRIMARY KEY, seq INTEGER NOT NULL,"
                    + " venue_order_id TEXT, symbol TEXT NOT NULL, side TEXT NOT NULL, type TEXT NOT NULL,"
                    + " quantity TEXT NOT NULL, limit_price TEXT, time_in_force TEXT NOT NULL,"
                    + " reduce_only INTEGER NOT NULL, post_only INTEGER NOT NULL, status TEXT NOT NULL,"
                    + " filled TEXT NOT NULL, resting INTEGER NOT NULL)",
            "CREATE TABLE fills(trade_id TEXT PRIMARY KEY, client_id TEXT NOT NULL, symbol TEXT NOT NULL,"
                    + " side TEXT NOT NULL, quantity TEXT NOT NULL, price TEXT NOT NULL, fee TEXT NOT NULL,"
                    + " liquidity TEXT NOT NULL, ts INTEGER NOT NULL)",
            "CREATE TABLE placements(client_id TEXT PRIMARY KEY, attempts INTEGER NOT NULL)");

    /** Amount columns per table, which a book of version 0 holds as integers scaled by 10^8. */
    private static final Map<String, List<String>> AMOUNTS = Map.of(
            "account", List.of("cash"),
            "positions", List.of("quantity", "cost_basis", "realized_pnl", "fees"),
            "markets", List.of("bid", "ask"),
            "orders", List.of("quantity", "limit_price", "filled"),
            "fills", List.of("quantity", "price", "fee"));

    /** The layout this code writes, in {@code PRAGMA user_version}. */
    static final int VERSION = 1;

    private PaperLayout() {
    }

    /**
     * Brings the book in {@code c} to this layout, creating it when the file is new.
     *
     * @throws SQLException for a book from a newer release, or one that cannot be read or changed
     */
    static void apply(Connection c, Path file) throws SQLException {
        layout(c, file);
        try (Statement s = c.createStatement()) {
            boolean stops = false;
            try (ResultSet rs = s.executeQuery("PRAGMA table_info(orders)")) {
                while (rs.next()) {
                    stops |= rs.getString("name").equals("stop_price");
                }
            }
            if (!stops) {
                // stop orders (added with them): the trigger, and whether it fired
                s.execute("ALTER TABLE orders ADD COLUMN stop_price TEXT");
                s.execute("ALTER TABLE orders ADD COLUMN triggered INTEGER NOT NULL DEFAULT 0");
            }
            s.execute("CREATE TABLE IF NOT EXISTS funding(payment_id TEXT PRIMARY KEY, symbol TEXT NOT NULL,"
                    + " amount TEXT NOT NULL, rate TEXT NOT NULL, position_size TEXT NOT NULL, mark TEXT NOT NULL,"
                    + " ts INTEGER NOT NULL)");
        }
    }

    /**
     * Creates the tables of a new book, or converts a book of version 0 (amounts as integers scaled
     * by 10^8) to decimal text; refuses a book from a newer host.
     */
    private static void layout(Connection c, Path file) throws SQLException {
        try (Statement s = c.createStatement()) {
            int version;
            try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
                version = rs.next() ? rs.getInt(1) : 0;
            }
            boolean empty;
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE type = 'table'")) {
                empty = rs.next() && rs.getInt(1) == 0;
            }
            if (version > VERSION) {
                throw new SQLException("the book has layout version " + version + ", newer than this paper venue ("
                        + VERSION + ")");
            }
            if (version == VERSION) {
                return;
            }
            for (String sql : SCHEMA) {
                String table = sql.substring("CREATE TABLE ".length(), sql.indexOf('('));
                if (empty) {
                    s.execute(sql);
                    continue;
                }
                s.execute(sql.replaceFirst("CREATE TABLE " + table, "CREATE TABLE " + table + "_v1"));
                List<String> columns = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("PRAGMA table_info(" + table + ")")) {
                    while (rs.next()) {
                        String column = rs.getString("name");
                        columns.add(AMOUNTS.getOrDefault(table, List.of()).contains(column)
                                ? scaledToText(column) : column);
                    }
                }
                s.execute("INSERT INTO " + table + "_v1 SELECT " + String.join(", ", columns) + " FROM " + table);
                s.execute("DROP TABLE " + table);
                s.execute("ALTER TABLE " + table + "_v1 RENAME TO " + table);
            }
            s.execute("PRAGMA user_version = " + VERSION);
            if (!empty) {
                System.getLogger(PaperStore.class.getName()).log(System.Logger.Level.INFO,
                        "paper venue book {0} converted to decimal amounts (layout {1})", file, VERSION);
            }
        }
    }

    /** SQL turning an integer scaled by 10^8 into its exact decimal text; NULL stays NULL. */
    static String scaledToText(String column) {
        return "CASE WHEN " + column + " IS NULL THEN NULL WHEN " + column + " < 0 THEN '-' || (-" + column
                + " / 100000000) || '.' || substr('0000000' || (-" + column + " % 100000000), -8, 8) ELSE ("
                + column + " / 100000000) || '.' || substr('0000000' || (" + column + " % 100000000), -8, 8) END";
    }

}
