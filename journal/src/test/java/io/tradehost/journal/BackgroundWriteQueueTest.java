package io.tradehost.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.api.command.RecordIntent;
import io.tradehost.api.event.IntentRecorded;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.kernel.VirtualClock;
import io.tradehost.testkit.Fixtures;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
class BackgroundWriteQueueTest {
    @TempDir
    Path dir;

    private final ConcurrentLinkedQueue<Runnable> completions = new ConcurrentLinkedQueue<>();

    private void runCompletions() {
        Runnable r;
        while ((r = completions.poll()) != null) {
            r.run();
        }
    }

    @Test
    void writesAreAppliedOffTheCallersThreadAndReportedThroughTheExecutorBehindTheIntentLog() throws SQLException {
        List<String> outcomes = new ArrayList<>();
        SqlJournal journal = SqlJournal.open(dir.resolve("j.db"), "r", Durability.FULL, 64,
                completions::add, event -> outcomes.add(event instanceof IntentRecorded r
                        ? r.request().clientOrderId().value() : "failed: " + event), new VirtualClock(Fixtures.EPOCH));
        for (int i = 1; i <= 20; i++) {
            journal.record(new RecordIntent(OrderRequest.market(ClientOrderId.of("r-" + i), Symbol.of("BTC-PERP"),
                    Side.BUY, Quantity.of("1")), i, i, i));
        }
        // the intent log made each durable at once; SQLite's outcomes come through the executor
        assertThat(outcomes).hasSize(20).allSatisfy(o -> assertThat(o).doesNotContain("failed"));
        assertThat(journal.intentsAhead()).isEqualTo(20);
        journal.close();
        runCompletions();
        assertThat(journal.intentsAhead()).as("every SQLite write reported").isZero();
        assertThat(outcomes).hasSize(20);
        // in SQLite itself, not read back from the log
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("j.db"));
             java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM orders")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(20);
        }
        assertThat(JournalFiles.read(dir.resolve("j.db")).openOrders()).hasSize(20);
    }

    @Test
    void aFullQueueRefusesInsteadOfBlockingAndAFailingWriteFailsAlone() throws Exception {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("q.db"));
        CountDownLatch release = new CountDownLatch(1);
        List<String> outcomes = new ArrayList<>();
        BackgroundWriteQueue queue = new BackgroundWriteQueue(connection, 2, completions::add, null);
        CountDownLatch writerBusy = new CountDownLatch(1);
        queue.submit("blocker", c -> {
            writerBusy.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            c.createStatement().execute("CREATE TABLE t(x INTEGER PRIMARY KEY)");
        }, e -> outcomes.add("blocker " + (e == null ? "ok" : e.getMessage())));
        writerBusy.await();
        assertThat(queue.submit("a", c -> c.createStatement().execute("INSERT INTO t VALUES (1)"),
                e -> outcomes.add("a " + (e == null ? "ok" : "failed")))).isTrue();
        assertThat(queue.submit("dup", c -> c.createStatement().execute("INSERT INTO t VALUES (1)"),
                e -> outcomes.add("dup " + (e == null ? "ok" : "failed")))).isTrue();
        assertThat(queue.submit("b", c -> c.createStatement().execute("INSERT INTO t VALUES (2)"),
                e -> outcomes.add("b"))).as("queue of 2 is full").isFalse();
        assertThat(queue.backlog()).isEqualTo(2);
        release.countDown();
        queue.close();
        runCompletions();
        assertThat(outcomes).containsExactly("blocker ok", "a ok", "dup failed");
        assertThat(queue.submit("late", c -> { }, e -> outcomes.add("late " + e.getMessage()))).isTrue();
        runCompletions();
        assertThat(outcomes).last().isEqualTo("late journal closed");
        assertThatClosed(connection);
    }

    private static void assertThatClosed(Connection connection) throws SQLException {
        assertThat(connection.isClosed()).isTrue();
    }
}
