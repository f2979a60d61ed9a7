/** Trading cycles: builds each symbol's context, asks its strategy, turns decisions into order intents. */
module io.tradehost.coordinator.strategy {
    requires transitive io.tradehost.api;
    requires org.slf4j;

    exports io.tradehost.coordinator.strategy;
}
