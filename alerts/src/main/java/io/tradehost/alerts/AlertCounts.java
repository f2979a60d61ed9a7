package io.tradehost.alerts;

/**
 * What delivery did so far, over every sink. Immutable.
 *
 * @param sent messages a receiver accepted
 * @param failed messages given up after their last attempt (or refused by the receiver)
 * @param retries attempts repeated after a failure
 * @param dropped alerts not queued because a sink's queue was full
 * @param rateLimited messages not sent because a sink reached its limit per minute
 * @param suppressed repeats of an alert already sent within the repeat window
 */
public record AlertCounts(long sent, long failed, long retries, long dropped, long rateLimited, long suppressed) {
}
