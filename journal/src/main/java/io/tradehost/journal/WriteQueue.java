package io.tradehost.journal;

import java.sql.SQLException;
import java.util.function.Consumer;

/**
 * Where the journal's writes go: to a writer thread ({@link BackgroundWriteQueue}) in a live host,
 * or straight into the database ({@link InlineWriteQueue}) for deterministic tests.
 */
interface WriteQueue extends AutoCloseable {
    /**
     * Hands {@code write} off without blocking; {@code completion} later hears {@code null} (durable)
     * or the failure, on the queue's completion executor. Returns false, and runs nothing, when the
     * queue is full.
     */
    boolean submit(String what, JournalWrite write, Consumer<SQLException> completion);

    /**
     * {@link #submit}, for a write that must fail at once rather than wait out an outage of the journal's
     * server (an intent: its order waits on the answer, and must not go out after a halt).
     */
    default boolean submitUrgent(String what, JournalWrite write, Consumer<SQLException> completion) {
        return submit(what, write, completion);
    }

    /**
     * Has every transaction from now on begin with {@code check} (a fence: a host that lost its lease
     * writes nothing more); null for none. Thread-safe.
     */
    void preamble(JournalWrite check);

    /** Tells {@code listener} when the journal's server goes away and comes back; none by default. */
    default void onOutage(OutageListener listener) {
    }

    /** Writes handed off and not yet applied. */
    int backlog();

    /** Applies what is queued, then releases the connection. Idempotent. */
    @Override
    void close();
}
