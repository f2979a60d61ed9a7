package io.tradehost.app.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.api.value.Symbol;
import io.tradehost.app.config.ConfigLoader;
import io.tradehost.app.config.HostConfig;
import io.tradehost.app.plugins.PluginCatalog;
import io.tradehost.app.wiring.HostComponent;
import io.tradehost.app.wiring.HostInputs;
import io.tradehost.kernel.VirtualClock;
import io.tradehost.testkit.Fixtures;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The embedded defaults with ten symbols: the paper venue lists a synthetic market for each it does
 * not know (spot or perpetual by the name), and the host marks and trades them all.
 */
class ManySymbolsTest {
    private static final List<String> TEN = List.of("BTC-USD", "ETH-USD", "SOL-USD", "BTC-PERP", "ETH-PERP", "ADA-USD",
            "XRP-USD", "DOGE-USD", "LTC-USD", "AVAX-USD");

    @Test
    void tenSymbolsOnTheEmbeddedDefaultsAreAllMarked() {
        VirtualClock clock = new VirtualClock(Fixtures.EPOCH);
        String symbols = TEN.stream().map(s -> "\"" + s + "\"").reduce((a, b) -> a + ", " + b).orElseThrow();
        HostConfig config = ConfigLoader.load(null, List.of("host.symbols=[" + symbols + "]"));
        Host host = HostComponent.wire(config, HostInputs.of("ten", clock, 3, Map.of()),
                PluginCatalog.fromLayer(ModuleLayer.boot()), clock);
        host.start();
        host.kernel().advanceBy(Duration.ofSeconds(30));
        host.kernel().runUntilIdle();
        for (String s : TEN) {
            assertThat(host.marks().lastMark(Symbol.of(s))).as(s).isNotNull();
        }
        assertThat(host.venues().product(Symbol.of("AVAX-USD")).isPerpetual()).isFalse();
        host.stop();
    }
}
