/**
 * A harness for event-driven strategies: the real strategy coordinator on a virtual clock, with a
 * stand-in execution whose answers a test drives (accept, fill, cancel, reject).
 */
module io.tradehost.strategy.testkit {
    requires transitive io.tradehost.testkit;
    requires io.tradehost.coordinator.strategy;

    exports io.tradehost.strategy.testkit;
}
