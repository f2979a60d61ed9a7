package io.tradehost.journal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs writes in transactions on one connection. */
final class Transactions {
    private static final Logger LOG = LoggerFactory.getLogger(Transactions.class);

    private Transactions() {
    }

    /** Runs {@code write} in its own transaction; returns null on commit, else the failure (rolled back). */
    static SQLException run(Connection connection, JournalWrite write) {
        return runAll(connection, List.of(write));
    }

    /** Runs every write in one transaction; returns null on commit, else the failure (all rolled back). */
    static SQLException runAll(Connection connection, List<JournalWrite> writes) {
        try {
            connection.setAutoCommit(false);
            for (JournalWrite write : writes) {
                write.apply(connection);
            }
            connection.commit();
            return null;
        } catch (SQLException | RuntimeException failure) {
            // a write that threw must not be committed by the auto-commit restored below
            SQLException e = failure instanceof SQLException sql ? sql
                    : new SQLException("a journal write threw " + failure, failure);
            try {
                connection.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            return e;
        } finally {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException e) {
                LOG.debug("could not restore auto-commit", e);
            }
        }
    }

    static void close(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.warn("closing the journal failed: {}", e.getMessage());
        }
    }
}
