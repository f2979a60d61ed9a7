package io.tradehost.api.guard;

import java.io.Serial;

/** A runtime guard lacks the data it needs (no mark yet, no equity yet); the host asks again next time. */
public final class DataUnavailableException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    public DataUnavailableException(String message) {
        super(message);
    }
}
