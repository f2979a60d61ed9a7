package io.tradehost.app.cli;

import io.tradehost.app.reload.ConfigReloader;
import io.tradehost.app.reload.ConfigWatcher;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What asks a running host to reload its configuration besides the admin API: a change of the
 * {@code --config} file (when there is one) and SIGHUP. Closing stops both.
 */
final class ConfigTriggers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigTriggers.class);

    private final ConfigWatcher watcher;
    private final HangupSignal hangup;

    private ConfigTriggers(ConfigWatcher watcher, HangupSignal hangup) {
        this.watcher = watcher;
        this.hangup = hangup;
    }

    static ConfigTriggers start(Path file, ConfigReloader reloader) {
        ConfigWatcher watcher = null;
        if (file != null) {
            try {
                watcher = ConfigWatcher.start(file, () -> reloader.request("file"));
            } catch (IOException | RuntimeException e) {
                LOG.warn("cannot watch {} ({}); reload with SIGHUP or POST /api/v1/config/reload", file, e.toString());
            }
        }
        HangupSignal hangup = null;
        try {
            hangup = new HangupSignal(() -> reloader.request("SIGHUP"));
        } catch (IllegalArgumentException e) {
            LOG.warn("SIGHUP cannot be handled here ({}); reload by editing the file or through the API", e.toString());
        }
        return new ConfigTriggers(watcher, hangup);
    }

    @Override
    public void close() {
        if (watcher != null) {
            watcher.close();
        }
        if (hangup != null) {
            hangup.close();
        }
    }
}
