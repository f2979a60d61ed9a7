package io.tradehost.journal;

import io.tradehost.api.command.RecordIntent;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal's use of its {@link IntentLog}: which intents went to the log ahead of SQLite, and when
 * the log may be emptied (every intent in it committed to SQLite, none failed). A log that fails is
 * given up for the rest of the run (its frames stay for the next start); then, as when it is full,
 * intents wait for SQLite's commit. Kernel thread only.
 */
final class LoggedIntents implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LoggedIntents.class);

    private IntentLog log;
    /** Intents in the log whose SQLite write has not reported yet. */
    private int pending;
    /** An intent of the log failed in SQLite: the log keeps its frames for the next start to write. */
    private boolean holding;
    private long full;

    /** @param log the log, or null for none (every intent then waits for SQLite) */
    LoggedIntents(IntentLog log) {
        this.log = log;
    }

    /**
     * Appends {@code intent} to the log; true if it is there (as durable as the log is), false if the
     * host must wait for SQLite's commit instead (no log, or no room left in it).
     */
    boolean append(RecordIntent intent) {
        if (log == null) {
            return false;
        }
        try {
            if (log.append(intent)) {
                pending++;
                return true;
            }
        } catch (RuntimeException | InternalError e) { // InternalError: a fault on the mapped memory
            LOG.error("intent log {} failed ({}); for the rest of this run every order waits for SQLite's commit"
                    + " before it is sent", log.file(), e.toString());
            close();
            return false;
        }
        if (full++ == 0) {
            LOG.warn("intent log {} is full ({} intent(s) waiting for SQLite); orders wait for SQLite's commit until"
                    + " it catches up", log.file(), log.size());
        }
        return false;
    }

    /** The SQLite write of an intent {@link #append} took reported {@code failure} (null: committed). */
    void committed(SQLException failure) {
        pending--;
        if (failure != null) {
            holding = true;
        } else if (pending == 0 && !holding && log != null) {
            log.reset();
        }
    }

    /** Intents in the log that SQLite has not committed yet. */
    int pending() {
        return pending;
    }

    /** Releases the log; what it holds stays for the next start. */
    @Override
    public void close() {
        if (log != null) {
            IntentLog closing = log;
            log = null;
            try {
                closing.close();
            } catch (RuntimeException e) {
                LOG.warn("intent log {} did not close cleanly: {}", closing.file(), e.getMessage());
            }
        }
    }
}
