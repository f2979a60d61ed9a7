package io.tradehost.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.kernel.VirtualClock;
import io.tradehost.testkit.Fixtures;
import io.tradehost.testkit.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two stores kept to one journal: the same tables and columns, migrations appended to both. */
class JournalStoresTest {
    @TempDir
    Path dir;

    private final VirtualClock clock = new VirtualClock(Fixtures.EPOCH);

    @Test
    void sqliteAndPostgresHoldTheSameTablesAndColumns() throws Exception {
        JournalStore sqlite = JournalStore.file(dir.resolve("journal.db"));
        PostgresServer server = PostgresServer.shared();
        JournalStore postgres = JournalStore.postgres(PostgresLocation.of(server.url(), server.user(),
                server.password(), "same_columns"), null);
        SqlJournal.inline(sqlite, "r", e -> { }, clock).close();
        SqlJournal.inline(postgres, "r", e -> { }, clock).close();

        Map<String, List<String>> fromSqlite = new TreeMap<>();
        try (Connection c = sqlite.connect(Durability.NORMAL); Statement s = c.createStatement();
             ResultSet tables = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'"
                     + " AND name NOT LIKE 'sqlite_%'")) {
            List<String> names = new ArrayList<>();
            while (tables.next()) {
                names.add(tables.getString(1));
            }
            for (String table : names) {
                try (ResultSet columns = c.createStatement().executeQuery(
                        "SELECT name, \"notnull\" OR pk FROM pragma_table_info('" + table + "') ORDER BY cid")) {
                    List<String> out = new ArrayList<>();
                    while (columns.next()) {
                        out.add(columns.getString(1) + (columns.getInt(2) == 1 ? " not null" : ""));
                    }
                    fromSqlite.put(table, out);
                }
            }
        }
        Map<String, List<String>> fromPostgres = new TreeMap<>();
        try (Connection c = postgres.connect(Durability.NORMAL);
             PreparedStatement s = c.prepareStatement("SELECT table_name, column_name, is_nullable"
                     + " FROM information_schema.columns WHERE table_schema = 'same_columns'"
                     + " AND table_name <> 'journal_schema' ORDER BY table_name, ordinal_position");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                fromPostgres.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                        .add(rs.getString(2) + ("NO".equals(rs.getString(3)) ? " not null" : ""));
            }
        }
        assertThat(fromSqlite).containsKeys("orders", "fills", "positions", "account", "order_lists");
        assertThat(fromPostgres).isEqualTo(fromSqlite);
        assertThat(Schema.latest()).as("a migration appended to one store is appended to the other")
                .isEqualTo(PostgresSchema.SQLITE_BASE + PostgresSchema.latest() - 1);
    }

    @Test
    void hostsOpeningOneNewJournalAtOnceMigrateItOnce() throws Exception {
        PostgresServer server = PostgresServer.shared();
        JournalStore store = JournalStore.postgres(PostgresLocation.of(server.url(), server.user(),
                server.password(), "opened_together"), null);
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<String>> opens = new ArrayList<>();
        for (int host = 0; host < 4; host++) {
            String runId = "r" + host;
            opens.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                try (SqlJournal journal = SqlJournal.inline(store, runId, e -> { }, new VirtualClock(Fixtures.EPOCH))) {
                    return journal.runId();
                }
            }));
        }
        go.countDown();
        List<String> runIds = new ArrayList<>();
        for (CompletableFuture<String> open : opens) {
            runIds.add(open.get(60, TimeUnit.SECONDS));
        }
        assertThat(runIds).as("the first to write the run id wins; the others read it").containsOnly(runIds.getFirst());
        try (Connection c = store.connect(Durability.NORMAL); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*), max(version) FROM journal_schema")) {
            rs.next();
            assertThat(rs.getInt(1)).isOne();
            assertThat(rs.getInt(2)).isEqualTo(PostgresSchema.latest());
        }
    }

}
