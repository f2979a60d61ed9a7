package io.tradehost.journal;

/** {@link StrategyRowsTest} on a real PostgreSQL server. */
class PostgresStrategyRowsTest extends StrategyRowsTest {
    @Override
    JournalStore newStore() {
        return PostgresStores.fresh("strategy_rows");
    }
}
