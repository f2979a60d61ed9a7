/**
 * The host's journal in an embedded SQLite database: order intents before they reach the venue,
 * every order state change, fills, positions, cash and trading-state transitions. Versioned schema,
 * WAL, one writer thread behind a bounded queue.
 */
module io.tradehost.journal {
    requires transitive io.tradehost.api;
    requires transitive java.sql;
    requires org.xerial.sqlitejdbc;
    requires org.slf4j;

    exports io.tradehost.journal;
}
