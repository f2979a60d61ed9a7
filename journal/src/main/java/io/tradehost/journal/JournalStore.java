package io.tradehost.journal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where a journal lives: one SQLite file (the default: embedded, nothing to run), memory (a
 * backtest), or a schema of a PostgreSQL database (many hosts, one server). The journal's tables,
 * statements and behaviour are the same on both; a store decides how to connect, how its schema is
 * migrated, and what lives beside it (the intent log, the failure marker). Immutable;
 * {@link #toString()} names the place and never a credential.
 */
public abstract sealed class JournalStore permits SqliteStore, PostgresStore {
    JournalStore() {
    }

    /** The SQLite journal {@code file}, with its intent log and failure marker beside it. */
    public static JournalStore file(Path file) {
        return new SqliteStore(java.util.Objects.requireNonNull(file, "file"));
    }

    /** A SQLite journal in memory: nothing survives the process (a backtest). */
    public static JournalStore memory() {
        return new SqliteStore(null);
    }

    /**
     * The journal in {@code location}'s schema of a PostgreSQL database. Intents are answered only once
     * the server has committed them (no intent log: a write that the server has not seen cannot be
     * fenced). The failure marker, which must be written when the server cannot be, is kept at
     * {@code localState} plus {@code .state} on this machine; null for none.
     */
    public static JournalStore postgres(PostgresLocation location, Path localState) {
        return new PostgresStore(location, localState);
    }

    /** The place, for logs and errors: a path, {@code :memory:}, or a server, database and schema; never a secret. */
    public abstract String where();

    @Override
    public final String toString() {
        return where();
    }

    /** A new connection, committing as {@code durability} says. @throws JournalException naming the place */
    abstract Connection connect(Durability durability);

    /** How a writer reconnects after the store's server went away, or null for a store that cannot go away. */
    abstract Reconnector reconnector(Durability durability);

    /** Applies the migrations the journal lacks, creating it if new. @throws JournalException if it is newer than this code */
    abstract void migrate(Connection connection) throws SQLException;

    /** Whether a journal is there to read (without creating one). */
    abstract boolean exists();

    /** The intent log a live journal sends intents ahead through, or null when this store has none. */
    abstract IntentLog openLog(Durability durability, int capacity);

    /** The intent log a previous run left, for reading or recovery only, or null. */
    abstract IntentLog existingLog();

    /** The marker that remembers a failed write where the journal may not be writable, or null. */
    abstract FailureMarker marker();

    /** Whether the journal is in memory ({@code VACUUM INTO} can save it). */
    abstract boolean inMemory();
}
