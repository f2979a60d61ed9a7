package io.tradehost.api.event;

import java.util.Objects;
/**
 * A journal write failed (or could not be queued): what the host records may now differ from
 * what happened, so trading must stop until an operator has looked.
 *
 * @param what the write, e.g. {@code fill PT-7}
 * @param message the storage's words, with the file
 * @param timestampNanos clock time of the report
 */
public record JournalWriteFailed(String what, String message, long timestampNanos) implements Event {
    public JournalWriteFailed {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(message, "message");
    }
}
