package io.tradehost.api.venue;

import java.io.Serial;

/** A venue call failed. {@link #isTransient()} says whether the same call may succeed later. */
public final class VenueException extends Exception {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String code;
    private final boolean transientFailure;

    /**
     * @param code stable code, e.g. {@code NOT_CONNECTED}, {@code UNKNOWN_ORDER}
     * @param message the venue's words
     * @param transientFailure whether a retry may succeed
     */
    public VenueException(String code, String message, boolean transientFailure) {
        super(message);
        this.code = code;
        this.transientFailure = transientFailure;
    }

    public String code() {
        return code;
    }

    public boolean isTransient() {
        return transientFailure;
    }
}
