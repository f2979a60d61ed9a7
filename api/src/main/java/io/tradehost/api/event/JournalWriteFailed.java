package io.tradehost.api.event;

import java.util.Objects;
/**
 * A journal write failed (or could not be queued): what the host records may now differ from
 * what happened, so trading must stop until an operator has looked.
 *
 * @param what the write, e.g. {@code fill PT-7}; {@link #CONNECTION} or {@link #FENCED}
 * @param message the storage's words, with the file
 * @param timestampNanos clock time of the report
 */
public record JournalWriteFailed(String what, String message, long timestampNanos) implements Event {
    /** The {@code what} of an intent refused because another host holds the account's lease. */
    public static final String FENCED = "fenced";
    /** The {@code what} of the journal's server going away (writes are held until it is back). */
    public static final String CONNECTION = "connection";

    public JournalWriteFailed {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(message, "message");
    }
}
