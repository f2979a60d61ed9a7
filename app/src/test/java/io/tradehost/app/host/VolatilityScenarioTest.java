package io.tradehost.app.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.api.state.TradingState;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.venue.VenueFactory;
import io.tradehost.app.config.ConfigLoader;
import io.tradehost.app.plugins.PluginCatalog;
import io.tradehost.app.plugins.PluginInfo;
import io.tradehost.app.wiring.HostComponent;
import io.tradehost.app.wiring.HostInputs;
import io.tradehost.kernel.VirtualClock;
import io.tradehost.testkit.Fixtures;
import io.tradehost.testkit.ScriptedVenue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
/** A volatility spike on a scripted market trips the breaker; calm plus the cooldown lifts it. */
class VolatilityScenarioTest {
    private final VirtualClock clock = new VirtualClock(Fixtures.EPOCH);
    private final ScriptedVenue venue = new ScriptedVenue(List.of(Fixtures.perpetual("BTC-PERP")));
    private Host host;

    private void quote(String price) {
        String bid = price;
        venue.emit(Fixtures.quote("BTC-PERP", bid, bid, clock.nanos()));
        host.kernel().advanceBy(Duration.ofSeconds(1));
    }

    @Test
    void aSpikeRestrictsTheSymbolAndTheCooldownLiftsIt() {
        PluginCatalog builtIns = PluginCatalog.fromLayer(ModuleLayer.boot());
        VenueFactory scripted = ScriptedVenue.factory("scripted", List.of(), venue);
        PluginCatalog catalog = new PluginCatalog(
                builtIns.strategies().stream().map(f -> found(f, "strategy", f.name())).toList(),
                builtIns.guards().stream().map(f -> found(f, "guard", f.name())).toList(),
                List.of(found(scripted, "venue", "scripted")),
                builtIns.runtimeGuards().stream().map(f -> found(f, "runtime-guard", f.name())).toList(), List.of());
        host = HostComponent.wire(ConfigLoader.load(null, List.of("venue.name=scripted", "venue.config={}",
                "host.symbols=[\"BTC-PERP\"]", "runtime_guards.order=[\"volatility\"]",
                "runtime_guards.config.volatility={ window = 5, warn = \"50\", reduce_only = \"100\", halt = \"1000\","
                        + " cooldown = \"60s\", check_interval = \"1s\" }")),
                HostInputs.of("vol", clock, 1, Map.of()), catalog, clock);
        host.start();
        Symbol btc = Symbol.of("BTC-PERP");
        for (int i = 0; i < 10; i++) {
            quote("100");
        }
        assertThat(host.tradingState().state(btc)).isEqualTo(TradingState.ACTIVE);
        for (String p : List.of("103", "100", "103", "100", "103")) {
            quote(p);
        }
        assertThat(host.tradingState().state(btc)).isEqualTo(TradingState.REDUCE_ONLY);
        assertThat(host.tradingState().reasons()).extracting(r -> r.code().value()).containsExactly("volatility.BTC-PERP");
        for (int i = 0; i < 30; i++) {
            quote("100");
        }
        assertThat(host.tradingState().state(btc)).as("calm, still cooling down").isEqualTo(TradingState.REDUCE_ONLY);
        for (int i = 0; i < 40; i++) {
            quote("100");
        }
        assertThat(host.tradingState().state(btc)).isEqualTo(TradingState.ACTIVE);
        host.stop();
    }

    private static <T> PluginCatalog.Found<T> found(T factory, String kind, String name) {
        return new PluginCatalog.Found<>(factory, new PluginInfo(kind, name, "", "test", "1", "test", "loaded", "", false, ""));
    }
}
