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

    /** Writes handed off and not yet applied. */
    int backlog();

    /** Applies what is queued, then releases the connection. Idempotent. */
    @Override
    void close();
}
