package io.tradehost.coordinator.runtime.reconcile;

import java.util.Objects;
/**
 * One thing the journal and the venue disagree on. Immutable.
 *
 * @param kind what kind of thing
 * @param subject the order id, trade id, symbol or currency concerned
 * @param journal what the journal says
 * @param venue what the venue says
 * @param explained whether reconciliation knows how it came about and has repaired it (a fill the
 *     host missed while down, an order that never reached the venue); an unexplained difference
 *     restricts trading
 */
public record Difference(Kind kind, String subject, String journal, String venue, boolean explained) {
    /** What a difference is about. */
    public enum Kind {
        /** The order's status or filled quantity differs; the venue's is taken. */
        ORDER_STATUS,
        /** An open limit order's price or quantity differs (an amend the host did not hear of); the venue's is taken. */
        ORDER_TERMS,
        /** The venue holds an open order the journal does not; it is adopted. */
        ORDER_ADOPTED,
        /** The journal has an open order the venue does not know. */
        ORDER_UNKNOWN_TO_VENUE,
        /** The venue has a fill the journal lacks; it is booked. */
        MISSED_FILL,
        /** The venue booked a funding payment the journal lacks; it is booked. */
        MISSED_FUNDING,
        /** A position differs after every fill was booked. */
        POSITION,
        /** Cash differs after every fill was booked. */
        CASH
    }

    public Difference {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(journal, "journal");
        Objects.requireNonNull(venue, "venue");
    }

    /** One line for the log and the CLI. */
    @Override
    public String toString() {
        return kind + " " + subject + ": journal " + journal + ", venue " + venue
                + (explained ? " (repaired)" : " (unexplained)");
    }
}
