package io.tradehost.app.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The shipped logging set-up ({@link LogSetup}), configured for real: a hostile message stays on its one line. */
class SafeMessageConverterTest {
    private static final String FORGED = "ok\n12:00:00.000 WARN  RuntimeCoordinator forged\u001b[2J\u0007\u009b31m\u202e";

    /** What the shipped set-up writes to stderr while {@code logging} runs. */
    private static String logged(java.util.function.Consumer<LoggerContext> logging) throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            LogSetup setup = new LogSetup();
            setup.setContext(context);
            assertThat(setup.configure(context)).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
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

    @Test
    void theHostLogsAtInfoAndLibrariesOnlyFromWarnEachLineInTheShippedFormat() throws Exception {
        // the property wins over the environment: this test does not depend on the shell it runs in
        String before = System.setProperty("TRADEHOST_LOG_LEVEL", "INFO");
        String out;
        try {
            out = logged(c -> {
                c.getLogger("io.tradehost.coordinator.runtime.RuntimeCoordinator").info("reconciled");
                c.getLogger("io.tradehost.coordinator.runtime.RuntimeCoordinator").debug("not shown");
                c.getLogger("org.eclipse.jetty.server.Server").info("not shown either");
                c.getLogger("org.eclipse.jetty.server.Server").warn("shown");
            });
        } finally {
            if (before == null) {
                System.clearProperty("TRADEHOST_LOG_LEVEL");
            } else {
                System.setProperty("TRADEHOST_LOG_LEVEL", before);
            }
        }
        assertThat(out.lines()).hasSize(2);
        assertThat(out.lines().toList().get(0)).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  RuntimeCoordinator     reconciled");
        assertThat(out.lines().toList().get(1)).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  Server                 shown");
    }

    @Test
    void anOperatorsOwnLogbackFileTakesOver() {
        String before = System.setProperty("logback.configurationFile", "/etc/tradehost/logback.xml");
        try {
            LoggerContext context = new LoggerContext();
            LogSetup setup = new LogSetup();
            setup.setContext(context);
            assertThat(setup.configure(context)).isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
            assertThat(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext()).isFalse();
        } finally {
            if (before == null) {
                System.clearProperty("logback.configurationFile");
            } else {
                System.setProperty("logback.configurationFile", before);
            }
        }
    }
}
