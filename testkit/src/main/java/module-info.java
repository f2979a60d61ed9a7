/**
 * Test support for plugin authors and the host's own tests: the virtual clock and stepped kernel,
 * fixtures for products, quotes and marks, a scripted venue, and stand-ins for the coordinator
 * contracts.
 */
module io.tradehost.testkit {
    requires transitive io.tradehost.api;
    requires transitive io.tradehost.kernel;
    requires transitive java.sql;

    exports io.tradehost.testkit;
}
