package io.tradehost.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.sqlite.SQLiteConfig;

/** A journal in one SQLite file (WAL), or in memory when the file is null. */
final class SqliteStore extends JournalStore {
    private final Path file;

    SqliteStore(Path file) {
        this.file = file;
    }

    @Override
    public String where() {
        return file == null ? ":memory:" : file.toString();
    }

    @Override
    Connection connect(Durability durability) {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(5_000);
        config.setGetGeneratedKeys(false); // else every insert runs a second query for keys no one reads
        if (file != null) {
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(durability == Durability.FULL ? SQLiteConfig.SynchronousMode.FULL
                    : SQLiteConfig.SynchronousMode.NORMAL);
        }
        String url = file == null ? "jdbc:sqlite::memory:" : "jdbc:sqlite:" + file;
        try {
            if (file != null && file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            return config.createConnection(url);
        } catch (SQLException | IOException e) {
            throw new JournalException("cannot open journal " + where() + ": " + e.getMessage(), e);
        }
    }

    @Override
    Reconnector reconnector(Durability durability) {
        return null; // a file does not go away; a failing disk fails writes, each reported
    }

    @Override
    void migrate(Connection connection) throws SQLException {
        Schema.migrate(connection, where());
    }

    @Override
    boolean exists() {
        return file != null && Files.isRegularFile(file);
    }

    @Override
    IntentLog openLog(Durability durability, int capacity) {
        return file == null ? null : IntentLog.forJournal(file, durability == Durability.FULL, capacity);
    }

    @Override
    IntentLog existingLog() {
        return file == null ? null : IntentLog.existing(IntentLog.beside(file), false);
    }

    @Override
    FailureMarker marker() {
        return file == null ? null : FailureMarker.open(file);
    }

    @Override
    boolean inMemory() {
        return file == null;
    }
}
