package io.tradehost.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** SIGHUP sent to this very JVM reaches the handler (without it, the JVM would end). */
class HangupSignalTest {
    @Test
    void aHangupRunsTheReloadHandler() throws Exception {
        CompletableFuture<Void> heard = new CompletableFuture<>();
        HangupSignal hangup = new HangupSignal(() -> heard.complete(null));
        try {
            Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(ProcessHandle.current().pid())).start();
            assertThat(kill.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(kill.exitValue()).isZero();
            heard.get(30, TimeUnit.SECONDS);
        } finally {
            hangup.close();
        }
        assertThat(heard).isDone();
    }
}
