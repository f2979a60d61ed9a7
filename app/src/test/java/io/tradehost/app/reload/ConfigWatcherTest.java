package io.tradehost.app.reload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watcher on the real file system: what it hands on once the file is quiet. Each test waits
 * for the watcher's answer, bounded; the quiet-period rules themselves are {@link DebounceTest}'s.
 */
class ConfigWatcherTest {
    @TempDir
    Path dir;

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aBurstOfWritesIsHandedOnWithTheLastContent() throws Exception {
        Path file = dir.resolve("host.toml");
        Files.writeString(file, "a = 1\n");
        CompletableFuture<String> seen = new CompletableFuture<>();
        ConfigWatcher watcher = ConfigWatcher.start(file, () -> seen.complete(read(file)));
        try {
            Files.writeString(file, "a = 2\n");
            Files.writeString(file, "a = 3\n");
            assertThat(seen.get(30, TimeUnit.SECONDS)).isEqualTo("a = 3\n");
        } finally {
            watcher.close();
        }
    }

    @Test
    void aFileRenamedIntoPlaceAsEditorsSaveIsSeen() throws Exception {
        Path file = dir.resolve("host.toml");
        Files.writeString(file, "a = 1\n");
        CompletableFuture<String> seen = new CompletableFuture<>();
        ConfigWatcher watcher = ConfigWatcher.start(file, () -> seen.complete(read(file)));
        try {
            Path draft = Files.writeString(dir.resolve(".host.toml.swp"), "a = 4\n");
            Files.move(draft, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            assertThat(seen.get(30, TimeUnit.SECONDS)).isEqualTo("a = 4\n");
        } finally {
            watcher.close();
        }
    }

    @Test
    void aFileThatStaysHalfWrittenIsHandedOnAfterItsGraceToBeRefused() throws Exception {
        Path file = dir.resolve("host.toml");
        Files.writeString(file, "a = 1\n");
        CompletableFuture<String> seen = new CompletableFuture<>();
        ConfigWatcher watcher = ConfigWatcher.start(file, () -> seen.complete(read(file)));
        try {
            Files.writeString(file, "[guards.con");
            assertThat(seen.get(30, TimeUnit.SECONDS)).isEqualTo("[guards.con");
        } finally {
            watcher.close();
        }
    }
}
