package io.tradehost.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.api.command.RecordIntent;
import io.tradehost.api.event.Event;
import io.tradehost.api.event.IntentNotRecorded;
import io.tradehost.api.event.IntentRecorded;
import io.tradehost.api.event.JournalWriteFailed;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.kernel.VirtualClock;
import io.tradehost.testkit.Fixtures;
import io.tradehost.testkit.PostgresServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One host per account: the lease on a real PostgreSQL server, its fencing token, and the fence every
 * intent is journaled under, including the step the fencing argument rests on: a takeover waits for an
 * intent being committed, and then finds it in the journal.
 */
class AccountLeaseTest {
    private static final AtomicInteger ACCOUNTS = new AtomicInteger();
    private static final Duration TTL = Duration.ofSeconds(30);

    private final VirtualClock clock = new VirtualClock(Fixtures.EPOCH);
    private final List<Event> heardByA = new ArrayList<>();
    private final List<Event> heardByB = new ArrayList<>();
    private final List<AutoCloseable> open = new ArrayList<>();
    private PostgresServer server;
    private JournalStore store;
    private String account;

    @BeforeEach
    void store() throws Exception {
        server = PostgresServer.shared();
        account = "lease_" + ACCOUNTS.incrementAndGet();
        store = JournalStore.postgres(PostgresLocation.of(server.url(), server.user(), server.password(), account),
                null);
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private AccountLease lease(String host) {
        AccountLease lease = AccountLease.of(store, account, host, TTL);
        open.add(lease);
        return lease;
    }

    private SqlJournal journal(List<Event> heard, AccountLease.Fence fence) {
        SqlJournal journal = SqlJournal.inline(store, "r", heard::add, clock);
        journal.fence(fence);
        open.add(journal);
        return journal;
    }

    private static RecordIntent intent(long n) {
        return new RecordIntent(OrderRequest.market(ClientOrderId.of("r-" + n), Symbol.of("BTC-PERP"), Side.BUY,
                Quantity.of("1")), n, n, n);
    }

    /** Time passing on the server's clock, as when the holder stalls: the lease runs out. */
    private void expire() throws SQLException {
        try (Connection c = store.connect(Durability.NORMAL); Statement s = c.createStatement()) {
            s.execute("UPDATE tradehost_fleet.leases SET expires_at = clock_timestamp() - interval '1 second'"
                    + " WHERE account = '" + account + "'");
        }
    }

    @Test
    void aHolderThatStallsInsideATransactionLosesItsSessionAndSoItsLock() throws Exception {
        AccountLease a = lease("host-a");
        AccountLease.Fence fence = a.fence(a.tryAcquire().orElseThrow());
        try (Connection primary = store.connect(Durability.FULL)) {
            primary.setAutoCommit(false);
            fence.check(primary); // then the process is stopped, holding the share lock
            expire(); // no wait: the server ended the idle session, and its lock with it
            assertThat(lease("host-b").tryAcquire()).isEqualTo(OptionalLong.of(2));
        }
    }

    @Test
    void oneHostHoldsTheLeaseAndEachAcquisitionHasANewToken() throws SQLException {
        AccountLease a = lease("host-a");
        AccountLease b = lease("host-b");
        assertThat(a.tryAcquire()).isEqualTo(OptionalLong.of(1));
        assertThat(b.tryAcquire()).as("held by another, unexpired").isEmpty();
        assertThat(b.holder()).hasValueSatisfying(h -> {
            assertThat(h.hostId()).isEqualTo("host-a");
            assertThat(h.token()).isEqualTo(1);
            assertThat(h.expired()).isFalse();
        });
        assertThat(a.renew(1)).isTrue();
        assertThat(a.tryAcquire()).as("a restarted host-a is a new incarnation").isEqualTo(OptionalLong.of(2));
        assertThat(a.renew(1)).as("the old incarnation's token is stale").isFalse();

        expire();
        assertThat(b.tryAcquire()).as("an expired lease is taken over").isEqualTo(OptionalLong.of(3));
        assertThat(a.renew(2)).as("the old primary finds itself fenced").isFalse();
        b.release(3);
        assertThat(a.holder()).hasValueSatisfying(h -> assertThat(h.expired()).isTrue());
        assertThat(a.tryAcquire()).as("released at an orderly stop: taken at once").isEqualTo(OptionalLong.of(4));
    }

    @Test
    void anIntentOfAFencedHostIsRefusedAndTheNewPrimarysAreRecorded() throws SQLException {
        AccountLease a = lease("host-a");
        long tokenA = a.tryAcquire().orElseThrow();
        SqlJournal primary = journal(heardByA, a.fence(tokenA));
        primary.record(intent(1));
        assertThat(heardByA).singleElement().isInstanceOf(IntentRecorded.class);

        expire(); // host-a stalls past its lease; host-b takes over
        AccountLease b = lease("host-b");
        long tokenB = b.tryAcquire().orElseThrow();
        SqlJournal standby = journal(heardByB, b.fence(tokenB));
        assertThat(standby.snapshot().lastSequence()).as("the new primary carries the sequence on").isEqualTo(1);

        primary.record(intent(2)); // host-a comes back and tries to trade
        assertThat(heardByA).hasSize(3);
        assertThat(heardByA.get(1)).isInstanceOfSatisfying(JournalWriteFailed.class, f -> {
            assertThat(f.what()).isEqualTo(JournalWriteFailed.FENCED);
            assertThat(f.message()).contains("fenced: account " + account + " is held by host-b with token " + tokenB
                    + " (this host's token " + tokenA + " is stale)");
        });
        assertThat(heardByA.get(2)).isInstanceOfSatisfying(IntentNotRecorded.class,
                n -> assertThat(n.request().clientOrderId().value()).isEqualTo("r-2"));

        primary.onCancelled(new io.tradehost.api.event.OrderCancelled(ClientOrderId.of("r-1"), Symbol.of("BTC-PERP"),
                "a late write of the fenced host", 3));
        assertThat(heardByA.getLast()).as("nothing else of the fenced host is written either")
                .isInstanceOfSatisfying(JournalWriteFailed.class, f -> assertThat(f.what()).isEqualTo("fenced"));

        standby.record(intent(2));
        assertThat(heardByB).singleElement().isInstanceOf(IntentRecorded.class);
        assertThat(JournalFiles.read(store).openOrders()).extracting(o -> o.clientOrderId().value())
                .containsExactly("r-1", "r-2");
    }

    @Test
    void aFencedWriteLeavesThisMachineUnmarkedSoThatItsNextTakeoverIsNotHalted(@org.junit.jupiter.api.io.TempDir
                                                                                java.nio.file.Path dir)
            throws Exception {
        PostgresServer pg = PostgresServer.shared();
        java.nio.file.Path local = dir.resolve("journal.postgresql");
        JournalStore onThisMachine = JournalStore.postgres(PostgresLocation.of(pg.url(), pg.user(), pg.password(),
                account), local);
        AccountLease a = lease("host-a");
        SqlJournal primary = SqlJournal.inline(onThisMachine, "r", heardByA::add, clock);
        primary.fence(a.fence(a.tryAcquire().orElseThrow()));
        open.add(primary);
        primary.record(intent(1));
        expire();
        lease("host-b").tryAcquire().orElseThrow();

        primary.record(intent(2)); // refused: fenced
        primary.onCancelled(new io.tradehost.api.event.OrderCancelled(ClientOrderId.of("r-1"), Symbol.of("BTC-PERP"),
                "a late write of the fenced host", 3));
        assertThat(heardByA).filteredOn(JournalWriteFailed.class::isInstance).hasSize(2)
                .allSatisfy(e -> assertThat(((JournalWriteFailed) e).what()).isEqualTo(JournalWriteFailed.FENCED));
        assertThat(onThisMachine.marker().previousFailure()).as("the journal lacks nothing: another host owns it")
                .isEmpty();
    }

    @Test
    void anExpiredLeaseNoOneTookIsExtendedByTheHoldersNextWrite() throws SQLException {
        AccountLease a = lease("host-a");
        SqlJournal primary = journal(heardByA, a.fence(a.tryAcquire().orElseThrow()));
        expire(); // a renewal could not reach the server, or an outage outlasted the lease: no one took it
        primary.record(intent(1));
        assertThat(heardByA).singleElement().isInstanceOf(IntentRecorded.class);
        assertThat(a.holder()).hasValueSatisfying(h -> {
            assertThat(h.token()).as("the same token, extended").isEqualTo(1);
            assertThat(h.expired()).isFalse();
        });
        assertThat(lease("host-b").tryAcquire()).as("so no one may take it now").isEmpty();
    }

    @Test
    void aTakeoverWaitsForAnIntentBeingCommittedAndThenFindsIt() throws Exception {
        AccountLease a = AccountLease.of(store, account, "host-a", Duration.ofSeconds(1));
        open.add(a);
        AccountLease.Fence fence = a.fence(a.tryAcquire().orElseThrow());
        SqlJournal.inline(store, "r", e -> { }, clock).close(); // the journal's tables
        AccountLease b = lease("host-b");
        try (Connection primary = store.connect(Durability.FULL)) {
            try (Statement s = primary.createStatement()) {
                s.execute("SET idle_in_transaction_session_timeout = 0"); // this commit is slow, not dead
            }
            primary.setAutoCommit(false);
            fence.check(primary); // the intent's transaction, as the writer runs it: the fence, then the row
            Rows.insertIntent(primary, intent(1).request(), 1, 1);
            awaitExpiredOnTheServer(); // host-a stalls in its commit past its lease
            CompletableFuture<OptionalLong> takeover = CompletableFuture.supplyAsync(b::tryAcquire);
            awaitOneBackendWaitingForALock();
            assertThat(takeover).as("the takeover waits for the intent's transaction").isNotDone();
            primary.commit();
            assertThat(takeover.get(60, TimeUnit.SECONDS)).isEqualTo(OptionalLong.of(2));
        }
        assertThat(JournalFiles.read(store).openOrders()).as("the new primary finds the intent")
                .extracting(o -> o.clientOrderId().value()).containsExactly("r-1");
    }

    /** Polls (bounded) until the server's clock is past the lease: a plain read, which the share lock allows. */
    private void awaitExpiredOnTheServer() throws Exception {
        try (Connection c = store.connect(Durability.NORMAL); Statement s = c.createStatement()) {
            for (int i = 0; i < 60_000; i++) {
                try (ResultSet rs = s.executeQuery("SELECT expires_at <= clock_timestamp() FROM tradehost_fleet.leases"
                        + " WHERE account = '" + account + "'")) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return;
                    }
                }
            }
        }
        throw new AssertionError("the lease never expired");
    }

    /** Polls the server (bounded) until a backend waits for a row lock: the takeover is blocked. */
    private void awaitOneBackendWaitingForALock() throws Exception {
        try (Connection c = store.connect(Durability.NORMAL); Statement s = c.createStatement()) {
            for (int i = 0; i < 6_000; i++) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                        + " AND query LIKE '%tradehost_fleet.leases%FOR UPDATE%'")) {
                    rs.next();
                    if (rs.getInt(1) == 1) {
                        return;
                    }
                }
                Thread.onSpinWait();
            }
        }
        throw new AssertionError("the takeover never waited for the intent's lock");
    }
}
