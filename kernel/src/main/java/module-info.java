/** The single-threaded event kernel, its timers and clocks. */
module io.tradehost.kernel {
    requires transitive io.tradehost.api;

    requires org.slf4j;

    exports io.tradehost.kernel;
    exports io.tradehost.kernel.isolation;
}
