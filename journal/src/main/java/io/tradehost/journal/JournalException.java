package io.tradehost.journal;

import java.io.Serial;

/** The journal could not be opened, read or migrated; the message names the file and what failed. */
public final class JournalException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    public JournalException(String message, Throwable cause) {
        super(message, cause);
    }

    public JournalException(String message) {
        super(message);
    }
}
