package io.tradehost.coordinator.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.config.ConfigException;
import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.guard.Guard;
import io.tradehost.api.guard.GuardFactory;
import io.tradehost.api.guard.GuardVerdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GuardChainTest {
    private static GuardFactory factory(String name) {
        return new GuardFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return name;
            }

            @Override
            public Guard create(PluginConfig config) {
                boolean on = config.bool("on", true);
                return check -> on ? GuardVerdict.ALLOW : GuardVerdict.reject("OFF", "off");
            }
        };
    }

    @Test
    void createsTheGuardsInConfiguredOrder() {
        GuardChain chain = GuardChain.create(List.of(factory("a"), factory("b"), factory("c")), List.of("c", "a"),
                name -> PluginConfig.empty("guards.config." + name));
        assertThat(chain.names()).containsExactly("c", "a");
    }

    @Test
    void anUnknownGuardOrKeyIsAConfigError() {
        assertThatThrownBy(() -> GuardChain.create(List.of(factory("a")), List.of("zzz"),
                name -> PluginConfig.empty("guards.config." + name))).isInstanceOf(ConfigException.class)
                .hasMessage("guards.order: no guard plugin named 'zzz' (found: a)");
        assertThatThrownBy(() -> GuardChain.create(List.of(factory("a")), List.of("a"),
                name -> new PluginConfig("guards.config." + name, Map.of("of", true))))
                .hasMessage("guards.config.a.of: unknown key for guard 'a'");
    }
}
