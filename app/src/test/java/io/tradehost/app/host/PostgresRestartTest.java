package io.tradehost.app.host;

/** {@link RestartTest} with the journal on a real PostgreSQL server. */
class PostgresRestartTest extends RestartTest {
    @Override
    TestJournal newJournal() {
        return TestJournal.postgres("restart");
    }
}
