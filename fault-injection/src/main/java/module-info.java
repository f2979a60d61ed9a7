/**
 * A venue wrapper that injects faults (errors, timeouts that did or did not take effect, rate
 * limits, disconnects, delayed and duplicated fills) from configuration, for tests and soak runs.
 */
module io.tradehost.faults {
    requires transitive io.tradehost.api;
    requires org.slf4j;

    exports io.tradehost.faults;
}
