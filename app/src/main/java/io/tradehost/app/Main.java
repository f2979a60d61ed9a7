package io.tradehost.app;

import io.tradehost.app.cli.TradehostCommand;

/** Entry point of the {@code tradehost} launcher. */
public final class Main {
    private Main() {
    }

    /** Runs the CLI and exits with its status: 0 success, 1 failure, 2 bad configuration or usage. */
    public static void main(String[] args) {
        System.exit(TradehostCommand.execute(args));
    }
}
