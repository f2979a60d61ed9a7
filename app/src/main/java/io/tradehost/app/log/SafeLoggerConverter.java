package io.tradehost.app.log;

import ch.qos.logback.classic.pattern.LoggerConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.tradehost.api.host.PrintableText;

/**
 * {@code %safelogger} in the log pattern: the logger's name with its control characters escaped,
 * since a plugin names its own loggers. Logback creates it; stateless.
 */
public final class SafeLoggerConverter extends LoggerConverter {
    /** Logback instantiates it from the pattern. */
    public SafeLoggerConverter() {
        // no state of its own
    }

    @Override
    public String convert(ILoggingEvent event) {
        return PrintableText.escape(super.convert(event));
    }
}
