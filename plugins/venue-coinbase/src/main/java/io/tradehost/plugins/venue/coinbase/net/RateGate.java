package io.tradehost.plugins.venue.coinbase.net;

import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.time.Clock;
import io.tradehost.api.venue.VenueException;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Client-side pacing: a token bucket of {@code perSecond} requests a second (bursts up to that
 * many). A caller waits for a token up to {@code maxWait}; beyond that it gets a rate-limit failure
 * with the wait as retry-after, so the host's retry path paces it instead of a blocked thread.
 * Thread-safe.
 */
public final class RateGate {
    /** The code of a request the plugin itself held back or the venue refused with 429. */
    public static final RejectionCode RATE_LIMITED = RejectionCode.of("RATE_LIMITED");
    private final Clock clock;
    private final double perNano;
    private final double capacity;
    private final long maxWaitNanos;
    private double tokens;
    private long last;

    public RateGate(Clock clock, int perSecond, Duration maxWait) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("rate_limit must be >= 1 request per second, got " + perSecond);
        }
        this.clock = clock;
        this.perNano = perSecond / 1e9;
        this.capacity = perSecond;
        this.maxWaitNanos = maxWait.toNanos();
        this.tokens = perSecond;
        this.last = clock.nanos();
    }

    /** Takes one token, waiting up to the maximum. */
    public void acquire() throws VenueException {
        long wait;
        synchronized (this) {
            long now = clock.nanos();
            tokens = Math.min(capacity, tokens + (now - last) * perNano);
            last = now;
            tokens -= 1;
            if (tokens >= 0) {
                return;
            }
            wait = (long) Math.ceil(-tokens / perNano);
            if (wait > maxWaitNanos) {
                tokens += 1;
                throw VenueException.rateLimited(RATE_LIMITED, "client-side rate limit: no request slot for "
                        + Duration.ofNanos(wait).toMillis() + " ms", Duration.ofNanos(wait));
            }
        }
        LockSupport.parkNanos(wait);
    }
}
