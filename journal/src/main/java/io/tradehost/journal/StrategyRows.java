package io.tradehost.journal;

import io.tradehost.api.event.StopMoved;
import io.tradehost.api.journal.OrderOwner;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.ListLink;
import io.tradehost.api.order.Trail;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The journal's rows about strategies: who owns each order (migration 8; its good-till time, migration
 * 9; whether the host holds it until its trigger, migration 10; a trailing stop's trail, migration 11;
 * its contingent list, migration 12, and its role there, migration 13)
 * and what each strategy saved.
 */
final class StrategyRows {
    private StrategyRows() {
    }

    /** Marks order {@code id} as asked for by {@code owner}; nothing for an order no strategy holds. */
    static void own(Connection c, ClientOrderId id, OrderOwner owner) throws SQLException {
        own(c, id, owner, "");
    }

    /**
     * {@link #own} of an order the journal holds without an owner (its intent's write failed, and
     * reconciliation wrote the order as the venue had it): an owner the journal has stays as it is.
     */
    static void ownIfUnowned(Connection c, ClientOrderId id, OrderOwner owner) throws SQLException {
        own(c, id, owner, " AND strategy = '' AND list_id IS NULL");
    }

    private static void own(Connection c, ClientOrderId id, OrderOwner owner, String condition) throws SQLException {
        if (owner.equals(OrderOwner.NONE)) {
            return;
        }
        try (Statements.Lease lease = Statements.lease(c, "UPDATE orders SET strategy = ?, tag = ?, managed = ?,"
                + " expire_at = ?, held = ?, trail = ?, list_id = ?, list_member = ?, list_role = ? WHERE client_id = ?"
                + condition)) {
            PreparedStatement s = lease.statement();
            s.setString(1, owner.strategy());
            s.setString(2, owner.tag());
            s.setInt(3, owner.managed() ? 1 : 0);
            s.setLong(4, owner.expireAtNanos());
            s.setInt(5, owner.heldByHost() ? 1 : 0);
            s.setString(6, owner.trail() == null ? null : owner.trail().format());
            if (owner.list() == null) {
                s.setNull(7, java.sql.Types.INTEGER);
                s.setNull(8, java.sql.Types.INTEGER);
                s.setNull(9, java.sql.Types.VARCHAR);
            } else {
                s.setLong(7, owner.list().listId());
                s.setInt(8, owner.list().member());
                s.setString(9, owner.list().role().name());
            }
            s.setString(10, id.value());
            s.executeUpdate();
        }
    }

    /** A stop the host held was triggered and sent: no longer held. */
    static void triggered(Connection c, ClientOrderId id) throws SQLException {
        try (Statements.Lease lease = Statements.lease(c, "UPDATE orders SET held = 0 WHERE client_id = ?")) {
            PreparedStatement s = lease.statement();
            s.setString(1, id.value());
            s.executeUpdate();
        }
    }

    /** A held trailing stop moved: its trigger and trail now. */
    static void moveStop(Connection c, StopMoved moved) throws SQLException {
        try (Statements.Lease lease = Statements.lease(c, "UPDATE orders SET stop_price = ?, trail = ?,"
                + " updated_nanos = ? WHERE client_id = ? AND status IN " + Rows.OPEN_STATUSES)) {
            PreparedStatement s = lease.statement();
            s.setString(1, moved.stopPrice().toString());
            s.setString(2, moved.trail().format());
            s.setLong(3, moved.timestampNanos());
            s.setString(4, moved.clientOrderId().value());
            s.executeUpdate();
        }
    }

    /** The owners of the orders not yet terminal that a strategy asked for, or that the host holds. */
    static Map<ClientOrderId, OrderOwner> openOwners(Connection c) throws SQLException {
        Map<ClientOrderId, OrderOwner> out = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT client_id, strategy, tag, managed, expire_at, held,"
                + " trail, list_id, list_member, list_role FROM orders WHERE status IN " + Rows.OPEN_STATUSES
                + " AND (strategy <> '' OR held = 1)"
                + " ORDER BY created_nanos, sequence");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                String trail = rs.getString(7);
                out.put(ClientOrderId.of(rs.getString(1)), new OrderOwner(rs.getString(2), rs.getString(3),
                        rs.getInt(4) == 1, rs.getLong(5), rs.getInt(6) == 1, trail == null ? null : Trail.parse(trail),
                        rs.getObject(8) == null ? null : new ListLink(rs.getLong(8), rs.getInt(9),
                                rs.getString(10) == null ? ListLink.Role.LIMIT : ListLink.Role.valueOf(rs.getString(10)))));
            }
        }
        return out;
    }

    static void saveState(Connection c, String strategy, byte[] state, long nanos) throws SQLException {
        try (Statements.Lease lease = Statements.lease(c, "INSERT INTO strategy_state(strategy, state, saved_nanos)"
                + " VALUES (?, ?, ?) ON CONFLICT(strategy) DO UPDATE SET state = excluded.state,"
                + " saved_nanos = excluded.saved_nanos")) {
            PreparedStatement s = lease.statement();
            s.setString(1, strategy);
            s.setBytes(2, state);
            s.setLong(3, nanos);
            s.executeUpdate();
        }
    }

    static Map<String, byte[]> states(Connection c) throws SQLException {
        Map<String, byte[]> out = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT strategy, state FROM strategy_state");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getBytes(2));
            }
        }
        return out;
    }
}
