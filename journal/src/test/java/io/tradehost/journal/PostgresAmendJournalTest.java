package io.tradehost.journal;

/** {@link AmendJournalTest} on a real PostgreSQL server. */
class PostgresAmendJournalTest extends AmendJournalTest {
    @Override
    JournalStore newStore() {
        return PostgresStores.fresh("amend");
    }
}
