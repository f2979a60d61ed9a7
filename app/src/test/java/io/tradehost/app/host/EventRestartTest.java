package io.tradehost.app.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.api.journal.OrderOwner;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Order;
import io.tradehost.api.value.Side;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The market maker abandoned mid-run (no stop: what SIGKILL leaves) with orders resting on the paper
 * venue, and started again on the same data: it gets its orders back as handles, so the venue never
 * holds more than one bid and one ask of it per symbol, and an orderly stop cancels them all.
 */
class EventRestartTest {
    @TempDir
    Path data;

    private final VirtualClock clock = new VirtualClock(Fixtures.EPOCH);

    private Host start() {
        HostConfig config = ConfigLoader.load(null, List.of("venue.config.tick_interval=\"1s\"",
                "strategy.name=\"market-maker\"", "strategy.config.market-maker.refresh_bps=\"2\"",
                "guards.config.order-rate.per_second=100", "guards.config.order-rate.per_minute=10000"));
        Host host = HostComponent.wire(config, HostInputs.of("mm", clock, 7, Map.of()).withDataDirectory(data, true),
                PluginCatalog.fromLayer(ModuleLayer.boot()), clock);
        host.kernel().observe(new EventRecorder());
        host.start();
        host.kernel().runUntilIdle();
        return host;
    }

    /** The venue's open orders, by symbol and side: how many. */
    private static Map<String, Long> resting(Host host) throws VenueException {
        return host.venues().venue().openOrders().stream().collect(Collectors.groupingBy(
                o -> o.request().symbol() + " " + o.request().side(), Collectors.counting()));
    }

    private static void runWatching(Host host, int seconds) throws VenueException {
        for (int i = 0; i < seconds; i++) {
            host.kernel().advanceBy(Duration.ofSeconds(1));
            assertThat(resting(host).values()).as("at most one order per symbol and side").allMatch(n -> n == 1);
        }
    }

    @Test
    void aRestartedMarketMakerGetsItsRestingOrdersBackAndNeverDoublesThem() throws VenueException {
        Host first = start();
        runWatching(first, 120);
        List<Order> before = first.venues().venue().openOrders();
        assertThat(before).as("quotes rest on the venue").hasSizeGreaterThanOrEqualTo(4);
        Map<ClientOrderId, OrderOwner> owners = first.journal().owners();
        assertThat(before).allSatisfy(o -> assertThat(owners.get(o.clientOrderId()))
                .isEqualTo(new OrderOwner("market-maker", o.request().side() == Side.BUY ? "mm-bid" : "mm-ask", true)));
        long placedBefore = first.journal().snapshot().lastSequence();
        // no stop(): as after SIGKILL

        Host second = start();
        assertThat(second.venues().venue().openOrders()).containsExactlyInAnyOrderElementsOf(before);
        runWatching(second, 120);
        assertThat(second.journal().snapshot().lastSequence()).as("the restarted maker keeps quoting")
                .isGreaterThan(placedBefore);
        second.stop();
        assertThat(second.venues().venue().openOrders()).as("an orderly stop cancels every quote").isEmpty();
    }
}
