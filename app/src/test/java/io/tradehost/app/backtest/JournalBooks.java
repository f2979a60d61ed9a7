package io.tradehost.app.backtest;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A second implementation of the books, from the journal's fills alone: average-cost realised PnL
 * in BigDecimal (unrounded), fees, and round trips flat to flat. The host's report must agree.
 */
final class JournalBooks {
    BigDecimal realized = BigDecimal.ZERO;
    BigDecimal fees = BigDecimal.ZERO;
    final List<BigDecimal> tripPnl = new ArrayList<>();
    /**
     * What closed each round trip, read from the closing fill's order row alone: its trail, its type,
     * its contingent list and its strategy (the report's kinds: take-profit, stop, trailing, signal, other).
     */
    final List<String> tripExits = new ArrayList<>();
    /** The funding payments booked, summed. */
    BigDecimal funding = BigDecimal.ZERO;
    final Map<String, BigDecimal> quantities = new HashMap<>();
    long fills;

    static JournalBooks read(Path journal) throws SQLException {
        JournalBooks books = new JournalBooks();
        Map<String, BigDecimal> cost = new HashMap<>();
        Map<String, BigDecimal> tripStart = new HashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + journal);
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT f.symbol, f.side, f.quantity, f.price, f.fee, o.type, o.trail,"
                     + " o.list_id, o.strategy, o.list_role FROM fills f JOIN orders o ON o.client_id = f.client_id"
                     + " ORDER BY f.venue_nanos, CAST(substr(f.trade_id, 6) AS INTEGER)")) {
            while (r.next()) {
                String symbol = r.getString(1);
                BigDecimal qty = new BigDecimal(r.getString(3));
                BigDecimal signed = r.getString(2).equals("BUY") ? qty : qty.negate();
                BigDecimal price = new BigDecimal(r.getString(4));
                BigDecimal fee = new BigDecimal(r.getString(5));
                BigDecimal held = books.quantities.getOrDefault(symbol, BigDecimal.ZERO);
                BigDecimal basis = cost.getOrDefault(symbol, BigDecimal.ZERO);
                BigDecimal tripFees = tripStart.getOrDefault(symbol, BigDecimal.ZERO).add(fee);
                BigDecimal tripRealized = BigDecimal.ZERO;
                if (held.signum() == 0 || held.signum() == signed.signum()) {
                    basis = basis.add(signed.multiply(price));
                } else {
                    BigDecimal closing = held.abs().min(qty);
                    BigDecimal released = basis.multiply(closing).divide(held.abs(), MathContext.DECIMAL128);
                    BigDecimal closeSigned = held.signum() > 0 ? closing.negate() : closing;
                    BigDecimal pnl = closeSigned.negate().multiply(price).subtract(released);
                    books.realized = books.realized.add(pnl);
                    tripRealized = pnl;
                    BigDecimal opened = signed.subtract(closeSigned);
                    basis = basis.subtract(released).add(opened.multiply(price));
                }
                BigDecimal after = held.add(signed);
                books.fees = books.fees.add(fee);
                books.fills++;
                BigDecimal running = tripStart.containsKey(symbol + "/pnl") ? tripStart.get(symbol + "/pnl")
                        : BigDecimal.ZERO;
                running = running.add(tripRealized);
                boolean flipped = held.signum() != 0 && after.signum() != 0 && held.signum() != after.signum();
                if (held.signum() != 0 && (after.signum() == 0 || flipped)) {
                    books.tripPnl.add(running.subtract(tripFees));
                    String type = r.getString(6);
                    String role = r.getString(10) == null ? "" : r.getString(10);
                    books.tripExits.add(role.equals("TRAILING_STOP") || r.getString(7) != null ? "trailing"
                            : role.equals("STOP") || role.isEmpty() && type.startsWith("STOP") ? "stop"
                            : role.equals("LIMIT") ? "take-profit"
                            : r.getString(9).isEmpty() ? "other" : "signal");
                    tripStart.put(symbol, BigDecimal.ZERO);
                    tripStart.put(symbol + "/pnl", BigDecimal.ZERO);
                } else {
                    tripStart.put(symbol, tripFees);
                    tripStart.put(symbol + "/pnl", running);
                }
                books.quantities.put(symbol, after);
                cost.put(symbol, basis);
            }
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + journal); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT amount FROM funding")) {
            while (r.next()) {
                books.funding = books.funding.add(new BigDecimal(r.getString(1)));
            }
        }
        return books;
    }
}
