package io.tradehost.plugins.venue.paper;

import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.FundingPayment;
import io.tradehost.api.order.Liquidity;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.OrderStatus;
import io.tradehost.api.order.Position;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Ratio;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.value.TimeInForce;
import io.tradehost.simulator.BookedOrder;
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
    record Saved(Money cash, List<Position> positions, List<SavedMarket> markets, List<BookedOrder> orders,
                 List<Fill> fills, long tradeSequence, long orderSequence) {
    }

    record SavedMarket(Symbol symbol, Price bid, Price ask, long steps) {
    }

    /** The layout this code writes, in {@code PRAGMA user_version}. */
    static final int VERSION = PaperLayout.VERSION;

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
     * Opens (creating if needed) {@code directory/paper.db}, brought to this code's layout
     * ({@link PaperLayout}).
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
            }
            c.setAutoCommit(false);
            PaperLayout.apply(c, file);
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
                    cash = Money.of(rs.getString(1));
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
                    positions.add(new Position(Symbol.of(rs.getString(1)), Quantity.of(rs.getString(2)),
                            Money.of(rs.getString(3)), Money.of(rs.getString(4)), Money.of(rs.getString(5))));
                }
            }
            List<SavedMarket> markets = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT symbol, bid, ask, steps FROM markets")) {
                while (rs.next()) {
                    markets.add(new SavedMarket(Symbol.of(rs.getString(1)), Price.of(rs.getString(2)),
                            Price.of(rs.getString(3)), rs.getLong(4)));
                }
            }
            List<BookedOrder> saved = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT client_id, venue_order_id, symbol, side, type, quantity,"
                    + " limit_price, time_in_force, reduce_only, post_only, status, filled, resting, seq, stop_price,"
                    + " triggered FROM orders ORDER BY seq")) {
                while (rs.next()) {
                    String limit = rs.getString(7);
                    Price limitPrice = limit == null ? null : Price.of(limit);
                    String stop = rs.getString(15);
                    OrderRequest r = new OrderRequest(ClientOrderId.of(rs.getString(1)), Symbol.of(rs.getString(3)),
                            Side.valueOf(rs.getString(4)), OrderType.valueOf(rs.getString(5)),
                            Quantity.of(rs.getString(6)), limitPrice, TimeInForce.valueOf(rs.getString(8)),
                            rs.getInt(9) == 1, rs.getInt(10) == 1, stop == null ? null : Price.of(stop));
                    saved.add(new BookedOrder(new Order(r, OrderStatus.valueOf(rs.getString(11)),
                            Quantity.of(rs.getString(12)), rs.getString(2)), rs.getInt(13) == 1,
                            rs.getInt(16) == 1));
                    orderSeq = Math.max(orderSeq, rs.getLong(14));
                }
            }
            List<Fill> fills = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT trade_id, client_id, symbol, side, quantity, price, fee,"
                    + " liquidity, ts FROM fills ORDER BY ts, trade_id")) {
                while (rs.next()) {
                    fills.add(new Fill(rs.getString(1), ClientOrderId.of(rs.getString(2)), Symbol.of(rs.getString(3)),
                            Side.valueOf(rs.getString(4)), Quantity.of(rs.getString(5)), Price.of(rs.getString(6)),
                            Money.of(rs.getString(7)), Liquidity.valueOf(rs.getString(8)), rs.getLong(9)));
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

    /**
     * Saves an order, its terms included (an amend changes its quantity and limit price in place);
     * {@code triggered} marks a stop whose trigger fired (it now rests as a limit).
     */
    void saveOrder(Order order, boolean resting, boolean triggered) {
        if (connection == null) {
            return;
        }
        OrderRequest r = order.request();
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO orders(client_id, seq, venue_order_id,"
                + " symbol, side, type, quantity, limit_price, time_in_force, reduce_only, post_only, status, filled,"
                + " resting, stop_price, triggered) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT"
                + "(client_id) DO UPDATE SET venue_order_id = excluded.venue_order_id, quantity = excluded.quantity,"
                + " limit_price = excluded.limit_price, status = excluded.status, filled = excluded.filled,"
                + " resting = excluded.resting, triggered = excluded.triggered")) {
            s.setString(15, r.stopPrice() == null ? null : r.stopPrice().toString());
            s.setInt(16, triggered ? 1 : 0);
            s.setString(1, r.clientOrderId().value());
            s.setLong(2, ++orderSeq);
            s.setString(3, order.venueOrderId());
            s.setString(4, r.symbol().value());
            s.setString(5, r.side().name());
            s.setString(6, r.type().name());
            s.setString(7, r.quantity().toString());
            if (r.limitPrice() == null) {
                s.setNull(8, Types.VARCHAR);
            } else {
                s.setString(8, r.limitPrice().toString());
            }
            s.setString(9, r.timeInForce().name());
            s.setInt(10, r.reduceOnly() ? 1 : 0);
            s.setInt(11, r.postOnly() ? 1 : 0);
            s.setString(12, order.status().name());
            s.setString(13, order.filledQuantity().toString());
            s.setInt(14, resting ? 1 : 0);
            s.executeUpdate();
        } catch (SQLException e) {
            throw failed("saving order " + r.clientOrderId(), e);
        }
    }

    void saveFunding(FundingPayment p) {
        if (connection == null) {
            return;
        }
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO funding(payment_id, symbol, amount, rate,"
                + " position_size, mark, ts) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, p.id());
            s.setString(2, p.symbol().value());
            s.setString(3, p.amount().toString());
            s.setString(4, p.rate().toString());
            s.setString(5, p.positionSize().toString());
            s.setString(6, p.mark().toString());
            s.setLong(7, p.timestampNanos());
            s.executeUpdate();
        } catch (SQLException e) {
            throw failed("saving funding payment " + p.id(), e);
        }
    }

    /** Every funding payment saved, oldest first. */
    List<FundingPayment> funding() {
        if (connection == null) {
            return List.of();
        }
        List<FundingPayment> out = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT payment_id, symbol,"
                + " amount, rate, position_size, mark, ts FROM funding ORDER BY ts, payment_id")) {
            while (rs.next()) {
                out.add(new FundingPayment(rs.getString(1), Symbol.of(rs.getString(2)), Money.of(rs.getString(3)),
                        Ratio.of(rs.getString(4)), Quantity.of(rs.getString(5)), Price.of(rs.getString(6)),
                        rs.getLong(7)));
            }
        } catch (SQLException e) {
            throw failed("reading funding payments", e);
        }
        return out;
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
            s.setString(5, f.quantity().toString());
            s.setString(6, f.price().toString());
            s.setString(7, f.fee().toString());
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
                s.setString(1, cash.toString());
                s.setLong(2, tradeSequence);
                s.setLong(3, orderSequence);
                s.executeUpdate();
            }
            if (changed != null) {
                try (PreparedStatement s = connection.prepareStatement("INSERT OR REPLACE INTO positions(symbol,"
                        + " quantity, cost_basis, realized_pnl, fees) VALUES (?, ?, ?, ?, ?)")) {
                    s.setString(1, changed.symbol().value());
                    s.setString(2, changed.quantity().toString());
                    s.setString(3, changed.costBasis().toString());
                    s.setString(4, changed.realizedPnl().toString());
                    s.setString(5, changed.fees().toString());
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
            s.setString(2, bid.toString());
            s.setString(3, ask.toString());
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
