package io.tradehost.journal;

import io.tradehost.api.command.RecordIntent;
import io.tradehost.api.event.ConfigReloaded;
import io.tradehost.api.event.OperatorActed;
import io.tradehost.journal.SqliteJournal.Durability;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * Journal files opened and read: the connection settings every journal uses, migration on open,
 * and reading a journal without keeping it open (for {@code tradehost reconcile} and tests). A
 * running journal is a {@link SqliteJournal}. Stateless.
 */
public final class JournalFiles {
    private static final Logger LOG = LoggerFactory.getLogger(JournalFiles.class);

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
        try (Connection connection = connect(file, Durability.NORMAL);
             IntentLog log = IntentLog.existing(IntentLog.beside(file), false)) {
            return load(connection, file.toString(), null, log, false);
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

    /**
     * Writes the intents of {@code log} that the journal lacks (a crash came before SQLite committed
     * them) in one transaction, with their owners, then empties the log if {@code empty}. An intent
     * whose order the journal has is left as the journal has it (it went on from there), but for an
     * owner it lacks. Intents of another run than the journal's (a log left beside a journal moved
     * away) are left out, with a warning.
     */
    private static void recover(Connection connection, String where, IntentLog log, boolean empty)
            throws SQLException {
        List<RecordIntent> intents = log.intents();
        if (intents.isEmpty()) {
            return;
        }
        String runId = Rows.meta(connection, "run_id");
        List<RecordIntent> ours = intents.stream().filter(i -> runId != null
                && i.request().clientOrderId().sequenceIn(runId) > 0).toList();
        if (ours.size() < intents.size()) {
            LOG.warn("journal {}: {} intent(s) of the intent log {} are not of this journal's run {} (was the journal"
                    + " moved without its log?): left out", where, intents.size() - ours.size(), log.file(), runId);
        }
        int[] inserted = {0};
        SQLException failure = Transactions.run(connection, c -> {
            for (RecordIntent intent : ours) {
                if (Rows.insertIntentIfAbsent(c, intent.request(), intent.sequence(), intent.timestampNanos())) {
                    StrategyRows.own(c, intent.request().clientOrderId(), intent.owner());
                    inserted[0]++;
                } else {
                    StrategyRows.ownIfUnowned(c, intent.request().clientOrderId(), intent.owner());
                }
            }
        });
        if (failure != null) {
            throw failure;
        }
        if (empty) {
            log.reset();
        }
        if (inserted[0] > 0) {
            LOG.info("journal {}: {} intent(s) written from the intent log (the last run ended before SQLite had"
                    + " them; reconciliation with the venue settles them)", where, inserted[0]);
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

    /**
     * Migrates the journal on {@code connection}, writes into it what {@code log} (nullable) holds and,
     * if {@code empty}, empties the log, then reads the journal; closes the connection when that fails.
     * Only the host's own open empties it, whose connection syncs as its log does.
     */
    static JournalContents load(Connection connection, String where, String proposedRunId, IntentLog log,
                                boolean empty) {
        try {
            Schema.migrate(connection, where);
            if (log != null) {
                recover(connection, where, log, empty);
            }
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
