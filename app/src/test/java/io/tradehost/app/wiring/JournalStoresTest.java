package io.tradehost.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.config.ConfigException;
import io.tradehost.app.config.HostConfig;
import io.tradehost.journal.Durability;
import io.tradehost.journal.JournalException;
import io.tradehost.journal.JournalFiles;
import io.tradehost.journal.JournalStore;
import io.tradehost.journal.SqlJournal;
import io.tradehost.kernel.VirtualClock;
import io.tradehost.testkit.Fixtures;
import io.tradehost.testkit.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PostgreSQL journal's password, from the environment or a file, reaching a real server. */
class JournalStoresTest {
    @TempDir
    Path dir;

    private HostConfig.Journal settings(PostgresServer server, Path passwordFile) {
        return new HostConfig.Journal(Durability.FULL, 64, server.url(), server.user(), "stores", passwordFile, null);
    }

    private static void open(JournalStore store) {
        SqlJournal.inline(store, "r", e -> { }, new VirtualClock(Fixtures.EPOCH)).close();
    }

    @Test
    void thePasswordFileOpensTheJournalAndTheEnvironmentWinsOverIt() throws Exception {
        PostgresServer server = PostgresServer.shared();
        Path file = dir.resolve("journal.password");
        Files.writeString(file, server.password() + "\n"); // as an editor leaves it
        open(JournalStores.of(settings(server, file), dir, Map.of()));
        assertThat(JournalFiles.read(JournalStores.of(settings(server, file), dir, Map.of())).runId()).isEqualTo("r");

        Map<String, String> wrong = Map.of(JournalStores.PASSWORD_VARIABLE, "wrong-4b1d");
        assertThatThrownBy(() -> open(JournalStores.of(settings(server, file), dir, wrong)))
                .as("the environment's password is the one used").isInstanceOf(JournalException.class)
                .hasMessageContaining("password authentication failed").hasMessageNotContaining("wrong-4b1d");
        open(JournalStores.of(settings(server, dir.resolve("absent")), dir,
                Map.of(JournalStores.PASSWORD_VARIABLE, server.password())));
    }

    @Test
    void anUnreadablePasswordFileIsAConfigurationErrorNamingTheKey() throws Exception {
        PostgresServer server = PostgresServer.shared();
        assertThatThrownBy(() -> JournalStores.of(settings(server, dir.resolve("absent")), dir, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("journal.password_file")
                .hasMessageContaining("NoSuchFileException");
        Path huge = dir.resolve("huge");
        Files.writeString(huge, "x".repeat(10_000));
        assertThatThrownBy(() -> JournalStores.of(settings(server, huge), dir, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not a password file");
    }
}
