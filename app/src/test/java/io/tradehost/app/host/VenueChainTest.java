package io.tradehost.app.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.OrderStatus;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.value.TimeInForce;
import io.tradehost.api.venue.Venue;
import io.tradehost.app.config.ConfigLoader;
import io.tradehost.app.plugins.PluginCatalog;
import io.tradehost.app.wiring.HostComponent;
import io.tradehost.app.wiring.HostInputs;
import io.tradehost.kernel.VirtualClock;
import io.tradehost.testkit.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The venue the host calls is the plugin behind the host's own wrappers (call counting, isolation,
 * fault injection); through all of them the plugin's answers must arrive unchanged. The paper venue
 * rests stops itself, so a stop sent through the wired chain rests there, not with the host.
 */
class VenueChainTest {
    @TempDir
    Path data;

    @ParameterizedTest
    @ValueSource(strings = {"inline", "isolated", "inline with faults", "isolated with faults"})
    void thePaperVenueTakesStopsNativelyThroughEveryWrapper(String chain) throws Exception {
        List<String> sets = new ArrayList<>(List.of("venue.config.tick_interval=\"1s\"", "host.symbols=[\"BTC-PERP\"]",
                "plugins.isolation.paper=\"" + (chain.startsWith("isolated") ? "isolated" : "inline") + "\""));
        if (chain.endsWith("with faults")) {
            sets.add("faults.error_rate=0");
        }
        VirtualClock clock = new VirtualClock(Fixtures.EPOCH);
        Host host = HostComponent.wire(ConfigLoader.load(null, sets),
                HostInputs.of("chain", clock, 42, Map.of()).withDataDirectory(data, true),
                PluginCatalog.fromLayer(ModuleLayer.boot()), clock);
        host.start();
        host.kernel().runUntilIdle();
        Venue venue = host.venues().venue();
        assertThat(venue.supportsNatively(OrderType.STOP_MARKET)).as(chain).isTrue();
        assertThat(venue.supportsNatively(OrderType.STOP_LIMIT)).as(chain).isTrue();

        ClientOrderId id = ClientOrderId.of("chain-1");
        venue.place(new OrderRequest(id, Symbol.of("BTC-PERP"), Side.BUY, OrderType.STOP_MARKET, Quantity.of("0.001"),
                null, TimeInForce.GTC, false, false, Price.of("1000000")));
        host.kernel().runUntilIdle();
        Optional<Order> resting = venue.order(id);
        assertThat(resting).as("the stop rests at the venue").isPresent();
        assertThat(resting.get().status()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(venue.openOrders()).extracting(Order::clientOrderId).containsExactly(id);
        host.stop();
    }
}
