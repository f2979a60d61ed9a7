package io.tradehost.api.host;

import java.io.Serial;

/** The host cannot start; the message says why in words an operator can act on. */
public final class StartupException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
