/**
 * The host's journal: order intents before they reach the venue, every order state change, fills,
 * positions, cash and trading-state transitions. In an embedded SQLite database (WAL, the default) or
 * a PostgreSQL schema; versioned schema for both, one writer thread behind a bounded queue.
 */
module io.tradehost.journal {
    requires transitive io.tradehost.api;
    requires transitive java.sql;
    requires org.xerial.sqlitejdbc;
    requires org.postgresql.jdbc;
    requires org.slf4j;

    exports io.tradehost.journal;
}
