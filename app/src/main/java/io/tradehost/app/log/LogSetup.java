package io.tradehost.app.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The host's logging, configured in code rather than from an XML file: logback's XML configuration
 * loads and runs an XML parser at every start (about a thousand classes). Lines go to stderr, so
 * that stdout carries only results (summary, plugin lists, JSON); messages, logger names and stack
 * traces have their control characters escaped ({@link SafeMessageConverter}, {@link
 * SafeLoggerConverter}, {@link SafeThrowableConverter}), so text from outside cannot forge a line.
 * {@code io.tradehost} logs at {@code TRADEHOST_LOG_LEVEL} (a system property or the environment,
 * default INFO), everything else at WARN. An operator who sets {@code -Dlogback.configurationFile}
 * gets that file instead. Logback finds this class through {@link java.util.ServiceLoader}.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class LogSetup extends ContextAwareBase implements Configurator {
    /** The line format: time, level, logger's short name, message, stack trace if any. */
    public static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %-22safelogger{0} %safemsg%n%safeex";

    /** Logback instantiates it. */
    public LogSetup() {
        // configured by configure(...)
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.getInstanceConverterMap().put("safemsg", SafeMessageConverter::new);
        layout.getInstanceConverterMap().put("safelogger", SafeLoggerConverter::new);
        layout.getInstanceConverterMap().put("safeex", SafeThrowableConverter::new);
        layout.setPattern(PATTERN);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
        context.getLogger("io.tradehost").setLevel(Level.toLevel(hostLevel(), Level.INFO));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static String hostLevel() {
        String property = System.getProperty("TRADEHOST_LOG_LEVEL");
        return property != null ? property : System.getenv("TRADEHOST_LOG_LEVEL");
    }
}
