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
    @Test
    void theShippedPatternWritesEveryMessageOnOneLineWithItsControlCharactersEscaped() throws Exception {
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
            context.getLogger("io.tradehost.admin.Test").warn("operator halt: {}",
                    "ok\n12:00:00.000 WARN  RuntimeCoordinator forged\u001b[2J\u0007\u009b31m\u202e");
            context.stop();
        } finally {
            System.setErr(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertThat(context.getStatusManager().getCopyOfStatusList()).as(out).noneMatch(s -> s.getLevel() >= 1);
        assertThat(out.lines()).hasSize(1);
        assertThat(out).endsWith("operator halt: ok\\n12:00:00.000 WARN  RuntimeCoordinator forged\\u001b[2J\\u0007"
                + "\\u009b31m\\u202e" + System.lineSeparator());
        assertThat(out.chars().filter(c -> c < 0x20 && c != '\n').count()).isZero();
        assertThat(context.getStatusManager().getCopyOfStatusList()).noneMatch(s -> s.getLevel() >= 1);
    }
}
