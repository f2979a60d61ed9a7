/** Market data subscription, mark windows, staleness, health aggregation and the status line. */
module io.tradehost.coordinator.telemetry {
    requires transitive io.tradehost.api;
    requires org.slf4j;

    exports io.tradehost.coordinator.telemetry;
}
