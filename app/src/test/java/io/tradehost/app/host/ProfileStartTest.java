package io.tradehost.app.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.config.ConfigException;
import io.tradehost.api.state.ReasonCode;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.value.TimeInForce;
import io.tradehost.app.config.ConfigLoader;
import io.tradehost.app.config.HostConfig;
import io.tradehost.app.plugins.PluginCatalog;
import io.tradehost.app.wiring.HostComponent;
import io.tradehost.app.wiring.HostInputs;
import io.tradehost.kernel.VirtualClock;
import io.tradehost.testkit.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the spot and canary profiles do to a host that starts under them, through the real wiring. */
class ProfileStartTest {
    private final VirtualClock clock = new VirtualClock(Fixtures.EPOCH);

    private Host wire(List<String> overrides) {
        HostConfig config = ConfigLoader.load(null, overrides);
        return HostComponent.wire(config, HostInputs.of("profile", clock, 3, Map.of()),
                PluginCatalog.fromLayer(ModuleLayer.boot()), clock);
    }

    @Test
    void theSpotProfileRefusesAPerpetualAtStartAndTradesSpot() {
        Host perpetuals = wire(List.of("host.profile=\"spot\""));
        assertThatThrownBy(perpetuals::start).isInstanceOf(ConfigException.class)
                .hasMessage("host.symbols: BTC-PERP is a perpetual on venue 'paper' and host.derivatives is false"
                        + " (the spot profile trades spot products only)");
        perpetuals.abandon();

        Host spot = wire(List.of("host.profile=\"spot\"", "host.symbols=[\"SOL-USD\"]"));
        spot.start();
        spot.kernel().runUntilIdle();
        assertThat(spot.venues().symbols()).extracting(Object::toString).containsExactly("SOL-USD");
        spot.stop();
    }

    @Test
    void theCanaryProfileStartsReduceOnlyWithImmediateOrders() {
        Host canary = wire(List.of("host.profile=\"canary\""));
        canary.start();
        canary.kernel().runUntilIdle();
        assertThat(canary.tradingState().state()).isEqualTo(TradingState.REDUCE_ONLY);
        assertThat(canary.tradingState().reasons()).extracting(r -> r.code())
                .contains(ReasonCode.CONFIG_REDUCE_ONLY);
        assertThat(canary.liveConfig().running().timeInForce()).isEqualTo(TimeInForce.IOC);
        canary.stop();
    }
}
