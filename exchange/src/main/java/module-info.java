/**
 * The local exchange: a Coinbase Advanced Trade compatible exchange on loopback (REST, the market
 * and user WebSocket feeds, JWT authentication), a synthetic market with a matching engine whose
 * state outlives any client, and protocol fault injection. Used by {@code tradehost exchange} and
 * by the Coinbase venue plugin's contract tests.
 */
module io.tradehost.exchange {
    requires org.slf4j;
    requires org.eclipse.jetty.server;
    requires org.eclipse.jetty.http;
    requires org.eclipse.jetty.io;
    requires org.eclipse.jetty.util;
    requires org.eclipse.jetty.websocket.core.common;
    requires org.eclipse.jetty.websocket.core.server;
    requires com.fasterxml.jackson.databind;

    exports io.tradehost.exchange;
    exports io.tradehost.exchange.fault;
    exports io.tradehost.exchange.auth;
    exports io.tradehost.exchange.engine;

    opens io.tradehost.exchange.engine to com.fasterxml.jackson.databind;
}
