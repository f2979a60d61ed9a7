package io.tradehost.app.reload;

import io.tradehost.app.config.ConfigError;
import io.tradehost.app.config.ConfigLimits;
import io.tradehost.app.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the configuration file on a thread of its own and asks for a reload once it has been
 * quiet for a while ({@link Debounce}): an editor's burst of writes is one reload, a file still
 * being written (not TOML yet, or missing while an editor renames it into place) gets one more
 * quiet period before it is refused. Watches the directory, so a file replaced by a rename is seen.
 */
public final class ConfigWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigWatcher.class);
    /** How long the file must not change before it is read. */
    public static final Duration QUIET = Duration.ofMillis(500);

    private final Path file;
    private final Runnable onChange;
    private final WatchService service;
    private final Thread thread;
    private final Debounce debounce = new Debounce(QUIET.toNanos());

    private ConfigWatcher(Path file, Runnable onChange, WatchService service) {
        this.file = file;
        this.onChange = onChange;
        this.service = service;
        this.thread = new Thread(this::watch, "tradehost-config-watch");
        this.thread.setDaemon(true);
    }

    /**
     * Starts watching {@code file}; {@code onChange} runs on the watcher's thread.
     *
     * @throws IOException if the directory cannot be watched
     */
    public static ConfigWatcher start(Path file, Runnable onChange) throws IOException {
        Path absolute = file.toAbsolutePath();
        WatchService service = absolute.getFileSystem().newWatchService();
        try {
            absolute.getParent().register(service, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.OVERFLOW);
        } catch (IOException | RuntimeException e) {
            service.close();
            throw e;
        }
        ConfigWatcher watcher = new ConfigWatcher(absolute, onChange, service);
        watcher.thread.start();
        LOG.info("watching {} for changes (reload after {} ms quiet)", absolute, QUIET.toMillis());
        return watcher;
    }

    private void watch() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                long wait = debounce.waitNanos(System.nanoTime());
                WatchKey key = wait < 0 ? service.take() : service.poll(wait, TimeUnit.NANOSECONDS);
                if (key != null) {
                    for (WatchEvent<?> event : key.pollEvents()) {
                        if (event.kind() == StandardWatchEventKinds.OVERFLOW
                                || file.getFileName().equals(event.context())) {
                            debounce.changed(System.nanoTime());
                        }
                    }
                    key.reset();
                }
                long now = System.nanoTime();
                if (debounce.due(now)) {
                    if (!complete() && debounce.halfWritten(now)) {
                        continue;
                    }
                    debounce.read();
                    onChange.run();
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("the configuration watcher failed; file changes are no longer seen (SIGHUP and the API still"
                    + " reload)", e);
        }
    }

    /**
     * Whether the file reads as TOML: a half-written file usually does not. Read within the
     * configuration's size limit, so that a huge file costs a megabyte here too.
     */
    private boolean complete() {
        try {
            ConfigLoader.parse(ConfigLimits.read(file), file.toString());
            return true;
        } catch (ConfigError e) {
            return false;
        }
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            service.close();
        } catch (IOException e) {
            LOG.debug("closing the watch service: {}", e.toString());
        }
    }
}
