package io.tradehost.app.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.api.order.Position;
import io.tradehost.api.venue.VenueException;
import io.tradehost.app.config.ConfigLoader;
import io.tradehost.app.config.HostConfig;
import io.tradehost.app.plugins.PluginCatalog;
import io.tradehost.app.wiring.HostComponent;
import io.tradehost.app.wiring.HostInputs;
import io.tradehost.faults.FaultInjectingVenue;
import io.tradehost.kernel.VirtualClock;
import io.tradehost.testkit.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A long replay on the virtual clock against the paper venue behind the fault injector: one venue
 * call in ten misbehaves (errors, timeouts that did and did not take effect, rate limits), fills
 * come twice or late, and the connection drops every few hours. Afterwards the venue's own book
 * and the journal must agree exactly: no client order id placed twice, no fill lost or doubled,
 * the same positions and cash. Figures go to {@code target/soak-report.txt}.
 */
class FaultSoakTest {
    private static final Duration SIMULATED = Duration.ofHours(Long.getLong("tradehost.soak.hours", 24));

    @TempDir
    Path data;

    @Test
    void tenPercentVenueFaultsOverADayLoseAndDuplicateNothing() throws VenueException, SQLException, IOException {
        VirtualClock clock = new VirtualClock(Fixtures.EPOCH);
        HostConfig config = ConfigLoader.load(null, List.of("venue.config.tick_interval=\"1s\"",
                "strategy.config.ma-crossover.short=3", "strategy.config.ma-crossover.long=8",
                "strategy.config.ma-crossover.allow_shorts=true",
                "faults.error_rate=0.05", "faults.timeout_rate=0.03", "faults.rate_limit_rate=0.02",
                "faults.duplicate_fill_rate=0.05", "faults.delayed_fill_rate=0.05",
                "faults.disconnect_every=\"3h\"", "faults.disconnect_for=\"20s\""));
        Host host = HostComponent.wire(config, HostInputs.of("soak", clock, 7, Map.of()).withDataDirectory(data, true),
                PluginCatalog.fromLayer(ModuleLayer.boot()), clock);
        host.start();
        for (long minute = 0; minute < SIMULATED.toMinutes(); minute++) {
            host.kernel().advanceBy(Duration.ofMinutes(1));
        }
        FaultInjectingVenue venue = (FaultInjectingVenue) host.venues().plugin();
        List<Position> hostPositions = host.portfolio().positions().stream().filter(p -> !p.isFlat()).toList();
        List<Position> venuePositions = venue.delegate().account().positions().stream().filter(p -> !p.isFlat()).toList();
        Map<String, String> execution = host.registry().all().stream().filter(h -> h.component().equals("execution"))
                .findFirst().orElseThrow().details();
        Map<String, String> runtime = host.registry().all().stream().filter(h -> h.component().equals("runtime"))
                .findFirst().orElseThrow().details();
        var counters = host.portfolio().counters();
        host.stop();

        Path journal = data.resolve("journal.db");
        Path paper = data.resolve("venue-paper/paper.db");
        List<String> venueFills = SqliteFiles.strings(paper, "SELECT trade_id FROM fills ORDER BY trade_id");
        assertThat(SqliteFiles.strings(paper, "SELECT client_id FROM placements WHERE attempts > 1")).as("ids placed twice")
                .isEmpty();
        assertThat(SqliteFiles.strings(journal, "SELECT trade_id FROM fills ORDER BY trade_id")).as("lost or doubled fills")
                .isEqualTo(venueFills);
        assertThat(hostPositions).isEqualTo(venuePositions);
        assertThat(SqliteFiles.strings(journal, "SELECT cash FROM account")).isEqualTo(SqliteFiles.strings(paper, "SELECT cash FROM account"));
        assertThat(venue.injected()).containsKeys("error", "timeout", "timeout_effective", "rate_limit",
                "duplicate_fill", "delayed_fill", "disconnect");
        assertThat(venueFills.size()).as("the soak trades").isGreaterThan(400);

        String report = "soak: " + SIMULATED.toHours() + " simulated hours, 1 s ticks, 3 symbols; orders attempted "
                + counters.attempted() + ", sent " + counters.submitted() + ", filled " + counters.filled()
                + ", rejected " + counters.rejectionsByCode() + "; venue fills " + venueFills.size()
                + "; faults injected " + venue.injected() + "; placement retries " + execution.get("placementRetries")
                + ", unknown outcomes resolved by asking " + execution.get("unknownOutcomesResolved")
                + ", duplicate fill reports ignored " + execution.get("duplicateFills") + ", reconciliations "
                + runtime.get("reconciliations") + " (repairs " + runtime.get("reconciliationRepairs")
                + "); ids placed twice 0, fills lost 0, fills doubled 0\n";
        Files.writeString(Path.of("target/soak-report.txt"), report);
        System.out.print(report);
    }
}
