package io.tradehost.api.event;

/**
 * The venue connection was lost or came back.
 *
 * @param connected whether the venue is reachable now
 * @param detail what the venue said
 * @param timestampNanos clock time of the report
 */
public record VenueConnectionChanged(boolean connected, String detail, long timestampNanos) implements Event {
}
