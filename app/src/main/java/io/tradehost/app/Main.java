package io.tradehost.app;

import io.tradehost.app.cli.TradehostCommand;
/** Entry point of the {@code tradehost} launcher. */
public final class Main {
    private Main() {
    }

    /**
     * Runs the CLI and exits with its status: 0 success, 1 failure, 2 bad configuration or usage, 3
     * journal and venue differ (or the launcher's exit on out of memory), 70 another failure of the
     * JVM itself; see {@link TradehostCommand#executeContained}.
     */
    public static void main(String[] args) {
        if (TradehostCommand.answeredVersion(args)) {
            return;
        }
        quietBacktests(args);
        System.exit(TradehostCommand.executeContained(args));
    }

    /**
     * A backtest's host logs what a live host would, hours of it in seconds: it logs at WARN unless
     * {@code TRADEHOST_LOG_LEVEL} says otherwise. Set before the first logger exists, which is
     * when logback reads its configuration.
     */
    private static void quietBacktests(String[] args) {
        if (args.length > 0 && args[0].equals("backtest") && System.getenv("TRADEHOST_LOG_LEVEL") == null
                && System.getProperty("TRADEHOST_LOG_LEVEL") == null) {
            System.setProperty("TRADEHOST_LOG_LEVEL", "WARN");
        }
    }
}
