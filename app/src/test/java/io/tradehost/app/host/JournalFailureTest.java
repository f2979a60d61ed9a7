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
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
/** A journal that cannot write halts trading, says why, and no order goes out unrecorded. */
class JournalFailureTest {
    @TempDir
    Path data;

    @Test
    void aFailedJournalWriteHaltsTradingAndUnrecordedOrdersAreNeverSent() throws Exception {
        VirtualClock clock = new VirtualClock(Fixtures.EPOCH);
        EventRecorder events = new EventRecorder();
        Host host = HostComponent.wire(ConfigLoader.load(null, List.of("venue.config.tick_interval=\"1s\"")),
                HostInputs.of("jf", clock, 42, Map.of()).withDataDirectory(data, true),
                PluginCatalog.fromLayer(ModuleLayer.boot()), clock);
        host.kernel().observe(events);
        host.start();
        host.kernel().advanceBy(Duration.ofMinutes(1));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("journal.db"));
             Statement s = c.createStatement()) {
            s.execute("DROP TABLE orders");
        }
        long sentBefore = host.portfolio().counters().submitted();
        for (int minute = 0; minute < 60 && host.tradingState().state() == TradingState.ACTIVE; minute++) {
            host.kernel().advanceBy(Duration.ofMinutes(1));
        }

        assertThat(host.tradingState().state()).isEqualTo(TradingState.HALTED);
        StateReason reason = host.tradingState().reasons().getFirst();
        assertThat(reason.code().value()).isEqualTo("journal.write_failed");
        assertThat(reason.source()).isEqualTo(ReasonSource.JOURNAL);
        assertThat(reason.message()).contains("journal.db").contains("no such table: orders");
        assertThat(events.of(OrderRejected.class)).extracting(r -> r.code().value()).contains("JOURNAL_FAILURE");
        host.kernel().advanceBy(Duration.ofMinutes(30));
        assertThat(host.portfolio().counters().submitted() - sentBefore).as("only the refused intent after the break")
                .isEqualTo(1);
        assertThat(events.of(IntentRejected.class)).isNotEmpty();
        host.stop();
    }
}
