package io.tradehost.journal;

import io.tradehost.api.event.ConfigReloaded;
import io.tradehost.api.event.OperatorActed;
import io.tradehost.api.event.OrderAmended;
import io.tradehost.api.event.TradingStateChanged;
import io.tradehost.api.host.OperatorAction;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.FundingPayment;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.OrderStatus;
import io.tradehost.api.order.Position;
import io.tradehost.api.state.ClearingRule;
import io.tradehost.api.state.ReasonCode;
import io.tradehost.api.state.ReasonSource;
import io.tradehost.api.state.StateReason;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.value.TimeInForce;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
/** The journal's SQL, one method per statement. Amounts are stored as exact decimal text. */
final class Rows {
    static final String OPEN_STATUSES = "('SUBMITTED','ACCEPTED','PARTIALLY_FILLED')";

    private Rows() {
    }

    static String meta(Connection c, String key) throws SQLException {
        try (Statements.Lease lease = Statements.lease(c, "SELECT value FROM meta WHERE key = ?")) {
            PreparedStatement s = lease.statement();
            s.setString(1, key);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** Sets {@code key} unless it is set already (another host sharing the journal may have set it first). */
    static void putMetaIfAbsent(Connection c, String key, String value) throws SQLException {
        try (Statements.Lease lease = Statements.lease(c, "INSERT INTO meta(key, value) VALUES (?, ?)"
                + " ON CONFLICT(key) DO NOTHING")) {
            PreparedStatement s = lease.statement();
            s.setString(1, key);
            s.setString(2, value);
            s.executeUpdate();
        }
    }

    static void putMeta(Connection c, String key, String value) throws SQLException {
        try (Statements.Lease lease = Statements.lease(c, "INSERT INTO meta(key, value) VALUES (?, ?)"
                + " ON CONFLICT(key) DO UPDATE SET value = excluded.value")) {
            PreparedStatement s = lease.statement();
            s.setString(1, key);
            s.setString(2, value);
            s.executeUpdate();
        }
    }

    static void insertIntent(Connection c, OrderRequest r, long sequence, long nanos) throws SQLException {
        upsert(c, "INSERT INTO orders", new Order(r, OrderStatus.SUBMITTED, Quantity.ZERO, null), sequence,
                "intent", nanos, "");
    }

    /**
     * An intent read back from the intent log, unless the journal has its order already (then it holds
     * the order as it went on from there). Returns whether it was inserted.
     */
    static boolean insertIntentIfAbsent(Connection c, OrderRequest r, long sequence, long nanos) throws SQLException {
        return upsert(c, "INSERT INTO orders", new Order(r, OrderStatus.SUBMITTED, Quantity.ZERO, null),
                sequence, "intent (from the intent log)", nanos, " ON CONFLICT(client_id) DO NOTHING") == 1;
    }

    static void upsertOrder(Connection c, Order order, long sequence, String note, long nanos) throws SQLException {
        upsert(c, "INSERT INTO orders", order, sequence, note, nanos, " ON CONFLICT(client_id) DO UPDATE SET"
                + " status = excluded.status, filled = excluded.filled,"
                // the terms the journal was handed (the venue's, where SqlJournal trusts them)
                + " quantity = excluded.quantity, limit_price = excluded.limit_price,"
                + " venue_order_id = COALESCE(excluded.venue_order_id, orders.venue_order_id), note = excluded.note,"
                + " updated_nanos = excluded.updated_nanos");
    }

    /** Returns the rows changed. */
    private static int upsert(Connection c, String insert, Order order, long sequence, String note, long nanos,
                              String conflict) throws SQLException {
        OrderRequest r = order.request();
        try (Statements.Lease lease = Statements.lease(c, insert + "(client_id, sequence, symbol, side, type, quantity,"
                + " limit_price, time_in_force, reduce_only, post_only, status, filled, venue_order_id, note,"
                + " created_nanos, updated_nanos, stop_price) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + conflict)) {
            PreparedStatement s = lease.statement();
            s.setString(1, r.clientOrderId().value());
            s.setLong(2, sequence);
            s.setString(3, r.symbol().value());
            s.setString(4, r.side().name());
            s.setString(5, r.type().name());
            s.setString(6, r.quantity().toString());
            if (r.limitPrice() == null) {
                s.setNull(7, Types.VARCHAR);
            } else {
                s.setString(7, r.limitPrice().toString());
            }
            s.setString(8, r.timeInForce().name());
            s.setInt(9, r.reduceOnly() ? 1 : 0);
            s.setInt(10, r.postOnly() ? 1 : 0);
            s.setString(11, order.status().name());
            s.setString(12, order.filledQuantity().toString());
            s.setString(13, order.venueOrderId());
            s.setString(14, note);
            s.setLong(15, nanos);
            s.setLong(16, nanos);
            if (r.stopPrice() == null) {
                s.setNull(17, Types.VARCHAR);
            } else {
                s.setString(17, r.stopPrice().toString());
            }
            return s.executeUpdate();
        }
    }

    /** An open order's new terms after an amend. */
    static void updateTerms(Connection c, OrderAmended a, OrderStatus status, long nanos) throws SQLException {
        try (Statements.Lease lease = Statements.lease(c, "UPDATE orders SET limit_price = ?, quantity = ?,"
                + " status = ?, updated_nanos = ? WHERE client_id = ? AND status IN " + OPEN_STATUSES)) {
            PreparedStatement s = lease.statement();
            s.setString(1, a.limitPrice().toString());
            s.setString(2, a.quantity().toString());
            s.setString(3, status.name());
            s.setLong(4, nanos);
            s.setString(5, a.clientOrderId().value());
            s.executeUpdate();
        }
    }

    static void updateStatus(Connection c, ClientOrderId id, OrderStatus next, String venueOrderId, String note,
                             long nanos) throws SQLException {
        try (Statements.Lease lease = Statements.lease(c, "UPDATE orders SET status = ?,"
                + " venue_order_id = COALESCE(?, venue_order_id), note = COALESCE(?, note), updated_nanos = ?"
                + " WHERE client_id = ? AND status IN " + OPEN_STATUSES)) {
            PreparedStatement s = lease.statement();
            s.setString(1, next.name());
            s.setString(2, venueOrderId);
            s.setString(3, note);
            s.setLong(4, nanos);
            s.setString(5, id.value());
            s.executeUpdate();
        }
    }

    /** Records a funding payment; false if its id is there already. */
    static boolean insertFunding(Connection c, FundingPayment p) throws SQLException {
        try (Statements.Lease lease = Statements.lease(c, "INSERT INTO funding(payment_id, symbol, amount, rate,"
                + " position_size, mark, venue_nanos) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(payment_id) DO NOTHING")) {
            PreparedStatement s = lease.statement();
            s.setString(1, p.id());
            s.setString(2, p.symbol().value());
            s.setString(3, p.amount().toString());
            s.setString(4, p.rate().toString());
            s.setString(5, p.positionSize().toString());
            s.setString(6, p.mark().toString());
            s.setLong(7, p.timestampNanos());
            return s.executeUpdate() == 1;
        }
    }

    /** Every funding payment id booked. */
    static Set<String> fundingIds(Connection c) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT payment_id FROM funding")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    /** Inserts the fill unless its trade id is recorded; returns whether it was new. */
    static boolean insertFill(Connection c, Fill f) throws SQLException {
        try (Statements.Lease lease = Statements.lease(c, "INSERT INTO fills(trade_id, client_id, symbol, side,"
                + " quantity, price, fee, liquidity, venue_nanos) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT(trade_id) DO NOTHING")) {
            PreparedStatement s = lease.statement();
            s.setString(1, f.tradeId());
            s.setString(2, f.clientOrderId().value());
            s.setString(3, f.symbol().value());
            s.setString(4, f.side().name());
            s.setString(5, f.quantity().toString());
            s.setString(6, f.price().toString());
            s.setString(7, f.fee().toString());
            s.setString(8, f.liquidity().name());
            s.setLong(9, f.timestampNanos());
            return s.executeUpdate() == 1;
        }
    }

    /** Adds a fill to its order's filled quantity and moves an open order to (partially) filled. */
    static void addFilled(Connection c, Fill f) throws SQLException {
        Quantity quantity;
        Quantity filled;
        OrderStatus status;
        try (Statements.Lease lease = Statements.lease(c, "SELECT quantity, filled, status FROM orders"
                + " WHERE client_id = ?")) {
            PreparedStatement s = lease.statement();
            s.setString(1, f.clientOrderId().value());
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return;
                }
                quantity = Quantity.of(rs.getString(1));
                filled = Quantity.of(rs.getString(2)).plus(f.quantity());
                status = OrderStatus.valueOf(rs.getString(3));
            }
        }
        if (!status.isTerminal()) {
            status = filled.isLessThan(quantity) ? OrderStatus.PARTIALLY_FILLED : OrderStatus.FILLED;
        }
        try (Statements.Lease lease = Statements.lease(c, "UPDATE orders SET filled = ?, status = ?, updated_nanos = ?"
                + " WHERE client_id = ?")) {
            PreparedStatement s = lease.statement();
            s.setString(1, filled.toString());
            s.setString(2, status.name());
            s.setLong(3, f.timestampNanos());
            s.setString(4, f.clientOrderId().value());
            s.executeUpdate();
        }
    }

    static void savePosition(Connection c, Position p, long nanos) throws SQLException {
        try (Statements.Lease lease = Statements.lease(c, "INSERT INTO positions(symbol, quantity, cost_basis,"
                + " realized_pnl, fees, updated_nanos) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(symbol) DO UPDATE SET"
                + " quantity = excluded.quantity, cost_basis = excluded.cost_basis, realized_pnl = excluded.realized_pnl,"
                + " fees = excluded.fees, updated_nanos = excluded.updated_nanos")) {
            PreparedStatement s = lease.statement();
            s.setString(1, p.symbol().value());
            s.setString(2, p.quantity().toString());
            s.setString(3, p.costBasis().toString());
            s.setString(4, p.realizedPnl().toString());
            s.setString(5, p.fees().toString());
            s.setLong(6, nanos);
            s.executeUpdate();
        }
    }

    static void saveCash(Connection c, Money cash, long nanos) throws SQLException {
        try (Statements.Lease lease = Statements.lease(c, "INSERT INTO account(id, cash, updated_nanos)"
                + " VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET cash = excluded.cash,"
                + " updated_nanos = excluded.updated_nanos")) {
            PreparedStatement s = lease.statement();
            s.setString(1, cash.toString());
            s.setLong(2, nanos);
            s.executeUpdate();
        }
    }

    static void insertTransition(Connection c, TradingStateChanged t, String reasons) throws SQLException {
        try (Statements.Lease lease = Statements.lease(c, "INSERT INTO state_transitions(at_nanos, from_state, to_state,"
                + " reasons) VALUES (?, ?, ?, ?)")) {
            PreparedStatement s = lease.statement();
            s.setLong(1, t.timestampNanos());
            s.setString(2, t.from().name());
            s.setString(3, t.to().name());
            s.setString(4, reasons);
            s.executeUpdate();
        }
    }

    static void insertOperatorAction(Connection c, OperatorActed a) throws SQLException {
        try (Statements.Lease lease = Statements.lease(c, "INSERT INTO operator_actions(at_nanos, actor, action, argument,"
                + " reason, changed, outcome) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            PreparedStatement s = lease.statement();
            s.setLong(1, a.timestampNanos());
            s.setString(2, a.actor());
            s.setString(3, a.action().path());
            s.setString(4, a.argument());
            s.setString(5, a.reason());
            s.setInt(6, a.changed() ? 1 : 0);
            s.setString(7, a.outcome());
            s.executeUpdate();
        }
    }

    static List<OperatorActed> operatorActions(Connection c) throws SQLException {
        List<OperatorActed> all = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id, at_nanos, actor, action, argument, reason, changed,"
                + " outcome FROM operator_actions ORDER BY id"); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                all.add(new OperatorActed(r.getLong(1), OperatorAction.ofPath(r.getString(4)), r.getString(5),
                        r.getString(3), r.getString(6), r.getInt(7) == 1, r.getString(8), r.getLong(2)));
            }
        }
        return all;
    }

    /** One change per line: key, old, new, severity and rule, tab-separated; an unset value is empty. */
    static void insertConfigReload(Connection c, ConfigReloaded r) throws SQLException {
        try (Statements.Lease lease = Statements.lease(c, "INSERT INTO config_reloads(at_nanos, trigger, outcome,"
                + " severity, changes, errors) VALUES (?, ?, ?, ?, ?, ?)")) {
            PreparedStatement s = lease.statement();
            s.setLong(1, r.timestampNanos());
            s.setString(2, r.trigger());
            s.setString(3, r.outcome());
            s.setString(4, r.severity());
            s.setString(5, r.changes().stream().map(ch -> String.join("\t", ch.key(), field(ch.oldValue()),
                    field(ch.newValue()), ch.severity(), field(ch.rule()))).collect(Collectors.joining("\n")));
            s.setString(6, r.errors().stream().map(Rows::field).collect(Collectors.joining("\n")));
            s.executeUpdate();
        }
    }

    static List<ConfigReloaded> configReloads(Connection c) throws SQLException {
        List<ConfigReloaded> all = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT at_nanos, trigger, outcome, severity, changes, errors"
                + " FROM config_reloads ORDER BY id"); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                List<ConfigReloaded.Change> changes = new ArrayList<>();
                for (String line : r.getString(5).lines().toList()) {
                    String[] f = line.split("\t", -1);
                    changes.add(new ConfigReloaded.Change(f[0], unfield(f[1]), unfield(f[2]), f[3], f[4]));
                }
                all.add(new ConfigReloaded(r.getString(2), r.getString(3), r.getString(4), changes,
                        r.getString(6).lines().toList(), r.getLong(1)));
            }
        }
        return all;
    }

    /** Tabs and line breaks would split the row's fields; values never need them. */
    private static String field(String value) {
        return value == null ? "" : value.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }

    private static String unfield(String value) {
        return value.isEmpty() ? null : value;
    }

    static void saveReason(Connection c, StateReason r) throws SQLException {
        try (Statements.Lease lease = Statements.lease(c, "INSERT INTO active_reasons(code, source, effect,"
                + " message, metadata, raised_nanos, symbol, clearing) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT(code) DO UPDATE SET source = excluded.source, effect = excluded.effect,"
                + " message = excluded.message, metadata = excluded.metadata, raised_nanos = excluded.raised_nanos,"
                + " symbol = excluded.symbol, clearing = excluded.clearing")) {
            PreparedStatement s = lease.statement();
            s.setString(1, r.code().value());
            s.setString(2, r.source().name());
            s.setString(3, r.effect().name());
            s.setString(4, r.message());
            s.setString(5, encode(r.metadata()));
            s.setLong(6, r.raisedAtNanos());
            s.setString(7, r.symbol() == null ? null : r.symbol().value());
            s.setString(8, r.clearing().name());
            s.executeUpdate();
        }
    }

    static void deleteReason(Connection c, ReasonCode code) throws SQLException {
        try (Statements.Lease lease = Statements.lease(c, "DELETE FROM active_reasons WHERE code = ?")) {
            PreparedStatement s = lease.statement();
            s.setString(1, code.value());
            s.executeUpdate();
        }
    }

    static List<StateReason> activeReasons(Connection c) throws SQLException {
        List<StateReason> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT code, source, effect, message, metadata, raised_nanos,"
                + " symbol, clearing FROM active_reasons ORDER BY raised_nanos, code");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                String symbol = rs.getString(7);
                out.add(new StateReason(ReasonCode.of(rs.getString(1)), ReasonSource.valueOf(rs.getString(2)),
                        TradingState.valueOf(rs.getString(3)), rs.getString(4), decode(rs.getString(5)), rs.getLong(6),
                        symbol == null ? null : Symbol.of(symbol), ClearingRule.valueOf(rs.getString(8))));
            }
        }
        return out;
    }

    /** Metadata as properties text, which escapes whatever the values hold. */
    private static String encode(Map<String, String> metadata) {
        Properties properties = new Properties();
        properties.putAll(metadata);
        StringWriter out = new StringWriter();
        try {
            properties.store(out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().lines().filter(l -> !l.startsWith("#")).collect(Collectors.joining("\n"));
    }

    private static Map<String, String> decode(String text) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> out = new TreeMap<>();
        properties.stringPropertyNames().forEach(k -> out.put(k, properties.getProperty(k)));
        return out;
    }

    static Money cash(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT cash FROM account WHERE id = 1");
             ResultSet rs = s.executeQuery()) {
            return rs.next() ? Money.of(rs.getString(1)) : null;
        }
    }

    static long lastSequence(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COALESCE(MAX(sequence), 0) FROM orders");
             ResultSet rs = s.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    static List<Position> positions(Connection c) throws SQLException {
        List<Position> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT symbol, quantity, cost_basis, realized_pnl, fees"
                + " FROM positions ORDER BY symbol");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(new Position(Symbol.of(rs.getString(1)), Quantity.of(rs.getString(2)), Money.of(rs.getString(3)),
                        Money.of(rs.getString(4)), Money.of(rs.getString(5))));
            }
        }
        return out;
    }

    /** The columns {@link #order} reads, in its order. */
    static final String ORDER_COLUMNS = "client_id, symbol, side, type, quantity, limit_price, time_in_force,"
            + " reduce_only, post_only, status, filled, venue_order_id, stop_price";

    static List<Order> openOrders(Connection c) throws SQLException {
        List<Order> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + ORDER_COLUMNS + " FROM orders"
                + " WHERE status IN " + OPEN_STATUSES + " ORDER BY created_nanos, sequence");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(order(rs));
            }
        }
        return out;
    }

    /** The order at {@code rs}'s row, selected as {@link #ORDER_COLUMNS}. */
    static Order order(ResultSet rs) throws SQLException {
        String limit = rs.getString(6);
        Price limitPrice = limit == null ? null : Price.of(limit);
        OrderRequest r = new OrderRequest(ClientOrderId.of(rs.getString(1)), Symbol.of(rs.getString(2)),
                Side.valueOf(rs.getString(3)), OrderType.valueOf(rs.getString(4)), Quantity.of(rs.getString(5)),
                limitPrice, TimeInForce.valueOf(rs.getString(7)), rs.getInt(8) == 1, rs.getInt(9) == 1,
                rs.getString(13) == null ? null : Price.of(rs.getString(13)));
        return new Order(r, OrderStatus.valueOf(rs.getString(10)), Quantity.of(rs.getString(11)), rs.getString(12));
    }

    static Map<ClientOrderId, Set<String>> tradesOf(Connection c, List<Order> orders) throws SQLException {
        Map<ClientOrderId, Set<String>> out = new HashMap<>();
        try (Statements.Lease lease = Statements.lease(c, "SELECT trade_id FROM fills WHERE client_id = ?")) {
            PreparedStatement s = lease.statement();
            for (Order order : orders) {
                s.setString(1, order.clientOrderId().value());
                try (ResultSet rs = s.executeQuery()) {
                    Set<String> trades = new HashSet<>();
                    while (rs.next()) {
                        trades.add(rs.getString(1));
                    }
                    if (!trades.isEmpty()) {
                        out.put(order.clientOrderId(), trades);
                    }
                }
            }
        }
        return out;
    }
}
