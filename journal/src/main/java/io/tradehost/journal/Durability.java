package io.tradehost.journal;

/**
 * How a live SQLite journal commits. A PostgreSQL journal always commits synchronously
 * ({@code synchronous_commit = on}): an intent acknowledged before it is durable on the server could
 * vanish in a crash of the server with its order already sent.
 */
public enum Durability {
    /** Every commit is fsynced (and the intent log msynced) before it is reported: survives power loss. */
    FULL,
    /**
     * SQLite fsyncs at checkpoints, the intent log is not msynced: survives a crash of the host process,
     * may lose the last commits if the machine loses power.
     */
    NORMAL
}
