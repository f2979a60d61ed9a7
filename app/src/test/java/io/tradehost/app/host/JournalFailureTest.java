package io.tradehost.app.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.api.event.IntentRejected;
import io.tradehost.api.event.OrderRejected;
import io.tradehost.api.state.ReasonSource;
import io.tradehost.api.state.StateReason;
import io.tradehost.api.state.TradingState;
import io.tradehost.app.config.ConfigLoader;
import io.tradehost.app.plugins.PluginCatalog;
import io.tradehost.app.wiring.HostComponent;
import io.tradehost.app.wiring.HostInputs;
import io.tradehost.kernel.VirtualClock;
import io.tradehost.testkit.EventRecorder;
import io.tradehost.testkit.Fixtures;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
/**
 * A journal that cannot write halts trading, says why, and no order goes out unrecorded; a halt that
 * could not be journaled either (a full disk) is still there at the next start.
 */
class JournalFailureTest {
    @TempDir
    Path data;

    private TestJournal journal;

    /** The store the journal is kept in: made once per test, the data directory's SQLite file here. */
    TestJournal newJournal() {
        return TestJournal.sqlite();
    }

    private TestJournal journal() {
        if (journal == null) {
            journal = newJournal();
        }
        return journal;
    }

    private List<String> config() {
        List<String> overrides = new java.util.ArrayList<>(List.of("venue.config.tick_interval=\"1s\""));
        overrides.addAll(journal().overrides());
        return overrides;
    }

    @Test
    void aFailedJournalWriteHaltsTradingAndUnrecordedOrdersAreNeverSent() throws Exception {
        VirtualClock clock = new VirtualClock(Fixtures.EPOCH);
        EventRecorder events = new EventRecorder();
        Host host = HostComponent.wire(ConfigLoader.load(null, config()),
                HostInputs.of("jf", clock, 42, journal().environment()).withDataDirectory(data, true),
                PluginCatalog.fromLayer(ModuleLayer.boot()), clock);
        host.kernel().observe(events);
        host.start();
        host.kernel().advanceBy(Duration.ofMinutes(1));
        try (Connection c = journal().connect(data); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE orders RENAME TO orders_away");
        }
        long sentBefore = host.portfolio().counters().submitted();
        for (int minute = 0; minute < 60 && host.tradingState().state() == TradingState.ACTIVE; minute++) {
            host.kernel().advanceBy(Duration.ofMinutes(1));
        }

        assertThat(host.tradingState().state()).isEqualTo(TradingState.HALTED);
        StateReason reason = host.tradingState().reasons().getFirst();
        assertThat(reason.code().value()).isEqualTo("journal.write_failed");
        assertThat(reason.source()).isEqualTo(ReasonSource.JOURNAL);
        assertThat(reason.message()).contains(journal().where(data)).contains(journal().missingTable("orders"));
        assertThat(events.of(OrderRejected.class)).extracting(r -> r.code().value()).contains("JOURNAL_FAILURE");
        host.kernel().advanceBy(Duration.ofMinutes(30));
        assertThat(host.portfolio().counters().submitted() - sentBefore).as("only the refused intent after the break")
                .isEqualTo(1);
        assertThat(events.of(IntentRejected.class)).isNotEmpty();
        host.stop();
    }

    private Host start(VirtualClock clock) {
        Host host = HostComponent.wire(ConfigLoader.load(null, config()),
                HostInputs.of("jf", clock, 42, journal().environment()).withDataDirectory(data, true),
                PluginCatalog.fromLayer(ModuleLayer.boot()), clock);
        host.start();
        return host;
    }

    @Test
    void aHaltTheJournalCouldNotRecordIsRaisedAgainAtTheNextStartUntilAnOperatorClearsIt() throws Exception {
        VirtualClock clock = new VirtualClock(Fixtures.EPOCH);
        Host first = start(clock);
        first.kernel().advanceBy(Duration.ofMinutes(1));
        List<String> dropped = List.of("orders", "active_reasons", "state_transitions");
        try (Connection c = journal().connect(data); Statement s = c.createStatement()) {
            for (String table : dropped) {
                // every write of an order, a reason or a transition now fails
                s.execute("ALTER TABLE " + table + " RENAME TO " + table + "_away");
            }
        }
        for (int minute = 0; minute < 60 && first.tradingState().state() == TradingState.ACTIVE; minute++) {
            first.kernel().advanceBy(Duration.ofMinutes(1));
        }
        assertThat(first.tradingState().state()).isEqualTo(TradingState.HALTED);
        assertThat(first.journal().failedWrites()).isGreaterThan(1);
        first.stop();
        try (Connection c = journal().connect(data); Statement s = c.createStatement()) {
            for (String table : dropped) {
                // the disk has room again; what the journal could not write is still missing
                s.execute("ALTER TABLE " + table + "_away RENAME TO " + table);
            }
        }

        Host second = start(clock);
        assertThat(second.tradingState().state()).as("not ACTIVE: the halt was never journaled")
                .isEqualTo(TradingState.HALTED);
        assertThat(second.tradingState().reasons()).extracting(r -> r.code().value())
                .containsExactly("journal.write_failed");
        long sent = second.portfolio().counters().submitted();
        second.kernel().advanceBy(Duration.ofMinutes(30));
        assertThat(second.portfolio().counters().submitted()).as("nothing placed while halted").isEqualTo(sent);
        second.operator().clear("ann", second.tradingState().reasons().getFirst().code());
        assertThat(second.tradingState().reasons()).extracting(r -> r.code().value())
                .doesNotContain("journal.write_failed");
        second.kernel().advanceBy(Duration.ofMinutes(1));
        second.stop();

        Host third = start(clock);
        assertThat(third.tradingState().reasons()).as("cleared for good").extracting(r -> r.code().value())
                .doesNotContain("journal.write_failed");
        third.stop();
    }
}
