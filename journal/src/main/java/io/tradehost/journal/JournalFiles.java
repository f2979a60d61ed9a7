package io.tradehost.journal;

import io.tradehost.api.command.RecordIntent;
import io.tradehost.api.event.ConfigReloaded;
import io.tradehost.api.event.OperatorActed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Journals read without keeping them open (for {@code tradehost reconcile} and tests), and what every
 * open does first: migrate, write in what an intent log holds, read. A running journal is a
 * {@link SqlJournal}. Stateless.
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
        return read(JournalStore.file(file));
    }

    /**
     * Reads the journal in {@code store} without keeping it open: for {@code tradehost reconcile}. What
     * an intent log beside it holds is written in (the log itself is left for the host to empty).
     *
     * @throws JournalException if there is no journal there or it cannot be read
     */
    public static JournalContents read(JournalStore store) {
        requireExisting(store);
        try (Connection connection = store.connect(Durability.NORMAL);
             IntentLog log = store.existingLog()) {
            return load(connection, store, null, log, false);
        } catch (SQLException e) {
            throw new JournalException("cannot read journal " + store + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads the journal in {@code store} as it is, changing nothing: no migration, no intent log written
     * in. For a standby following a journal another host writes (a newer standby must not migrate the
     * schema under an older primary).
     *
     * @throws JournalException if there is no journal there, or it cannot be read as it is
     */
    public static JournalContents peek(JournalStore store) {
        requireExisting(store);
        try (Connection connection = store.connect(Durability.NORMAL)) {
            return JournalContents.load(connection, null);
        } catch (SQLException e) {
            throw new JournalException("cannot read journal " + store + ": " + e.getMessage(), e);
        }
    }

    /**
     * Every operator action journaled in {@code file}, oldest first (their ids are the journal's
     * row numbers, not the requests' ids).
     *
     * @throws JournalException if there is no journal there or it cannot be read
     */
    public static List<OperatorActed> operatorActions(Path file) {
        return operatorActions(JournalStore.file(file));
    }

    /** {@link #operatorActions(Path)} in {@code store}. */
    public static List<OperatorActed> operatorActions(JournalStore store) {
        return query(store, Rows::operatorActions);
    }

    /**
     * Every configuration reload journaled in {@code file}, oldest first.
     *
     * @throws JournalException if there is no journal there or it cannot be read
     */
    public static List<ConfigReloaded> configReloads(Path file) {
        return configReloads(JournalStore.file(file));
    }

    /** {@link #configReloads(Path)} in {@code store}. */
    public static List<ConfigReloaded> configReloads(JournalStore store) {
        return query(store, Rows::configReloads);
    }

    private interface Query<T> {
        T run(Connection connection) throws SQLException;
    }

    private static <T> T query(JournalStore store, Query<T> query) {
        requireExisting(store);
        try (Connection connection = store.connect(Durability.NORMAL)) {
            store.migrate(connection);
            return query.run(connection);
        } catch (SQLException e) {
            throw new JournalException("cannot read journal " + store + ": " + e.getMessage(), e);
        }
    }

    private static void requireExisting(JournalStore store) {
        if (!store.exists()) {
            throw new JournalException("no journal at " + store);
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

    /**
     * Migrates the journal on {@code connection}, writes into it what {@code log} (nullable) holds and,
     * if {@code empty}, empties the log, then reads the journal; closes the connection when that fails.
     * Only the host's own open empties it, whose connection syncs as its log does.
     */
    static JournalContents load(Connection connection, JournalStore store, String proposedRunId, IntentLog log,
                                boolean empty) {
        String where = store.where();
        try {
            store.migrate(connection);
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
