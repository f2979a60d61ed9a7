package io.tradehost.app.log;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.tradehost.api.host.PrintableText;

/**
 * {@code %safemsg} in the log pattern: the message with its control characters escaped, so that
 * text from a request, a venue, a data file or a plugin can never forge a log line or steer the
 * terminal the log is read on. Logback creates it; stateless.
 */
public final class SafeMessageConverter extends ClassicConverter {
    /** Logback instantiates it from the pattern. */
    public SafeMessageConverter() {
        // no state
    }

    @Override
    public String convert(ILoggingEvent event) {
        return PrintableText.escape(event.getFormattedMessage());
    }
}
