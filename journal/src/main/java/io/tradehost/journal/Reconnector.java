package io.tradehost.journal;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * How a journal's writer gets a connection back after its server went away: a store that can go away
 * (PostgreSQL) has one; an embedded one (SQLite) has none. Called on the writer thread.
 */
interface Reconnector {
    /** A new connection. @throws JournalException if the server cannot be reached yet */
    Connection connect();

    /** Whether {@code failure} says the connection is gone (rather than that a write was wrong). */
    boolean lost(SQLException failure);
}
