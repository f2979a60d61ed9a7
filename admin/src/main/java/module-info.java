/**
 * The operator surface: an HTTP server on loopback (Jetty, virtual threads) with a bearer token,
 * health, Prometheus metrics, the JSON API under {@code /api/v1}, a live event stream and the
 * dashboard. It never touches kernel state from its own threads: it reads the snapshots the kernel
 * publishes and hands operator requests to the kernel as commands.
 */
module io.tradehost.admin {
    requires transitive io.tradehost.api;
    requires org.slf4j;
    requires transitive org.eclipse.jetty.server;
    requires org.eclipse.jetty.http;
    requires org.eclipse.jetty.io;
    requires org.eclipse.jetty.util;
    requires transitive com.fasterxml.jackson.databind;
    requires io.prometheus.metrics.core;
    requires io.prometheus.metrics.model;
    requires io.prometheus.metrics.config;
    requires io.prometheus.writer.text;
    requires io.prometheus.metrics.instrumentation.jvm;

    exports io.tradehost.admin;
    exports io.tradehost.admin.snapshot;
    exports io.tradehost.admin.metrics;
    exports io.tradehost.admin.http;
}
