package io.tradehost.api.order;

import java.io.Serializable;
import java.util.Objects;
import java.util.regex.Pattern;
/**
 * Why an order or an intent was refused, as a stable code in upper snake case, e.g.
 * {@code MAX_ORDER_NOTIONAL}. The host's own codes are the constants here; guards and venues add
 * their own with {@link #of}. Compare codes with {@code equals}, never by their text. Immutable.
 *
 * @param value the code, {@code [A-Z][A-Z0-9_]*}
 */
public record RejectionCode(String value) implements Serializable {
    private static final Pattern FORM = Pattern.compile("[A-Z][A-Z0-9_]*");

    /** A guard threw, answered nothing, or did not answer within its budget; the host goes reduce-only. */
    public static final RejectionCode GUARD_FAILURE = new RejectionCode("GUARD_FAILURE");
    /** A value on the order path left the range the host's arithmetic holds. */
    public static final RejectionCode VALUE_OUT_OF_RANGE = new RejectionCode("VALUE_OUT_OF_RANGE");
    /** An order for the symbol is still open. */
    public static final RejectionCode IN_FLIGHT = new RejectionCode("IN_FLIGHT");
    /** No mark for the symbol yet. */
    public static final RejectionCode NO_MARK = new RejectionCode("NO_MARK");
    /** The venue flagged the symbol's market data stale: the book behind the last mark broke. */
    public static final RejectionCode MARK_STALE = new RejectionCode("MARK_STALE");
    /** The intent names neither a quantity nor a notional. */
    public static final RejectionCode NO_SIZE = new RejectionCode("NO_SIZE");
    /** The size rounds to less than the product's minimum. */
    public static final RejectionCode SIZE_BELOW_MINIMUM = new RejectionCode("SIZE_BELOW_MINIMUM");
    /** A close for a flat position. */
    public static final RejectionCode NOTHING_TO_CLOSE = new RejectionCode("NOTHING_TO_CLOSE");
    /** The journal could not record the intent; it was never sent. */
    public static final RejectionCode JOURNAL_FAILURE = new RejectionCode("JOURNAL_FAILURE");
    /** The host stopped before the order was sent. */
    public static final RejectionCode NOT_SENT = new RejectionCode("NOT_SENT");
    /** Transient failures outlasted the retry policy. */
    public static final RejectionCode RETRIES_EXHAUSTED = new RejectionCode("RETRIES_EXHAUSTED");
    /** Reconciliation: the journal's intent never reached the venue. */
    public static final RejectionCode NOT_AT_VENUE = new RejectionCode("NOT_AT_VENUE");
    /** The venue already holds an order with this client id: ask it, never send again. */
    public static final RejectionCode DUPLICATE_ORDER = new RejectionCode("DUPLICATE_ORDER");
    /** The venue plugin threw instead of answering. */
    public static final RejectionCode VENUE_PLUGIN_FAILURE = new RejectionCode("VENUE_PLUGIN_FAILURE");
    /** The venue plugin did not answer within its call budget. */
    public static final RejectionCode VENUE_TIMEOUT = new RejectionCode("VENUE_TIMEOUT");
    /** The venue plugin is still busy with a call that outlasted its budget; nothing was sent. */
    public static final RejectionCode VENUE_BUSY = new RejectionCode("VENUE_BUSY");
    /** The strategy callback that asked for the order threw or overran its budget; nothing was sent. */
    public static final RejectionCode STRATEGY_FAILED = new RejectionCode("STRATEGY_FAILED");

    /** @throws IllegalArgumentException if the value is not upper snake case */
    public RejectionCode {
        Objects.requireNonNull(value, "value");
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("not a rejection code (A-Z, 0-9, _): '" + value + "'");
        }
    }

    /** The code {@code value}. */
    public static RejectionCode of(String value) {
        return new RejectionCode(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
