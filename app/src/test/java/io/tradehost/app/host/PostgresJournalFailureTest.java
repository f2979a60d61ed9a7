package io.tradehost.app.host;

/** {@link JournalFailureTest} with the journal on a real PostgreSQL server. */
class PostgresJournalFailureTest extends JournalFailureTest {
    @Override
    TestJournal newJournal() {
        return TestJournal.postgres("journalfailure");
    }
}
