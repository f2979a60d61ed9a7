/**
 * The tradehost API: exact values, events, plugin SPIs and the contracts through which the
 * coordinators talk. Plugins compile against this module alone; it depends on nothing outside
 * {@code java.base}.
 */
module io.tradehost.api {
    exports io.tradehost.api.value;

    exports io.tradehost.api.order;
    exports io.tradehost.api.market;
    exports io.tradehost.api.event;
    exports io.tradehost.api.command;
    exports io.tradehost.api.strategy;
    exports io.tradehost.api.strategy.event;
    exports io.tradehost.api.guard;
    exports io.tradehost.api.venue;
    exports io.tradehost.api.time;
    exports io.tradehost.api.host;
    exports io.tradehost.api.state;
    exports io.tradehost.api.config;
    exports io.tradehost.api.journal;
}
