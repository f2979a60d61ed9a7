package io.tradehost.plugins.venue.paper;

import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.Liquidity;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.OrderStatus;
import io.tradehost.api.order.Position;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.value.TimeInForce;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * The paper exchange's own book in {@code paper.db} (SQLite through JDBC, WAL), so that the
 * exchange outlives the host as a real one does. The venue writes a whole operation (a placement,
 * a market step with the fills it caused, a cancel) in one transaction and commits it before it
 * tells the host anything. Without a directory it keeps nothing. Not thread-safe.
 */
final class PaperStore implements AutoCloseable {
    /** What the store held at start. Empty collections and null cash for a new store. */
    record Saved(Money cash, List<Position> positions, List<SavedMarket> markets, List<SavedOrder> orders,
                 List<Fill> fills, long tradeSequence, long orderSequence) {
    }

    record SavedMarket(Symbol symbol, Price bid, Price ask, long steps) {
    }

    record SavedOrder(Order order, boolean resting) {
    }

    private static final List<String> SCHEMA = List.of(
            "CREATE TABLE IF NOT EXISTS account(id INTEGER PRIMARY KEY CHECK (id = 1), cash INTEGER NOT NULL,"
                    + " trade_sequence INTEGER NOT NULL, order_sequence INTEGER NOT NULL)",
            "CREATE TABLE IF NOT EXISTS positions(symbol TEXT PRIMARY KEY, quantity INTEGER NOT NULL,"
                    + " cost_basis INTEGER NOT NULL, realized_pnl INTEGER NOT NULL, fees INTEGER NOT NULL)",
            "CREATE TABLE IF NOT EXISTS markets(symbol TEXT PRIMARY KEY, bid INTEGER NOT NULL, ask INTEGER NOT NULL,"
                    + " steps INTEGER NOT NULL)",
            "CREATE TABLE IF NOT EXISTS orders(client_id TEXT PRIMARY KEY, seq INTEGER NOT NULL,"
                    + " venue_order_id TEXT, symbol TEXT NOT NULL, side TEXT NOT NULL, type TEXT NOT NULL,"
                    + " quantity INTEGER NOT NULL, limit_price INTEGER, time_in_force TEXT NOT NULL,"
                    + " reduce_only INTEGER NOT NULL, post_only INTEGER NOT NULL, status TEXT NOT NULL,"
                    + " filled INTEGER NOT NULL, resting INTEGER NOT NULL)",
            "CREATE TABLE IF NOT EXISTS fills(trade_id TEXT PRIMARY KEY, client_id TEXT NOT NULL, symbol TEXT NOT NULL,"
                    + " side TEXT NOT NULL, quantity INTEGER NOT NULL, price INTEGER NOT NULL, fee INTEGER NOT NULL,"
                    + " liquidity TEXT NOT NULL, ts INTEGER NOT NULL)",
            "CREATE TABLE IF NOT EXISTS placements(client_id TEXT PRIMARY KEY, attempts INTEGER NOT NULL)");

    private final Connection connection;
    private final String where;
    private long orderSeq;

    private PaperStore(Connection connection, String where) {
        this.connection = connection;
        this.where = where;
    }

    /** A store that keeps nothing. */
    static PaperStore none() {
        return new PaperStore(null, "memory");
    }

    /**
     * Opens (creating if needed) {@code directory/paper.db}.
     *
     * @throws IllegalStateException naming the file if it cannot be opened
     */
    static PaperStore open(Path directory) {
        Path file = directory.resolve("paper.db");
        try {
            Files.createDirectories(directory);
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode = WAL");
                s.execute("PRAGMA synchronous = NORMAL");
                for (String sql : SCHEMA) {
                    s.execute(sql);
                }
            }
            c.setAutoCommit(false);
            c.commit();
            return new PaperStore(c, file.toString());
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("paper venue cannot open its store " + file + ": " + e.getMessage(), e);
        }
    }

    /** Where it keeps its book, for messages. */
    String where() {
        return where;
    }

    /** Everything saved, or null for a store that keeps nothing or holds nothing yet. */
    Saved load() {
        if (connection == null) {
            return null;
        }
        try (Statement s = connection.createStatement()) {
            Money cash = null;
            long trades = 0;
            long orders = 0;
            try (ResultSet rs = s.executeQuery("SELECT cash, trade_sequence, order_sequence FROM account")) {
                if (rs.next()) {
                    cash = new Money(rs.getLong(1));
                    trades = rs.getLong(2);
                    orders = rs.getLong(3);
                }
            }
            if (cash == null) {
                return null;
            }
            List<Position> positions = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT symbol, quantity, cost_basis, realized_pnl, fees FROM positions")) {
                while (rs.next()) {
                    positions.add(new Position(Symbol.of(rs.getString(1)), new Quantity(rs.getLong(2)),
                            new Money(rs.getLong(3)), new Money(rs.getLong(4)), new Money(rs.getLong(5))));
                }
            }
            List<SavedMarket> markets = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT symbol, bid, ask, steps FROM markets")) {
                while (rs.next()) {
                    markets.add(new SavedMarket(Symbol.of(rs.getString(1)), new Price(rs.getLong(2)),
                            new Price(rs.getLong(3)), rs.getLong(4)));
                }
            }
            List<SavedOrder> saved = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT client_id, venue_order_id, symbol, side, type, quantity,"
                    + " limit_price, time_in_force, reduce_only, post_only, status, filled, resting, seq FROM orders"
                    + " ORDER BY seq")) {
                while (rs.next()) {
                    long limit = rs.getLong(7);
                    Price limitPrice = rs.wasNull() ? null : new Price(limit);
                    OrderRequest r = new OrderRequest(ClientOrderId.of(rs.getString(1)), Symbol.of(rs.getString(3)),
                            Side.valueOf(rs.getString(4)), OrderType.valueOf(rs.getString(5)),
                            new Quantity(rs.getLong(6)), limitPrice, TimeInForce.valueOf(rs.getString(8)),
                            rs.getInt(9) == 1, rs.getInt(10) == 1);
                    saved.add(new SavedOrder(new Order(r, OrderStatus.valueOf(rs.getString(11)),
                            new Quantity(rs.getLong(12)), rs.getString(2)), rs.getInt(13) == 1));
                    orderSeq = Math.max(orderSeq, rs.getLong(14));
                }
            }
            List<Fill> fills = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT trade_id, client_id, symbol, side, quantity, price, fee,"
                    + " liquidity, ts FROM fills ORDER BY ts, trade_id")) {
                while (rs.next()) {
                    fills.add(new Fill(rs.getString(1), ClientOrderId.of(rs.getString(2)), Symbol.of(rs.getString(3)),
                            Side.valueOf(rs.getString(4)), new Quantity(rs.getLong(5)), new Price(rs.getLong(6)),
                            new Money(rs.getLong(7)), Liquidity.valueOf(rs.getString(8)), rs.getLong(9)));
                }
            }
            return new Saved(cash, positions, markets, saved, fills, trades, orders);
        } catch (SQLException e) {
            throw failed("reading", e);
        }
    }

    /** Counts a placement attempt for {@code id}; returns how many there have been, this one included. */
    long countPlacement(ClientOrderId id) {
        if (connection == null) {
            return 0;
        }
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO placements(client_id, attempts)"
                + " VALUES (?, 1) ON CONFLICT(client_id) DO UPDATE SET attempts = attempts + 1 RETURNING attempts")) {
            s.setString(1, id.value());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw failed("counting a placement", e);
        }
    }

    void saveOrder(Order order, boolean resting) {
        if (connection == null) {
            return;
        }
        OrderRequest r = order.request();
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO orders(client_id, seq, venue_order_id,"
                + " symbol, side, type, quantity, limit_price, time_in_force, reduce_only, post_only, status, filled,"
                + " resting) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(client_id) DO UPDATE SET"
                + " venue_order_id = excluded.venue_order_id, status = excluded.status, filled = excluded.filled,"
                + " resting = excluded.resting")) {
            s.setString(1, r.clientOrderId().value());
            s.setLong(2, ++orderSeq);
            s.setString(3, order.venueOrderId());
            s.setString(4, r.symbol().value());
            s.setString(5, r.side().name());
            s.setString(6, r.type().name());
            s.setLong(7, r.quantity().raw());
            if (r.limitPrice() == null) {
                s.setNull(8, Types.INTEGER);
            } else {
                s.setLong(8, r.limitPrice().raw());
            }
            s.setString(9, r.timeInForce().name());
            s.setInt(10, r.reduceOnly() ? 1 : 0);
            s.setInt(11, r.postOnly() ? 1 : 0);
            s.setString(12, order.status().name());
            s.setLong(13, order.filledQuantity().raw());
            s.setInt(14, resting ? 1 : 0);
            s.executeUpdate();
        } catch (SQLException e) {
            throw failed("saving order " + r.clientOrderId(), e);
        }
    }

    void saveFill(Fill f) {
        if (connection == null) {
            return;
        }
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO fills(trade_id, client_id, symbol, side,"
                + " quantity, price, fee, liquidity, ts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, f.tradeId());
            s.setString(2, f.clientOrderId().value());
            s.setString(3, f.symbol().value());
            s.setString(4, f.side().name());
            s.setLong(5, f.quantity().raw());
            s.setLong(6, f.price().raw());
            s.setLong(7, f.fee().raw());
            s.setString(8, f.liquidity().name());
            s.setLong(9, f.timestampNanos());
            s.executeUpdate();
        } catch (SQLException e) {
            throw failed("saving fill " + f.tradeId(), e);
        }
    }

    void saveAccount(Money cash, Position changed, long tradeSequence, long orderSequence) {
        if (connection == null) {
            return;
        }
        try {
            try (PreparedStatement s = connection.prepareStatement("INSERT OR REPLACE INTO account(id, cash,"
                    + " trade_sequence, order_sequence) VALUES (1, ?, ?, ?)")) {
                s.setLong(1, cash.raw());
                s.setLong(2, tradeSequence);
                s.setLong(3, orderSequence);
                s.executeUpdate();
            }
            if (changed != null) {
                try (PreparedStatement s = connection.prepareStatement("INSERT OR REPLACE INTO positions(symbol,"
                        + " quantity, cost_basis, realized_pnl, fees) VALUES (?, ?, ?, ?, ?)")) {
                    s.setString(1, changed.symbol().value());
                    s.setLong(2, changed.quantity().raw());
                    s.setLong(3, changed.costBasis().raw());
                    s.setLong(4, changed.realizedPnl().raw());
                    s.setLong(5, changed.fees().raw());
                    s.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw failed("saving the account", e);
        }
    }

    void saveMarket(Symbol symbol, Price bid, Price ask, long steps) {
        if (connection == null) {
            return;
        }
        try (PreparedStatement s = connection.prepareStatement("INSERT OR REPLACE INTO markets(symbol, bid, ask, steps)"
                + " VALUES (?, ?, ?, ?)")) {
            s.setString(1, symbol.value());
            s.setLong(2, bid.raw());
            s.setLong(3, ask.raw());
            s.setLong(4, steps);
            s.executeUpdate();
        } catch (SQLException e) {
            throw failed("saving market " + symbol, e);
        }
    }

    /** Makes everything saved since the last commit durable (against a crash of the process). */
    void commit() {
        if (connection == null) {
            return;
        }
        try {
            connection.commit();
        } catch (SQLException e) {
            throw failed("committing", e);
        }
    }

    private IllegalStateException failed(String what, SQLException e) {
        return new IllegalStateException("paper venue store " + where + ": " + what + " failed: " + e.getMessage(), e);
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.commit();
                connection.close();
            } catch (SQLException e) {
                // the last operation was committed already; nothing is lost
            }
        }
    }
}
