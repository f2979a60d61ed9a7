package io.tradehost.api.venue;

import io.tradehost.api.order.RejectionCode;
import java.io.Serial;
import java.time.Duration;
import java.util.Optional;
/**
 * A venue call failed. Three things tell the host what to do next: {@link #isTransient()} (the same
 * call may succeed later), {@link #retryAfter()} (the venue asked the host to wait, e.g. a rate
 * limit) and {@link #isOutcomeUnknown()} (the call may or may not have reached the venue, e.g. a
 * timeout: the host must ask the venue before it repeats the call).
 */
public final class VenueException extends Exception {
    @Serial
    private static final long serialVersionUID = 1L;

    private final RejectionCode code;
    private final boolean transientFailure;
    private final boolean outcomeUnknown;
    private final Duration retryAfter;

    /**
     * @param code stable code, e.g. {@code NOT_CONNECTED}, {@code UNKNOWN_ORDER}
     * @param message the venue's words
     * @param transientFailure whether a retry may succeed
     */
    public VenueException(RejectionCode code, String message, boolean transientFailure) {
        this(code, message, transientFailure, false, null);
    }

    private VenueException(RejectionCode code, String message, boolean transientFailure, boolean outcomeUnknown,
                           Duration retryAfter) {
        super(message);
        this.code = java.util.Objects.requireNonNull(code, "code");
        this.transientFailure = transientFailure;
        this.outcomeUnknown = outcomeUnknown;
        this.retryAfter = retryAfter;
    }

    /** The venue refused the call; repeating it will not help. */
    public static VenueException refused(RejectionCode code, String message) {
        return new VenueException(code, message, false);
    }

    /** The call did not reach the venue (or the venue said so); it may succeed later. */
    public static VenueException transientFailure(RejectionCode code, String message) {
        return new VenueException(code, message, true);
    }

    /** The venue asked the host to wait {@code retryAfter} (positive) before calling again. */
    public static VenueException rateLimited(RejectionCode code, String message, Duration retryAfter) {
        if (retryAfter.isNegative() || retryAfter.isZero()) {
            throw new IllegalArgumentException("retry-after must be positive: " + retryAfter);
        }
        return new VenueException(code, message, true, false, retryAfter);
    }

    /** No answer came (timeout, connection lost mid-call): the venue may or may not have acted. */
    public static VenueException outcomeUnknown(RejectionCode code, String message) {
        return new VenueException(code, message, true, true, null);
    }

    public RejectionCode code() {
        return code;
    }

    public boolean isTransient() {
        return transientFailure;
    }

    /** Whether the call may have taken effect at the venue although it failed here. */
    public boolean isOutcomeUnknown() {
        return outcomeUnknown;
    }

    /** How long the venue asked the host to wait, if it did. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
