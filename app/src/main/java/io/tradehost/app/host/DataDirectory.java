package io.tradehost.app.host;

import io.tradehost.api.host.StartupException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A data directory held by this process: created if missing and locked ({@code tradehost.lock}),
 * so that two hosts never write the same journal. The operating system drops the lock when the
 * process dies, however it dies. Close it to release.
 */
public final class DataDirectory implements AutoCloseable {
    private static final String LOCK_FILE = "tradehost.lock";

    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectory(Path path, FileChannel channel, FileLock lock) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Creates (if needed) and locks {@code directory}.
     *
     * @throws StartupException if it cannot be created or another process holds it
     */
    public static DataDirectory lock(Path directory) {
        Path absolute = directory.toAbsolutePath().normalize();
        FileChannel channel = null;
        try {
            Files.createDirectories(absolute);
            channel = FileChannel.open(absolute.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                throw new StartupException("data directory " + absolute + " is in use by another tradehost"
                        + " (it holds " + absolute.resolve(LOCK_FILE) + ")");
            }
            channel.truncate(0);
            channel.write(StandardCharsets.UTF_8.encode(ProcessHandle.current().pid() + "\n"));
            return new DataDirectory(absolute, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StartupException("cannot use data directory " + absolute + ": " + e.getMessage(), e);
        }
    }

    /** The lock, or null when another process (or another holder in this one) has it. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the lock goes with the process anyway
            }
        }
    }

    /** The directory, absolute. */
    public Path path() {
        return path;
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // released when the channel closes
        }
        closeQuietly(channel);
    }
}
