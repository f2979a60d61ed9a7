package io.tradehost.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.command.RecordIntent;
import io.tradehost.api.event.Event;
import io.tradehost.api.event.IntentNotRecorded;
import io.tradehost.api.event.IntentRecorded;
import io.tradehost.api.event.OrderAccepted;
import io.tradehost.api.journal.OrderOwner;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.OrderStatus;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.testkit.Fixtures;
import io.tradehost.kernel.VirtualClock;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal with its intent log: answers at once, SQLite behind, and a start that writes in what a crash left. */
class IntentLogJournalTest {
    @TempDir
    Path dir;

    private final VirtualClock clock = new VirtualClock(Fixtures.EPOCH);
    /** Outcomes the writer reports, run by the test as the kernel thread would. */
    private final BlockingQueue<Runnable> completions = new LinkedBlockingQueue<>();
    private final List<String> heard = new ArrayList<>();

    private Path file() {
        return dir.resolve("journal.db");
    }

    private void heard(Event event) {
        heard.add(switch (event) {
            case IntentRecorded r -> r.request().clientOrderId().value() + " recorded";
            case IntentNotRecorded n -> n.request().clientOrderId().value() + " not recorded: " + n.reason();
            default -> event.getClass().getSimpleName();
        });
    }

    private SqlJournal open(int logCapacity) {
        return SqlJournal.open(JournalStore.file(file()), "r", Durability.NORMAL, 64, completions::add, this::heard, clock,
                logCapacity);
    }

    /** Runs the writer's next {@code n} outcomes, waiting for each (the writer is a real thread). */
    private void runCompletions(int n) throws InterruptedException {
        for (int i = 0; i < n; i++) {
            Runnable next = completions.poll(30, TimeUnit.SECONDS);
            assertThat(next).as("the writer reported write %d", i + 1).isNotNull();
            next.run();
        }
    }

    private static RecordIntent intent(int n) {
        return new RecordIntent(OrderRequest.market(ClientOrderId.of("r-" + n), Symbol.of("BTC-PERP"), Side.BUY,
                Quantity.of(n + ".5")), n, n, n, new OrderOwner("s", "tag-" + n, true));
    }

    private List<RecordIntent> inTheLog() {
        try (IntentLog log = IntentLog.existing(IntentLog.beside(file()), false)) {
            return log == null ? List.of() : log.intents();
        }
    }

    @Test
    void anIntentInTheLogIsAnsweredAtOnceAndTheLogEmptiesWhenSqliteHasCaughtUp() throws Exception {
        SqlJournal journal = open(IntentLog.DEFAULT_CAPACITY);
        journal.recordBaseline(Money.ofUnits(1000), List.of(), 1);
        runCompletions(1); // the baseline: until SQLite has it, an intent waits (see below)
        journal.record(intent(1));
        journal.record(intent(2));
        assertThat(heard).as("answered on the caller's thread, before SQLite reported")
                .containsExactly("r-1 recorded", "r-2 recorded");
        assertThat(journal.intentsAhead()).isEqualTo(2);
        assertThat(inTheLog()).containsExactly(intent(1), intent(2));
        runCompletions(1); // the first intent
        assertThat(journal.intentsAhead()).isEqualTo(1);
        assertThat(inTheLog()).as("not emptied while an intent of it is not in SQLite").hasSize(2);
        runCompletions(1);
        assertThat(journal.intentsAhead()).isZero();
        assertThat(inTheLog()).as("emptied once SQLite has everything in it").isEmpty();
        assertThat(heard).hasSize(2);
        journal.close();
        assertThat(JournalFiles.read(file()).openOrders()).extracting(o -> o.clientOrderId().value())
                .containsExactly("r-1", "r-2");
    }

    @Test
    void whatOnlyTheHostKnowsIsInSqliteBeforeAnIntentGoesAheadOfIt() throws Exception {
        SqlJournal journal = open(IntentLog.DEFAULT_CAPACITY);
        // a bracket: its list, then its entry. A start that found the entry without its list could not arm
        // the exits, so the entry waits for SQLite, whose writer keeps the order of the two
        journal.recordOrderList(new io.tradehost.api.command.RecordOrderList(3, "s", "spec", 0, true, 1));
        RecordIntent entry = new RecordIntent(intent(1).request(), 1, 1, 1, new OrderOwner("s", "in", true, 0, false,
                null, new io.tradehost.api.order.ListLink(3, 0, io.tradehost.api.order.ListLink.Role.ENTRY)));
        journal.record(entry);
        assertThat(heard).as("not answered before the list is in SQLite").isEmpty();
        assertThat(inTheLog()).isEmpty();
        runCompletions(2);
        assertThat(heard).containsExactly("r-1 recorded");
        journal.record(intent(2));
        assertThat(heard).as("nothing waiting: ahead again").endsWith("r-2 recorded");
        assertThat(inTheLog()).containsExactly(intent(2));
        runCompletions(1);
        journal.close();
    }

    @Test
    void anIntentWhoseSqliteWriteFailedStaysInTheLogAndTheNextStartWritesItIn() throws Exception {
        SqlJournal journal = open(IntentLog.DEFAULT_CAPACITY);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
             Statement st = c.createStatement()) {
            st.execute("CREATE TRIGGER refuse BEFORE INSERT ON orders BEGIN SELECT RAISE(ABORT, 'disk says no'); END");
        }
        journal.record(intent(1));
        assertThat(heard).as("durable in the log: sent").containsExactly("r-1 recorded");
        runCompletions(1);
        assertThat(journal.failedWrites()).isEqualTo(1);
        journal.record(intent(2));
        runCompletions(1);
        assertThat(inTheLog()).as("kept for the next start, not emptied").containsExactly(intent(1), intent(2));
        journal.close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
             Statement st = c.createStatement()) {
            st.execute("DROP TRIGGER refuse"); // room again
        }
        SqlJournal after = open(IntentLog.DEFAULT_CAPACITY);
        assertThat(after.openOrders()).extracting(Order::request).containsExactly(intent(1).request(),
                intent(2).request());
        assertThat(after.owners()).containsEntry(ClientOrderId.of("r-1"), intent(1).owner());
        after.close();
    }

    @Test
    void aStartWritesInWhatTheLogHeldThatSqliteLackedAndLeavesWhatSqliteHadAsItWas() throws Exception {
        // a journal that has r-1 accepted, as a run left it, and r-4 that reconciliation wrote without an owner
        SqlJournal before = SqlJournal.inline(file(), "r", this::heard, clock);
        before.record(intent(1));
        before.onAccepted(new OrderAccepted(ClientOrderId.of("r-1"), Symbol.of("BTC-PERP"), "v-1", 5));
        before.onReconciled(new io.tradehost.api.event.OrderReconciled(new Order(intent(4).request(),
                OrderStatus.ACCEPTED, Quantity.ZERO, "v-4"), true, "seen at the venue", 6));
        before.close();
        // then a run that died after logging r-1 (again, owned otherwise), r-2, r-3 and r-4, before SQLite had them,
        // and a log frame of another journal's run
        RecordIntent otherOwner = new RecordIntent(intent(1).request(), 1, 1, 1, new OrderOwner("t", "other", false));
        RecordIntent foreign = new RecordIntent(OrderRequest.market(ClientOrderId.of("x-9"), Symbol.of("BTC-PERP"),
                Side.BUY, Quantity.of("1")), 9, 9, 9);
        try (IntentLog log = IntentLog.open(IntentLog.beside(file()), IntentLog.DEFAULT_CAPACITY, false)) {
            List.of(otherOwner, intent(2), intent(3), intent(4), foreign).forEach(log::append);
        }
        SqlJournal after = open(IntentLog.DEFAULT_CAPACITY);
        Map<String, OrderStatus> statuses = new java.util.TreeMap<>();
        after.openOrders().forEach(o -> statuses.put(o.clientOrderId().value(), o.status()));
        assertThat(statuses).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of("r-1", OrderStatus.ACCEPTED,
                "r-2", OrderStatus.SUBMITTED, "r-3", OrderStatus.SUBMITTED, "r-4", OrderStatus.ACCEPTED)));
        assertThat(after.owners()).as("an owner the journal has stays; one it lacked is written")
                .containsEntry(ClientOrderId.of("r-1"), intent(1).owner())
                .containsEntry(ClientOrderId.of("r-4"), intent(4).owner());
        assertThat(after.openOrders().stream().filter(o -> o.clientOrderId().value().equals("r-3")).map(Order::request))
                .containsExactly(intent(3).request());
        assertThat(after.owners()).containsEntry(ClientOrderId.of("r-3"), intent(3).owner());
        assertThat(after.snapshot().lastSequence()).as("the foreign run's intent left out").isEqualTo(4);
        assertThat(inTheLog()).as("emptied once written in").isEmpty();
        after.close();
    }

    @Test
    void reconcileReadsWhatTheLogHeldTooAndLeavesTheLogToTheHost() {
        SqlJournal.inline(file(), "r", this::heard, clock).close();
        try (IntentLog log = IntentLog.open(IntentLog.beside(file()), IntentLog.DEFAULT_CAPACITY, false)) {
            log.append(intent(4));
        }
        assertThat(JournalFiles.read(file()).openOrders()).extracting(Order::request).containsExactly(intent(4).request());
        assertThat(inTheLog()).as("emptied by the host's own open, which syncs as its log does").hasSize(1);
    }

    @Test
    void aFullLogMakesTheNextIntentWaitForSqlite() throws Exception {
        SqlJournal journal = open(200); // room for one intent
        assertThat(inTheLog()).isEmpty();
        journal.record(intent(1));
        journal.record(intent(2));
        assertThat(heard).as("the second waits for its commit").containsExactly("r-1 recorded");
        runCompletions(2);
        assertThat(heard).containsExactly("r-1 recorded", "r-2 recorded");
        assertThat(inTheLog()).isEmpty();
        journal.record(intent(3));
        assertThat(heard).as("room again once SQLite caught up").endsWith("r-3 recorded");
        runCompletions(1);
        journal.close();
    }

    @Test
    void aDamagedLogFailsTheStartNamingIt() throws Exception {
        Files.write(IntentLog.beside(file()), new byte[100]);
        assertThatThrownBy(() -> open(IntentLog.DEFAULT_CAPACITY)).isInstanceOf(JournalException.class)
                .hasMessageContaining("journal.db-intents is damaged");
    }
}
