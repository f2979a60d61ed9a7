package io.tradehost.journal;

import io.tradehost.api.event.ConfigReloaded;
import io.tradehost.api.event.OperatorActed;
import io.tradehost.journal.SqliteJournal.Durability;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.sqlite.SQLiteConfig;

/**
 * Journal files opened and read: the connection settings every journal uses, migration on open,
 * and reading a journal without keeping it open (for {@code tradehost reconcile} and tests). A
 * running journal is a {@link SqliteJournal}. Stateless.
 */
public final class JournalFiles {
    private JournalFiles() {
    }

    /**
     * Reads the journal {@code file} without keeping it open: for {@code tradehost reconcile}.
     *
     * @throws JournalException if there is no journal there or it cannot be read
     */
    public static JournalContents read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new JournalException("no journal at " + file);
        }
        try (Connection connection = connect(file, Durability.NORMAL)) {
            return load(connection, file.toString(), null);
        } catch (SQLException e) {
            throw new JournalException("cannot read journal " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Every operator action journaled in {@code file}, oldest first (their ids are the journal's
     * row numbers, not the requests' ids).
     *
     * @throws JournalException if there is no journal there or it cannot be read
     */
    public static List<OperatorActed> operatorActions(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new JournalException("no journal at " + file);
        }
        try (Connection connection = connect(file, Durability.NORMAL)) {
            Schema.migrate(connection, file.toString());
            return Rows.operatorActions(connection);
        } catch (SQLException e) {
            throw new JournalException("cannot read journal " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Every configuration reload journaled in {@code file}, oldest first.
     *
     * @throws JournalException if there is no journal there or it cannot be read
     */
    public static List<ConfigReloaded> configReloads(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new JournalException("no journal at " + file);
        }
        try (Connection connection = connect(file, Durability.NORMAL)) {
            Schema.migrate(connection, file.toString());
            return Rows.configReloads(connection);
        } catch (SQLException e) {
            throw new JournalException("cannot read journal " + file + ": " + e.getMessage(), e);
        }
    }

    /** A connection to {@code file} (WAL, synchronous as {@code durability} says), or to memory when it is null. */
    static Connection connect(Path file, Durability durability) {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(5_000);
        config.setGetGeneratedKeys(false); // else every insert runs a second query for keys no one reads
        if (file != null) {
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(durability == Durability.FULL ? SQLiteConfig.SynchronousMode.FULL
                    : SQLiteConfig.SynchronousMode.NORMAL);
        }
        String url = file == null ? "jdbc:sqlite::memory:" : "jdbc:sqlite:" + file;
        try {
            if (file != null && file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            return config.createConnection(url);
        } catch (SQLException | IOException e) {
            throw new JournalException("cannot open journal " + (file == null ? ":memory:" : file) + ": "
                    + e.getMessage(), e);
        }
    }

    /** Migrates the journal on {@code connection} and reads it; closes the connection when that fails. */
    static JournalContents load(Connection connection, String where, String proposedRunId) {
        try {
            Schema.migrate(connection, where);
            return JournalContents.load(connection, proposedRunId);
        } catch (SQLException e) {
            Transactions.close(connection);
            throw new JournalException("cannot read journal " + where + ": " + e.getMessage(), e);
        } catch (JournalException e) {
            Transactions.close(connection);
            throw e;
        }
    }
}
