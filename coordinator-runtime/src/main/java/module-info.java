/** Venue bootstrap, the trading-state machine and (later) reconciliation and config drift. */
module io.tradehost.coordinator.runtime {
    requires transitive io.tradehost.api;
    requires org.slf4j;

    exports io.tradehost.coordinator.runtime;
}
