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
        System.exit(TradehostCommand.executeContained(args));
    }
}
