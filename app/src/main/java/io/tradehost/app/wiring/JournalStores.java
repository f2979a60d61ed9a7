package io.tradehost.app.wiring;

import io.tradehost.api.config.ConfigException;
import io.tradehost.app.config.HostConfig;
import io.tradehost.journal.JournalStore;
import io.tradehost.journal.PostgresLocation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a host's journal lives: {@code <data dir>/journal.db}, or the PostgreSQL schema the
 * {@code journal} settings name, its password from {@value #PASSWORD_VARIABLE} or
 * {@code journal.password_file}. Stateless.
 */
public final class JournalStores {
    /** The environment variable holding the PostgreSQL journal's password; it wins over the file. */
    public static final String PASSWORD_VARIABLE = "TRADEHOST_JOURNAL_PASSWORD";
    private static final long MAX_PASSWORD_FILE = 4096;

    private JournalStores() {
    }

    /**
     * The store {@code settings} name for a host whose data directory is {@code dataDirectory}.
     *
     * @throws ConfigException naming {@code journal.password_file} when it cannot be read (never its contents)
     */
    public static JournalStore of(HostConfig.Journal settings, Path dataDirectory, Map<String, String> environment) {
        if (!settings.postgres()) {
            return JournalStore.file(dataDirectory.resolve("journal.db"));
        }
        String password = environment.get(PASSWORD_VARIABLE);
        if (password != null && password.isEmpty()) {
            password = null; // set but empty (an unfilled template): the file, if any, holds it
        }
        if (password == null && settings.passwordFile() != null) {
            password = readPassword(settings.passwordFile(), "journal.password_file");
        }
        PostgresLocation location = PostgresLocation.of(settings.url(), settings.user(),
                password == null ? "" : password, settings.schema());
        // the failure marker stays on this machine: it must be written when the server cannot be
        return JournalStore.postgres(location, dataDirectory.resolve("journal.postgresql"));
    }

    /**
     * The first line of a password file ({@code key} names it in errors): a file written by hand ends with a
     * newline the password does not hold. At most 4 KiB.
     *
     * @throws ConfigException naming {@code key} when the file cannot be read (never its contents)
     */
    public static String readPassword(Path file, String key) {
        try {
            if (Files.size(file) > MAX_PASSWORD_FILE) {
                throw new ConfigException(key, file + " is larger than " + MAX_PASSWORD_FILE
                        + " bytes: not a password file");
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int end = text.indexOf('\n');
            return (end < 0 ? text : text.substring(0, end)).stripTrailing();
        } catch (IOException e) {
            throw new ConfigException(key, "cannot read " + file + ": "
                    + e.getClass().getSimpleName());
        }
    }
}
