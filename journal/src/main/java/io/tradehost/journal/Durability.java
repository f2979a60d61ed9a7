package io.tradehost.journal;

/** How a live journal commits. */
public enum Durability {
    /**
     * Every commit reaches stable storage before it is reported: SQLite fsyncs, PostgreSQL waits for
     * its WAL flush ({@code synchronous_commit = on}). Survives power loss.
     */
    FULL,
    /**
     * Commits are reported before they reach stable storage (SQLite fsyncs at checkpoints,
     * PostgreSQL runs with {@code synchronous_commit = off}): survives a crash of the host process,
     * may lose the last commits if the machine (or the database server) loses power.
     */
    NORMAL
}
