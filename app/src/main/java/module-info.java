/**
 * The composition root: Dagger wiring, the kernel's live loop, configuration, plugin discovery,
 * the CLI. The only module that knows the concrete coordinators.
 */
module io.tradehost.app {
    requires io.tradehost.api;
    requires io.tradehost.kernel;
    requires io.tradehost.coordinator.runtime;
    requires io.tradehost.coordinator.execution;
    requires io.tradehost.coordinator.strategy;
    requires io.tradehost.coordinator.telemetry;
    requires io.tradehost.journal;
    requires io.tradehost.faults;
    requires io.tradehost.admin;
    requires io.tradehost.alerts;
    requires io.tradehost.exchange;
    requires io.tradehost.backtest;
    requires java.net.http;
    requires jdk.unsupported;
    requires org.slf4j;
    requires ch.qos.logback.classic;
    requires ch.qos.logback.core;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.toml;
    requires info.picocli;
    requires dagger;
    requires jakarta.inject;

    uses io.tradehost.api.strategy.StrategyFactory;
    uses io.tradehost.api.guard.GuardFactory;
    uses io.tradehost.api.guard.RuntimeGuardFactory;
    uses io.tradehost.api.venue.VenueFactory;

    provides ch.qos.logback.classic.spi.Configurator with io.tradehost.app.log.LogSetup;

    opens io.tradehost.app.cli to info.picocli;
    // logback instantiates the log pattern's converters
    exports io.tradehost.app.log to ch.qos.logback.core, ch.qos.logback.classic;
}
