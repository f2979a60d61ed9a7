package io.tradehost.app.cli;

import io.tradehost.app.config.ConfigError;
import io.tradehost.app.wiring.JournalStores;
import io.tradehost.journal.PostgresLocation;
import io.tradehost.journal.SweepQueue;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --queue URL}, {@code --queue-user}, {@code --queue-password-file}: the PostgreSQL database a
 * sweep's points wait in, shared by {@code backtest --sweep}, {@code worker} and {@code sweep}. The
 * password comes from {@code TRADEHOST_QUEUE_PASSWORD}, else from the file's first line; never from the
 * address, and never printed.
 */
public final class QueueOptions {
    /** Where the queue's password may be given. */
    public static final String PASSWORD_VARIABLE = "TRADEHOST_QUEUE_PASSWORD";

    @Option(names = "--queue", paramLabel = "URL",
            description = "PostgreSQL database of the sweep queue, e.g. postgresql://db:5432/research")
    String url;

    @Option(names = "--queue-user", paramLabel = "USER", description = "Its user (default: tradehost)")
    private String user = "tradehost";

    @Option(names = "--queue-password-file", paramLabel = "FILE",
            description = "Its password's file, when " + PASSWORD_VARIABLE + " is not set")
    private Path passwordFile;

    /** Picocli instantiates it. */
    public QueueOptions() {
        // fields are injected by picocli
    }

    /** Whether {@code --queue} was given. */
    boolean given() {
        return url != null;
    }

    /**
     * Opens the queue.
     *
     * @throws ConfigError naming the option that is missing or wrong
     */
    SweepQueue open(Map<String, String> environment) {
        if (url == null) {
            throw new ConfigError("--queue", "give the queue's database, e.g. --queue postgresql://db:5432/research");
        }
        String password = environment.get(PASSWORD_VARIABLE);
        if ((password == null || password.isEmpty()) && passwordFile != null) {
            try {
                password = JournalStores.readPassword(passwordFile, "--queue-password-file");
            } catch (io.tradehost.api.config.ConfigException e) {
                throw new ConfigError(e.key(), e.problem());
            }
        }
        try {
            return SweepQueue.of(PostgresLocation.of(url, user, password == null ? "" : password,
                    SweepQueue.SCHEMA));
        } catch (IllegalArgumentException e) {
            throw new ConfigError("--queue", e.getMessage());
        }
    }
}
