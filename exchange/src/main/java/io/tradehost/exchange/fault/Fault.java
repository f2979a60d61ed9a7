package io.tradehost.exchange.fault;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The protocol faults the exchange injects, each armed for a number of occurrences. WebSocket
 * faults hit every open feed connection (or the next message sent); REST faults hit the next
 * requests.
 */
public enum Fault {
    /** The next feed message skips a sequence number. */
    DROP_SEQUENCE,
    /** The next two feed messages are sent in swapped order. */
    REORDER_SEQUENCE,
    /** Every feed connection is dropped without a close frame (abrupt TCP close). */
    TCP_CLOSE,
    /** Every feed connection gets a close frame (1001 going away). */
    CLOSE_FRAME,
    /** Feeds send nothing, not even heartbeats, for {@code millis}; the sockets stay open. */
    SILENCE,
    /** Every feed connection gets an {@code error} message. */
    WS_ERROR,
    /** The next update on the user channel is sent twice. */
    DUPLICATE_USER_UPDATE,
    /** The next level2 snapshot is padded with far-away levels to several megabytes. */
    OVERSIZED_SNAPSHOT,
    /** The next REST requests are answered 429 with rate-limit headers. */
    RATE_LIMIT,
    /** The next REST requests are answered 503. */
    SERVER_ERROR,
    /** The next REST requests are answered after {@code millis}. */
    SLOW,
    /**
     * The next order POSTs that take effect (a create, or an edit) do so, then the connection is
     * dropped before the answer.
     */
    LOSE_ORDER_RESPONSE;

    /** The lower-case name used on the command line and the admin API, e.g. {@code rate_limit}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The fault named {@code label}, in any case. */
    public static Fault parse(String label) {
        try {
            return valueOf(label.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown fault '" + label + "' (known: "
                    + Arrays.stream(values()).map(Fault::label).collect(Collectors.joining(", ")) + ")", e);
        }
    }
}
