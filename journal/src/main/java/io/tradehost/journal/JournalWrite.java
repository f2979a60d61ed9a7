package io.tradehost.journal;

import java.sql.Connection;
import java.sql.SQLException;

/** One change to the journal, applied inside a transaction the queue owns. */
@FunctionalInterface
interface JournalWrite {
    void apply(Connection connection) throws SQLException;
}
