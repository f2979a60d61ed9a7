package io.tradehost.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.command.RecordIntent;
import io.tradehost.api.event.IntentRecorded;
import io.tradehost.testkit.PostgresServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The journal contract on a real PostgreSQL server (one per test JVM, on loopback), each test in a
 * schema of its own; and what only the PostgreSQL store does: credentials kept out of every message.
 */
class PostgresJournalTest extends JournalContractTest {
    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    private PostgresServer server;
    private JournalStore store;
    private String schema;

    @BeforeEach
    void server() throws Exception {
        server = PostgresServer.shared();
        schema = "contract_" + SCHEMAS.incrementAndGet();
        store = JournalStore.postgres(location(schema), dir.resolve("journal.postgresql"));
    }

    private PostgresLocation location(String name) {
        return PostgresLocation.of(server.url(), server.user(), server.password(), name);
    }

    @Override
    JournalStore store() {
        return store;
    }

    @Override
    JournalStore absent() {
        return JournalStore.postgres(location(schema + "_never"), null);
    }

    @Override
    void setSchemaVersion(int version) throws SQLException {
        try (Connection c = store.connect(Durability.NORMAL); Statement s = c.createStatement()) {
            s.execute("UPDATE journal_schema SET version = " + version);
        }
    }

    @Override
    String duplicateKeyMessage() {
        return "duplicate key value violates unique constraint";
    }

    @Test
    void aWrongPasswordIsRefusedAndNeitherPasswordIsInTheMessage() {
        JournalStore wrong = JournalStore.postgres(PostgresLocation.of(server.url(), server.user(),
                "not-the-password-3f9a", schema), null);
        assertThatThrownBy(() -> SqlJournal.inline(wrong, "r1", this::heard, clock))
                .isInstanceOf(JournalException.class)
                .hasMessageStartingWith("cannot connect to journal " + server.url() + " (schema " + schema + ", user "
                        + server.user() + "): ")
                .hasMessageContaining("password authentication failed")
                .hasMessageNotContaining("not-the-password-3f9a")
                .hasMessageNotContaining(server.password());
        assertThat(store.toString()).doesNotContain(server.password());
    }

    @Test
    void nothingListeningIsAClearErrorNamingTheServer() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        JournalStore gone = JournalStore.postgres(PostgresLocation.of("postgresql://127.0.0.1:" + port + "/postgres",
                "u", "p", "s"), null);
        assertThatThrownBy(() -> SqlJournal.inline(gone, "r1", this::heard, clock))
                .isInstanceOf(JournalException.class)
                .hasMessageStartingWith("cannot connect to journal postgresql://127.0.0.1:" + port + "/postgres");
    }

    @Test
    void eachSchemaIsAJournalOfItsOwn() {
        reopen().recordBaseline(io.tradehost.api.value.Money.ofUnits(1000), List.of(), 1);
        journal.close();
        journal = null;
        try (SqlJournal other = SqlJournal.inline(JournalStore.postgres(location(schema + "_b"), null), "r2",
                this::heard, clock)) {
            assertThat(other.snapshot().fresh()).isTrue();
            assertThat(other.runId()).isEqualTo("r2");
        }
        assertThat(reopen().snapshot().fresh()).isFalse();
    }

    @Test
    void anIntentIsAnsweredOnlyOnceTheServerCommittedIt() {
        List<Runnable> completions = new ArrayList<>();
        List<String> answers = new ArrayList<>();
        SqlJournal threaded = SqlJournal.open(store, "r", Durability.FULL, 64, completions::add,
                event -> answers.add(event instanceof IntentRecorded r ? r.request().clientOrderId().value()
                        : "not recorded: " + event), clock);
        for (int i = 1; i <= 20; i++) {
            threaded.record(new RecordIntent(buy("r-" + i, "1"), i, i, i));
        }
        assertThat(threaded.intentsAhead()).as("no intent log: nothing goes ahead of the server").isZero();
        assertThat(answers).as("nothing answered before the writer's outcomes run").isEmpty();
        threaded.close();
        completions.forEach(Runnable::run);
        assertThat(answers).hasSize(20).allSatisfy(a -> assertThat(a).startsWith("r-"));
        assertThat(count("SELECT count(*) FROM orders")).isEqualTo(20);
        assertThat(JournalFiles.read(store).openOrders()).hasSize(20);
    }

    @Test
    void theSchemaVersionIsRecorded() throws SQLException {
        reopen();
        try (Connection c = store.connect(Durability.NORMAL); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version FROM journal_schema")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(PostgresSchema.latest());
        }
    }
}
