package io.tradehost.app.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.api.journal.JournaledList;
import io.tradehost.api.journal.OrderOwner;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.ListLink;
import io.tradehost.api.order.Order;
import io.tradehost.api.venue.VenueException;
import io.tradehost.app.config.ConfigLoader;
import io.tradehost.app.config.HostConfig;
import io.tradehost.app.plugins.PluginCatalog;
import io.tradehost.app.wiring.HostComponent;
import io.tradehost.app.wiring.HostInputs;
import io.tradehost.kernel.VirtualClock;
import io.tradehost.testkit.Fixtures;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bar-trend} with a take-profit, a stop-loss and a trailing stop per entry on the paper venue,
 * abandoned (no stop: what SIGKILL leaves) once an entry filled and its exits were armed, and started
 * again on the same data: the list comes back from the journal with its exits, none placed twice,
 * the host-held ones armed again, and it goes on governing them.
 */
class BracketRestartTest {
    @TempDir
    Path data;

    private final VirtualClock clock = new VirtualClock(Fixtures.EPOCH);

    private Host start() {
        HostConfig config = ConfigLoader.load(null, List.of("host.symbols=[\"BTC-PERP\"]", "venue.config.tick_interval=\"1s\"",
                "strategy.name=\"bar-trend\"", "strategy.config.bar-trend.interval=\"5s\"",
                "strategy.config.bar-trend.length=3", "strategy.config.bar-trend.take_profit_bps=\"40\"",
                "strategy.config.bar-trend.stop_loss_bps=\"40\"", "strategy.config.bar-trend.trailing_bps=\"20\""));
        Host host = HostComponent.wire(config, HostInputs.of("bt", clock, 11, Map.of()).withDataDirectory(data, true),
                PluginCatalog.fromLayer(ModuleLayer.boot()), clock);
        host.start();
        host.kernel().runUntilIdle();
        return host;
    }

    /** The open orders of contingent lists, the venue's and those the host holds, by list and member. */
    private static Map<ListLink, Long> listed(Host host) {
        return host.journal().owners().values().stream().map(OrderOwner::list).filter(l -> l != null)
                .collect(Collectors.groupingBy(l -> l, Collectors.counting()));
    }

    @Test
    void aBracketArmedBeforeTheHostDiedComesBackWithItsExitsAndNoneTwice() throws VenueException {
        Host first = start();
        int seconds = 0;
        while (listed(first).keySet().stream().noneMatch(l -> l.member() > 0) && seconds++ < 3_600) {
            first.kernel().advanceBy(Duration.ofSeconds(1));
        }
        first.kernel().runUntilIdle();
        Map<ListLink, Long> armed = listed(first);
        assertThat(armed.keySet()).as("an entry filled and its three exits are armed").extracting(ListLink::member)
                .containsExactlyInAnyOrder(1, 2, 3);
        long list = armed.keySet().iterator().next().listId();
        List<Order> resting = first.venues().venue().openOrders();
        Set<ClientOrderId> openBefore = first.journal().owners().keySet();
        // no stop(): as after SIGKILL

        Host second = start();
        assertThat(second.journal().openOrderLists()).extracting(JournaledList::id).contains(list);
        assertThat(second.venues().venue().openOrders()).as("nothing placed again at the venue")
                .containsExactlyInAnyOrderElementsOf(resting);
        assertThat(second.journal().owners().keySet()).as("no exit armed twice").isEqualTo(openBefore);
        for (int i = 0; i < 600; i++) {
            second.kernel().advanceBy(Duration.ofSeconds(1));
            assertThat(listed(second).values()).as("at most one open order per member of a list").allMatch(n -> n == 1);
        }
        assertThat(listed(second).keySet()).as("the list was governed on: an exit filled and cancelled the others")
                .noneMatch(l -> l.listId() == list);
        second.stop();
    }
}
