package io.tradehost.app;

import io.tradehost.api.host.Throwables;
import io.tradehost.app.cli.TradehostCommand;
import org.slf4j.LoggerFactory;
/** Entry point of the {@code tradehost} launcher. */
public final class Main {
    /** Exit status after a failure of the JVM itself (also what the launcher's -XX:+ExitOnOutOfMemoryError gives: 3). */
    static final int EXIT_FATAL = 70;

    private Main() {
    }

    /**
     * Runs the CLI and exits with its status: 0 success, 1 failure, 2 bad configuration or usage, 3
     * journal and venue differ. Whatever escapes the CLI ends in one line, never a stack trace on
     * the terminal: a failure of the JVM itself (out of memory, an internal error) halts the process
     * at once, as a crash would, so nothing more is written that the next start cannot reconcile.
     */
    public static void main(String[] args) {
        int status;
        try {
            status = TradehostCommand.execute(args);
        } catch (Throwable e) {
            if (Throwables.isFatal(e)) {
                System.err.println("tradehost: fatal: " + Throwables.describe(e) + "; the process ends now (the"
                        + " journal is safe; the next start reconciles with the venue)");
                System.err.flush();
                Runtime.getRuntime().halt(EXIT_FATAL);
            }
            LoggerFactory.getLogger(Main.class).error("run failed", e);
            System.err.println("tradehost: failed: " + Throwables.describe(e));
            status = TradehostCommand.EXIT_FAILURE;
        }
        System.exit(status);
    }
}
