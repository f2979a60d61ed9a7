package io.tradehost.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.api.command.RecordIntent;
import io.tradehost.api.event.Event;
import io.tradehost.api.event.IntentNotRecorded;
import io.tradehost.api.event.IntentRecorded;
import io.tradehost.api.event.JournalRecovered;
import io.tradehost.api.event.JournalWriteFailed;
import io.tradehost.api.event.OrderAccepted;
import io.tradehost.api.event.OrderCancelled;
import io.tradehost.api.event.PositionChanged;
import io.tradehost.api.event.StateReasonChanged;
import io.tradehost.api.state.ReasonCode;
import io.tradehost.api.state.ReasonSource;
import io.tradehost.api.state.StateReason;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.journal.JournalSnapshot;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.Liquidity;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.Position;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.kernel.VirtualClock;
import io.tradehost.testkit.Fixtures;
import io.tradehost.testkit.PostgresServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal's PostgreSQL server stopped and started again under a live journal (its writer thread):
 * the host hears at once, no intent is answered while it is away, what else happened meanwhile is held
 * and written when it is back, and the journal then holds exactly what the host holds.
 */
class PostgresOutageTest {
    private static final Symbol BTC = Symbol.of("BTC-PERP");
    private static final long WAIT_SECONDS = 60;

    private final VirtualClock clock = new VirtualClock(Fixtures.EPOCH);
    /** The writer's outcomes, run on the test thread as the kernel runs them in a host. */
    private final BlockingQueue<Runnable> completions = new LinkedBlockingQueue<>();
    private final List<Event> heard = new ArrayList<>();
    private PostgresServer server;
    private JournalStore store;
    private SqlJournal journal;

    @TempDir
    java.nio.file.Path dir;

    @BeforeEach
    void start() throws Exception {
        server = PostgresServer.start(); // its own: this test stops it
        store = JournalStore.postgres(PostgresLocation.of(server.url(), server.user(), server.password(), "outage"),
                dir.resolve("journal.postgresql"));
    }

    @AfterEach
    void stop() {
        if (journal != null) {
            journal.close();
        }
        server.close();
    }

    private SqlJournal open(int capacity) {
        journal = SqlJournal.open(store, "r", Durability.FULL, capacity, completions::add, heard::add, clock);
        return journal;
    }

    /** Runs the writer's outcomes until one made the journal publish what {@code wanted} matches. */
    private <T extends Event> T await(Class<T> type, Predicate<T> wanted) throws InterruptedException {
        while (true) {
            for (Event e : heard) {
                if (type.isInstance(e) && wanted.test(type.cast(e))) {
                    heard.remove(e);
                    return type.cast(e);
                }
            }
            Runnable next = completions.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(next).as("the journal reported within %d s (heard so far: %s)", WAIT_SECONDS, heard).isNotNull();
            next.run();
        }
    }

    private static OrderRequest buy(String id) {
        return OrderRequest.market(ClientOrderId.of(id), BTC, Side.BUY, Quantity.of("2"));
    }

    private void fill(String trade, String id, String position, String cash) {
        journal.onPositionChanged(new PositionChanged(Position.flat(BTC).apply(Side.BUY, Quantity.of(position),
                Price.of("100"), Money.ZERO), new Fill(trade, ClientOrderId.of(id), BTC, Side.BUY, Quantity.of("1"),
                Price.of("100"), Money.of("0.1"), Liquidity.TAKER, 5), Money.of(cash)));
    }

    @Test
    void whileTheServerIsAwayIntentsFailAtOnceAndEverythingElseIsWrittenWhenItIsBack() throws Exception {
        open(1024).recordBaseline(Money.ofUnits(1000), List.of(), 1);
        journal.record(new RecordIntent(buy("r-1"), 1, 1, 10));
        await(IntentRecorded.class, r -> r.request().clientOrderId().value().equals("r-1"));
        journal.onAccepted(new OrderAccepted(ClientOrderId.of("r-1"), BTC, "v-1", 11));

        server.stop();
        fill("t-1", "r-1", "1", "899.9");
        JournalWriteFailed down = await(JournalWriteFailed.class, f -> f.what().equals("connection"));
        assertThat(down.message()).startsWith("journal " + store + ": journal unavailable: ")
                .doesNotContain(server.password());
        journal.record(new RecordIntent(buy("r-2"), 2, 2, 12));
        IntentNotRecorded refused = await(IntentNotRecorded.class, n -> true);
        assertThat(refused.request().clientOrderId().value()).as("answered while the server is away").isEqualTo("r-2");
        fill("t-2", "r-1", "2", "799.8");
        journal.onCancelled(new OrderCancelled(ClientOrderId.of("r-2"), BTC, "journal unavailable", 13));

        server.resume();
        JournalRecovered back = await(JournalRecovered.class, r -> true);
        assertThat(back.nothingLost()).isTrue();
        assertThat(back.writesApplied()).as("the fills held, at least").isGreaterThanOrEqualTo(2);
        JournalSnapshot held = journal.snapshot();
        journal.close();
        journal = null;
        completions.forEach(Runnable::run);

        JournalSnapshot written = JournalFiles.read(store).snapshot();
        // but for the sequence: r-2 was never journaled nor sent, so its number may be taken again
        assertThat(written).as("the journal holds what the host held").isEqualTo(new JournalSnapshot(held.fresh(),
                held.runId(), 1, held.cash(), held.positions(), held.openOrders(), held.openOrderTradeIds(),
                held.activeReasons()));
        assertThat(written.positions()).extracting(Position::quantity).containsExactly(Quantity.of("2"));
        assertThat(written.cash()).isEqualTo(Money.of("799.8"));
        assertThat(written.openOrders()).as("r-1 filled; r-2 never recorded").isEmpty();
        assertThat(heard).noneMatch(e -> e instanceof IntentRecorded r
                && r.request().clientOrderId().value().equals("r-2"));
    }

    @Test
    void moreThanCanBeHeldIsLostAndTheRecoverySaysSo() throws Exception {
        open(16).recordBaseline(Money.ofUnits(1000), List.of(), 1);
        journal.record(new RecordIntent(buy("r-1"), 1, 1, 10));
        await(IntentRecorded.class, r -> true);

        server.stop();
        fill("t-0", "r-1", "1", "900");
        await(JournalWriteFailed.class, f -> f.what().equals("connection"));
        for (int i = 1; i <= 40; i++) {
            fill("t-" + i, "r-1", "1", "900");
        }
        JournalWriteFailed lost = await(JournalWriteFailed.class, f -> f.what().startsWith("fill "));
        assertThat(lost.message()).containsAnyOf("writes are held already", "journal backlog full");

        server.resume();
        JournalRecovered back = await(JournalRecovered.class, r -> true);
        assertThat(back.nothingLost()).isFalse();
        assertThat(back.writesApplied()).isLessThanOrEqualTo(16);
    }

    @Test
    void aClearingHeldThroughAnOutageInWhichWritesWereLostLeavesTheFailureMarked() throws Exception {
        open(16).recordBaseline(Money.ofUnits(1000), List.of(), 1);
        journal.record(new RecordIntent(buy("r-1"), 1, 1, 10));
        await(IntentRecorded.class, r -> true);

        server.stop();
        fill("t-0", "r-1", "1", "900");
        JournalWriteFailed down = await(JournalWriteFailed.class, f -> f.what().equals("connection"));
        StateReason halt = new StateReason(ReasonCode.JOURNAL_WRITE_FAILED, ReasonSource.JOURNAL, TradingState.HALTED,
                down.message(), Map.of(), 2);
        journal.onReasonChanged(new StateReasonChanged(halt, true, "runtime", 2));
        journal.onReasonChanged(new StateReasonChanged(halt, false, "ann", 3)); // cleared, held with the rest
        for (int i = 1; i <= 40; i++) {
            fill("t-" + i, "r-1", "1", "900"); // more than can be held: lost after the clearing was handed over
        }
        server.resume();
        assertThat(await(JournalRecovered.class, r -> true).nothingLost()).isFalse();
        journal.close();
        journal = null;
        completions.forEach(Runnable::run);

        try (SqlJournal again = SqlJournal.inline(store, "r", heard::add, clock)) {
            assertThat(again.snapshot().activeReasons()).as("the marker still says writes were lost")
                    .extracting(StateReason::code).containsExactly(ReasonCode.JOURNAL_WRITE_FAILED);
        }
    }

    @Test
    void closingWhileTheServerIsAwayCountsAndMarksWhatWasHeld() throws Exception {
        open(1024).recordBaseline(Money.ofUnits(1000), List.of(), 1);
        journal.record(new RecordIntent(buy("r-1"), 1, 1, 10));
        await(IntentRecorded.class, r -> true);
        server.stop();
        fill("t-1", "r-1", "1", "900");
        fill("t-2", "r-1", "2", "800");
        journal.close(); // the host stops while its journal is away: the kernel runs no more outcomes, not even
                         // the one saying the server went away
        assertThat(journal.lostWrites()).as("held, never applied").isGreaterThanOrEqualTo(1);
        journal = null;

        server.resume();
        try (SqlJournal again = SqlJournal.inline(store, "r", heard::add, clock)) {
            assertThat(again.snapshot().activeReasons()).extracting(StateReason::code)
                    .containsExactly(ReasonCode.JOURNAL_WRITE_FAILED);
            assertThat(again.snapshot().activeReasons().getFirst().message()).contains("closed while unavailable");
        }
    }
}
