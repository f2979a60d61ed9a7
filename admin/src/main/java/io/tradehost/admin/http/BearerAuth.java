package io.tradehost.admin.http;

import io.tradehost.admin.AdminToken;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
/**
 * Checks {@code Authorization: Bearer <token>} and rate-limits addresses that present wrong tokens:
 * after {@code limit} failures within a minute, every further wrong or missing token from that
 * address is refused with 429 until the oldest failure is a minute old. The right token is always
 * accepted, limit or not: every local process shares 127.0.0.1, and one that sends wrong tokens must
 * not lock the operator out. The limit therefore does not slow a guesser (a right guess always
 * passes); the token's length and randomness do ({@link io.tradehost.admin.AdminToken}: 256 random
 * bits generated, at least 32 characters given). It keeps floods of wrong tokens cheap to answer
 * and visible in the log. Thread-safe.
 */
final class BearerAuth {
    private static final Logger LOG = LoggerFactory.getLogger(BearerAuth.class);
    static final long WINDOW_NANOS = 60_000_000_000L;
    private static final int MAX_TRACKED = 10_000;

    enum Outcome { OK, MISSING, WRONG, LIMITED }

    private final AdminToken token;
    private final int limit;
    private final LongSupplier nanos;
    private final Map<String, ArrayDeque<Long>> failures = new ConcurrentHashMap<>();

    BearerAuth(AdminToken token, int limit, LongSupplier nanos) {
        this.token = token;
        this.limit = limit;
        this.nanos = nanos;
    }

    /** Checks one request's {@code Authorization} header value (null if absent) from {@code address}. */
    Outcome check(String authorization, String address) {
        boolean bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
        if (bearer && token.matches(authorization.substring(7).strip())) {
            return Outcome.OK;
        }
        long now = nanos.getAsLong();
        if (limited(address, now)) {
            return Outcome.LIMITED;
        }
        fail(address, now);
        return bearer ? Outcome.WRONG : Outcome.MISSING;
    }

    private boolean limited(String address, long now) {
        ArrayDeque<Long> recent = failures.get(address);
        if (recent == null) {
            return false;
        }
        synchronized (recent) {
            while (!recent.isEmpty() && now - recent.peekFirst() >= WINDOW_NANOS) {
                recent.removeFirst();
            }
            return recent.size() >= limit;
        }
    }

    /** Seconds until {@code address} may try again. */
    long retryAfterSeconds(String address) {
        ArrayDeque<Long> recent = failures.get(address);
        if (recent == null) {
            return 0;
        }
        synchronized (recent) {
            Long oldest = recent.peekFirst();
            return oldest == null ? 0 : Math.max(1, (oldest + WINDOW_NANOS - nanos.getAsLong()) / 1_000_000_000L + 1);
        }
    }

    private void fail(String address, long now) {
        int count = record(address, now);
        if (count == limit) {
            LOG.warn("admin API: {} wrong or missing tokens from {} within a minute; refusing its wrong tokens for up"
                    + " to 60 s (the right token is still accepted)", limit, address);
        }
    }

    private int record(String address, long now) {
        if (failures.size() >= MAX_TRACKED && !failures.containsKey(address)) {
            failures.clear(); // bounded memory; a flood of addresses only resets the window
        }
        ArrayDeque<Long> recent = failures.computeIfAbsent(address, a -> new ArrayDeque<>());
        synchronized (recent) {
            recent.addLast(now);
            while (recent.size() > limit) {
                recent.removeFirst();
            }
            return recent.size();
        }
    }
}
