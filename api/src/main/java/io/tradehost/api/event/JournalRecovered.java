package io.tradehost.api.event;

import java.util.Objects;

/**
 * The journal's storage is back after it went away (a PostgreSQL server stopped or unreachable): the
 * writes held meanwhile are applied, in order. Trading may resume once a reconciliation with the venue
 * agrees, but only if {@code nothingLost}: otherwise an operator must look.
 *
 * @param where the journal, as it names itself (never a credential)
 * @param writesApplied writes held during the outage and applied now
 * @param nothingLost whether every write since the journal's failure reason was last cleared is in the
 *     journal (intents refused during the outage do not count: their orders were never sent)
 * @param timestampNanos clock time of the report
 */
public record JournalRecovered(String where, int writesApplied, boolean nothingLost, long timestampNanos)
        implements Event {
    public JournalRecovered {
        Objects.requireNonNull(where, "where");
        if (writesApplied < 0) {
            throw new IllegalArgumentException("writesApplied must not be negative: " + writesApplied);
        }
    }
}
