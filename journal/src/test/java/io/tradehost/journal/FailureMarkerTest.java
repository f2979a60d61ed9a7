package io.tradehost.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.command.RecordIntent;
import io.tradehost.api.event.Event;
import io.tradehost.api.event.JournalWriteFailed;
import io.tradehost.api.event.StateReasonChanged;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.state.ClearingRule;
import io.tradehost.api.state.ReasonCode;
import io.tradehost.api.state.ReasonSource;
import io.tradehost.api.state.StateReason;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.kernel.VirtualClock;
import io.tradehost.testkit.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A journal failure that the journal itself may not be able to record (a full disk refuses the
 * halt's row too) is remembered beside it, in a file written whole before the journal is used and
 * only ever overwritten in place: the next start comes up halted until an operator clears it.
 */
class FailureMarkerTest {
    @TempDir
    Path dir;

    private final VirtualClock clock = new VirtualClock(Fixtures.EPOCH);
    private final List<Event> published = new ArrayList<>();
    private SqlJournal journal;

    private Path file() {
        return dir.resolve("journal.db");
    }

    private Path marker() {
        return dir.resolve("journal.db.state");
    }

    private SqlJournal reopen() {
        if (journal != null) {
            journal.close();
        }
        journal = SqlJournal.inline(file(), "r1", published::add, clock);
        return journal;
    }

    @AfterEach
    void close() {
        if (journal != null) {
            journal.close();
        }
    }

    private void failAWrite() {
        OrderRequest buy = OrderRequest.market(ClientOrderId.of("r1-1"), Symbol.of("BTC-PERP"), Side.BUY,
                Quantity.of("1"));
        journal.record(new RecordIntent(buy, 1, 1, 10));
        journal.record(new RecordIntent(buy, 1, 1, 10)); // the same id twice: the row is refused
    }

    private long reasonRows() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
             Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM active_reasons")) {
            return r.getLong(1);
        }
    }

    @Test
    void aFailedWriteIsRememberedAndTheNextStartRaisesTheHaltTheJournalNeverHeardUntilAnOperatorClearsIt()
            throws Exception {
        reopen().recordBaseline(Money.ofUnits(1000), List.of(), 1);
        assertThat(journal.snapshot().activeReasons()).isEmpty();
        failAWrite();
        assertThat(published).filteredOn(JournalWriteFailed.class::isInstance).hasSize(1);
        assertThat(journal.firstFailure()).contains("writing intent r1-1 failed").contains("UNIQUE constraint");
        journal.close();
        journal = null;
        assertThat(reasonRows()).as("the halt never reached the journal").isZero();

        StateReason restored = reopen().snapshot().activeReasons().getFirst();
        assertThat(restored.code()).isEqualTo(ReasonCode.JOURNAL_WRITE_FAILED);
        assertThat(restored.effect()).isEqualTo(TradingState.HALTED);
        assertThat(restored.source()).isEqualTo(ReasonSource.JOURNAL);
        assertThat(restored.clearing()).isEqualTo(ClearingRule.OPERATOR);
        assertThat(restored.message()).startsWith("an earlier run could not write the journal " + file() + " (2026-")
                .contains("writing intent r1-1 failed").contains("restored from " + marker())
                .endsWith("then clear journal.write_failed");
        assertThat(reopen().snapshot().activeReasons()).as("still there while no operator cleared it")
                .extracting(StateReason::code).containsExactly(ReasonCode.JOURNAL_WRITE_FAILED);

        journal.onReasonChanged(new StateReasonChanged(restored, true, "", 20)); // the runtime raises it at start
        journal.onReasonChanged(new StateReasonChanged(restored, false, "operator", 30)); // an operator clears it
        assertThat(reopen().snapshot().activeReasons()).isEmpty();
        assertThat(Files.readString(marker(), StandardCharsets.UTF_8).lines().toList().subList(0, 2))
                .containsExactly("tradehost journal failure marker v1", "ok");
    }

    @Test
    void theMarkerIsWrittenWholeBeforeTheJournalIsUsedAndOnlyEverOverwrittenInPlace() throws Exception {
        reopen();
        assertThat(Files.size(marker())).isEqualTo(FailureMarker.SIZE);
        Object inode = Files.getAttribute(marker(), "unix:ino");
        failAWrite();
        assertThat(Files.size(marker())).isEqualTo(FailureMarker.SIZE);
        assertThat(Files.getAttribute(marker(), "unix:ino")).as("the same file, no new blocks").isEqualTo(inode);
        assertThat(Files.readString(marker(), StandardCharsets.UTF_8).lines().toList().get(1)).startsWith("failed 2026-");
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).doesNotContain("journal.db.state.new");
    }

    @Test
    void anUnreadableMarkerFailsClosed() throws Exception {
        reopen().close();
        journal = null;
        Files.writeString(marker(), "torn");
        assertThat(reopen().snapshot().activeReasons()).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo(ReasonCode.JOURNAL_WRITE_FAILED);
            assertThat(r.message()).contains("is unreadable (4 bytes); taken as a failure");
        });
    }

    @Test
    void aMarkerThatCannotBeWrittenStopsTheOpenBeforeTheJournalIsTouched() throws Exception {
        Files.createDirectories(dir.resolve("journal.db.state.new"));
        assertThatThrownBy(this::reopen).isInstanceOf(JournalException.class)
                .hasMessageStartingWith("cannot prepare the journal's failure marker " + marker());
        assertThat(file()).doesNotExist();
    }

    @Test
    void aJournalInMemoryHasNoMarker() {
        SqlJournal memory = SqlJournal.inline(JournalStore.memory(), "r1", published::add, clock);
        memory.close();
        assertThat(dir).isEmptyDirectory();
    }
}
