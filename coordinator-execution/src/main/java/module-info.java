/** Guard chain, sizing, the per-symbol in-flight lock, order placement and tracking, fills to positions. */
module io.tradehost.coordinator.execution {
    requires transitive io.tradehost.api;
    requires org.slf4j;

    exports io.tradehost.coordinator.execution;
}
