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

    /** What the watcher of a file holding {@code a = 1} hands on after {@code edit}; bounded. */
    private String seenAfter(Edit edit) throws Exception {
        Path file = dir.resolve("host.toml");
        Files.writeString(file, "a = 1\n");
        CompletableFuture<String> seen = new CompletableFuture<>();
        ConfigWatcher watcher = ConfigWatcher.start(file, () -> seen.complete(read(file)));
        try {
            edit.apply(file);
            return seen.get(30, TimeUnit.SECONDS);
        } finally {
            watcher.close();
        }
    }

    /** An edit of the watched file. */
    private interface Edit {
        void apply(Path file) throws IOException;
    }

    @Test
    void aBurstOfWritesIsHandedOnWithTheLastContent() throws Exception {
        assertThat(seenAfter(file -> {
            Files.writeString(file, "a = 2\n");
            Files.writeString(file, "a = 3\n");
        })).isEqualTo("a = 3\n");
    }

    @Test
    void aFileRenamedIntoPlaceAsEditorsSaveIsSeen() throws Exception {
        assertThat(seenAfter(file -> Files.move(Files.writeString(dir.resolve(".host.toml.swp"), "a = 4\n"), file,
                StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE))).isEqualTo("a = 4\n");
    }

    @Test
    void aFileThatStaysHalfWrittenIsHandedOnAfterItsGraceToBeRefused() throws Exception {
        assertThat(seenAfter(file -> Files.writeString(file, "[guards.con"))).isEqualTo("[guards.con");
    }
}
