package io.tradehost.app.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.api.event.OrderFilled;
import io.tradehost.api.event.OrderReconciled;
import io.tradehost.api.event.PositionChanged;
import io.tradehost.api.journal.JournalSnapshot;
import io.tradehost.api.order.Position;
import io.tradehost.api.state.ReasonCode;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.venue.VenueException;
import io.tradehost.app.config.ConfigLoader;
import io.tradehost.app.config.HostConfig;
import io.tradehost.app.plugins.PluginCatalog;
import io.tradehost.app.wiring.HostComponent;
import io.tradehost.app.wiring.HostInputs;
import io.tradehost.kernel.VirtualClock;
import io.tradehost.testkit.EventRecorder;
import io.tradehost.testkit.Fixtures;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
/**
 * A host that stops without warning (no stop, no flush: what SIGKILL leaves) and is started again
 * on the same data directory, on the virtual clock: it continues with the same books, and repairs
 * from the venue what the journal had not yet written.
 */
class RestartTest {
    @TempDir
    Path data;

    private final VirtualClock clock = new VirtualClock(Fixtures.EPOCH);
    private TestJournal journal;

    /** The store the journal is kept in: made once per test, the data directory's SQLite file here. */
    TestJournal newJournal() {
        return TestJournal.sqlite();
    }

    private Host start(EventRecorder events) {
        if (journal == null) {
            journal = newJournal();
        }
        List<String> overrides = new ArrayList<>(List.of("venue.config.tick_interval=\"1s\"",
                "runtime_guards.config.daily-loss.max_loss=\"50000\""));
        overrides.addAll(journal.overrides());
        HostConfig config = ConfigLoader.load(null, overrides);
        Host host = HostComponent.wire(config, HostInputs.of("first", clock, 42, journal.environment())
                .withDataDirectory(data, true), PluginCatalog.fromLayer(ModuleLayer.boot()), clock);
        host.kernel().observe(events);
        host.start();
        host.kernel().runUntilIdle();
        return host;
    }

    private static void trade(Host host, Duration duration) {
        for (long minute = 0; minute < duration.toMinutes(); minute++) {
            host.kernel().advanceBy(Duration.ofMinutes(1));
        }
    }

    @Test
    void anAbandonedHostIsContinuedWithTheSameBooksRunIdAndSequence() throws VenueException {
        Host first = start(new EventRecorder());
        trade(first, Duration.ofHours(1));
        List<Position> positions = first.portfolio().positions().stream().filter(p -> !p.isFlat()).toList();
        long orders = first.journal().snapshot().lastSequence();
        TradingState stateBefore = first.tradingState().state();
        List<ReasonCode> reasonsBefore = first.tradingState().reasons().stream().map(r -> r.code()).toList();
        assertThat(orders).isPositive();
        // no stop(): as after SIGKILL, nothing is flushed or closed

        EventRecorder events = new EventRecorder();
        Host second = start(events);
        assertThat(second.runId()).isEqualTo("first");
        assertThat(second.portfolio().positions().stream().filter(p -> !p.isFlat()).toList()).isEqualTo(positions);
        assertThat(events.of(OrderReconciled.class)).isEmpty();
        assertThat(second.tradingState().state()).isEqualTo(stateBefore);
        assertThat(second.tradingState().reasons()).extracting(r -> r.code()).isEqualTo(reasonsBefore);
        trade(second, Duration.ofMinutes(30));
        assertThat(second.journal().snapshot().lastSequence()).isGreaterThan(orders);
        assertThat(second.portfolio().cash()).isEqualTo(second.venues().venue().account().cash("USD"));
        second.stop();
    }

    @Test
    void anOperatorHaltOutlivesACrashUntilAnOperatorClearsIt() {
        Host first = start(new EventRecorder());
        trade(first, Duration.ofMinutes(5));
        first.operator().halt("ann", "exchange maintenance");
        first.kernel().runUntilIdle();

        Host second = start(new EventRecorder());
        assertThat(second.tradingState().state()).isEqualTo(TradingState.HALTED);
        assertThat(second.tradingState().reasons()).singleElement()
                .satisfies(r -> assertThat(r.message()).contains("exchange maintenance"));
        long filled = second.portfolio().counters().filled();
        trade(second, Duration.ofMinutes(10));
        assertThat(second.portfolio().counters().filled()).isEqualTo(filled);
        second.operator().clear("ann", second.tradingState().reasons().getFirst().code());
        assertThat(second.tradingState().state()).isEqualTo(TradingState.ACTIVE);
        second.stop();
    }

    @Test
    void fillsTheJournalNeverWroteAreRepairedFromTheVenueAtTheNextStart() throws Exception {
        EventRecorder booked = new EventRecorder();
        Host first = start(booked);
        trade(first, Duration.ofMinutes(30));
        JournalSnapshot books;
        int fills;
        do {
            books = first.journal().snapshot();
            fills = booked.of(PositionChanged.class).size();
            first.kernel().advanceBy(Duration.ofSeconds(1));
        } while (booked.of(PositionChanged.class).size() != fills + 1);
        List<Position> atVenue = first.venues().venue().account().positions().stream().filter(p -> !p.isFlat())
                .toList();
        String lost = lastFillAndForgetIt(books, booked.of(PositionChanged.class).getLast().fill().tradeId());

        EventRecorder events = new EventRecorder();
        Host second = start(events);
        assertThat(events.of(OrderFilled.class)).extracting(f -> f.fill().tradeId() + "|" + f.fill().clientOrderId())
                .containsExactly(lost);
        assertThat(events.of(OrderReconciled.class)).singleElement()
                .satisfies(r -> assertThat(r.order().clientOrderId().value()).isEqualTo(lost.split("\\|")[1]));
        assertThat(second.portfolio().positions().stream().filter(p -> !p.isFlat()).toList()).isEqualTo(atVenue);
        assertThat(second.tradingState().state()).isEqualTo(TradingState.ACTIVE);
        assertThat(second.portfolio().cash()).isEqualTo(second.venues().venue().account().cash("USD"));
        second.stop();
    }

    /** Statements that put the journal's positions and cash back as {@code books} has them. */
    private static List<String> restoring(JournalSnapshot books) {
        List<String> restore = new ArrayList<>(List.of("DELETE FROM positions",
                "UPDATE account SET cash = '" + books.cash() + "'"));
        for (Position p : books.positions()) {
            restore.add("INSERT INTO positions VALUES ('" + p.symbol() + "', '" + p.quantity() + "', '"
                    + p.costBasis() + "', '" + p.realizedPnl() + "', '" + p.fees() + "', 0)");
        }
        return restore;
    }

    /**
     * Makes the journal look as if the process died between the venue's fill and the journal's
     * write: the last fill, its effect on the order, position and cash are taken out again.
     */
    private String lastFillAndForgetIt(JournalSnapshot books, String trade) throws SQLException {
        try (Connection c = journal.connect(data); Statement s = c.createStatement()) {
            String order;
            Quantity quantity;
            try (ResultSet rs = s.executeQuery("SELECT client_id, quantity FROM fills WHERE trade_id = '" + trade + "'")) {
                assertThat(rs.next()).as("the last booked fill is journaled").isTrue();
                order = rs.getString(1);
                quantity = Quantity.of(rs.getString(2));
            }
            Quantity filled;
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM fills WHERE client_id = '" + order + "'")) {
                rs.next();
                assertThat(rs.getLong(1)).as("the paper venue fills an order at once").isEqualTo(1);
            }
            try (ResultSet rs = s.executeQuery("SELECT filled FROM orders WHERE client_id = '" + order + "'")) {
                rs.next();
                filled = Quantity.of(rs.getString(1)).minus(quantity);
            }
            s.executeUpdate("DELETE FROM fills WHERE trade_id = '" + trade + "'");
            s.executeUpdate("UPDATE orders SET status = 'ACCEPTED', filled = '" + filled + "' WHERE client_id = '"
                    + order + "'");
            for (String statement : restoring(books)) {
                s.executeUpdate(statement);
            }
            return trade + "|" + order;
        }
    }
}
