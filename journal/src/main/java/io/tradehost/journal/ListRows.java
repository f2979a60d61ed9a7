package io.tradehost.journal;

import io.tradehost.api.command.RecordOrderList;
import io.tradehost.api.journal.JournaledList;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The journal's rows about contingent order lists (migration 12): each list as its strategy asked for
 * it, and which of its members were dropped; its orders carry their link in {@code orders.list_id} and
 * {@code orders.list_member}, written with their intent.
 */
final class ListRows {
    private ListRows() {
    }

    static void record(Connection c, RecordOrderList command) throws SQLException {
        try (Statements.Lease lease = Statements.lease(c, "INSERT INTO order_lists(id, strategy, spec, dropped, open,"
                + " updated_nanos) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET spec = excluded.spec,"
                + " dropped = excluded.dropped, open = excluded.open, updated_nanos = excluded.updated_nanos")) {
            PreparedStatement s = lease.statement();
            s.setLong(1, command.listId());
            s.setString(2, command.strategy());
            s.setString(3, command.spec());
            s.setLong(4, command.droppedMembers());
            s.setInt(5, command.open() ? 1 : 0);
            s.setLong(6, command.timestampNanos());
            s.executeUpdate();
        }
    }

    /** The open lists, by number, each with every order journaled under it, oldest first. */
    static List<JournaledList> open(Connection c) throws SQLException {
        List<JournaledList> out = new ArrayList<>();
        try (PreparedStatement lists = c.prepareStatement("SELECT id, strategy, spec, dropped FROM order_lists"
                + " WHERE open = 1 ORDER BY id");
             PreparedStatement members = c.prepareStatement("SELECT " + Rows.ORDER_COLUMNS + ", list_member"
                     + " FROM orders WHERE list_id = ? ORDER BY created_nanos, sequence");
             ResultSet rs = lists.executeQuery()) {
            while (rs.next()) {
                long id = rs.getLong(1);
                List<JournaledList.Member> orders = new ArrayList<>();
                members.setLong(1, id);
                try (ResultSet m = members.executeQuery()) {
                    while (m.next()) {
                        orders.add(new JournaledList.Member(m.getInt(14), Rows.order(m)));
                    }
                }
                out.add(new JournaledList(id, rs.getString(2), rs.getString(3), rs.getLong(4), orders));
            }
        }
        return out;
    }

    static long lastId(Connection c) throws SQLException {
        // an order's link is written with its intent even if its list's own record failed: never reuse its number
        try (PreparedStatement s = c.prepareStatement("SELECT coalesce((SELECT max(id) FROM order_lists), 0),"
                + " coalesce((SELECT max(list_id) FROM orders), 0)");
             ResultSet rs = s.executeQuery()) {
            return rs.next() ? Math.max(rs.getLong(1), rs.getLong(2)) : 0;
        }
    }
}
