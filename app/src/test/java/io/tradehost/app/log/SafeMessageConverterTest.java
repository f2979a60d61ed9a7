package io.tradehost.app.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The shipped logback.xml, configured for real: a hostile message stays on its one line. */
class SafeMessageConverterTest {
    private static final String FORGED = "ok\n12:00:00.000 WARN  RuntimeCoordinator forged\u001b[2J\u0007\u009b31m\u202e";

    /** What the shipped logback.xml writes to stderr while {@code logging} runs. */
    private static String logged(java.util.function.Consumer<LoggerContext> logging) throws Exception {
        URL shipped = SafeMessageConverter.class.getResource("/logback.xml");
        assertThat(shipped).isNotNull();
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(shipped);
            logging.accept(context);
            context.stop();
        } finally {
            System.setErr(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertThat(context.getStatusManager().getCopyOfStatusList()).as(out).noneMatch(s -> s.getLevel() >= 1);
        return out;
    }

    @Test
    void aPluginsExceptionAndLoggerNameCannotForgeALineEither() throws Exception {
        RuntimeException cause = new IllegalStateException("cause " + FORGED);
        RuntimeException thrown = new RuntimeException(FORGED, cause);
        thrown.addSuppressed(new IllegalArgumentException("suppressed " + FORGED));
        String out = logged(c -> c.getLogger("plugin\u001b[2Jlogger").warn("the venue plugin failed", thrown));
        assertThat(out.chars().filter(ch -> ch < 0x20 && ch != '\n' && ch != '\t').count()).isZero();
        assertThat(out).doesNotContain("\u009b").doesNotContain("\u202e");
        assertThat(out.lines()).noneMatch(l -> l.startsWith("12:00:00.000"))
                .anyMatch(l -> l.contains("plugin\\u001b[2Jlogger") && l.endsWith(" the venue plugin failed"))
                .anyMatch(l -> l.equals("java.lang.RuntimeException: ok\\n12:00:00.000 WARN  RuntimeCoordinator"
                        + " forged\\u001b[2J\\u0007\\u009b31m\\u202e"))
                .anyMatch(l -> l.startsWith("Caused by: java.lang.IllegalStateException: cause ok\\n12:00"))
                .anyMatch(l -> l.contains("Suppressed: java.lang.IllegalArgumentException: suppressed ok\\n"))
                .anyMatch(l -> l.startsWith("\tat ") && l.contains("SafeMessageConverterTest.aPluginsException"));
    }

    @Test
    void theShippedPatternWritesEveryMessageOnOneLineWithItsControlCharactersEscaped() throws Exception {
        String out = logged(c -> c.getLogger("io.tradehost.admin.Test").warn("operator halt: {}", FORGED));
        assertThat(out.lines()).hasSize(1);
        assertThat(out).endsWith("operator halt: ok\\n12:00:00.000 WARN  RuntimeCoordinator forged\\u001b[2J\\u0007"
                + "\\u009b31m\\u202e" + System.lineSeparator());
        assertThat(out.chars().filter(c -> c < 0x20 && c != '\n').count()).isZero();
    }
}
