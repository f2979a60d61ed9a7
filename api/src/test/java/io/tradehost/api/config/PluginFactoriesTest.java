package io.tradehost.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.host.StartupException;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
class PluginFactoriesTest {
    /** A factory by its name; its plugin is the value of its {@code size} key. */
    private record Factory(String name, BiFunction<Factory, PluginConfig, Object> body) {
        static Factory reading(String name) {
            return new Factory(name, (f, c) -> name + ":" + c.integer("size", 1, 1, 10));
        }
    }

    private static final List<Factory> FOUND = List.of(Factory.reading("alpha"), Factory.reading("beta"));

    private static Object create(String name, List<Factory> factories, Map<String, ?> block) {
        return PluginFactories.create("guard", "guards.order", name, factories, Factory::name,
                new PluginConfig("guards.config." + name, block), (f, c) -> f.body().apply(f, c));
    }

    @Test
    void findsTheFactoryByNameAndCreatesThePluginFromItsBlock() {
        assertThat(create("beta", FOUND, Map.of("size", 3L))).isEqualTo("beta:3");
        assertThat(create("alpha", FOUND, Map.of())).isEqualTo("alpha:1");
    }

    @Test
    void aNameNoPluginHasNamesTheKeyAndWhatWasFound() {
        assertThatThrownBy(() -> create("gamma", FOUND, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessage("guards.order: no guard plugin named 'gamma' (found: alpha, beta)")
                .extracting(e -> ((ConfigException) e).key()).isEqualTo("guards.order");
    }

    @Test
    void aKeyThePluginDidNotReadIsRefusedByItsFullName() {
        assertThatThrownBy(() -> create("alpha", FOUND, Map.of("size", 2L, "sise", 3L)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("guards.config.alpha.sise: unknown key for guard 'alpha'");
    }

    @Test
    void aValueThePluginRefusedPassesAsItIs() {
        assertThatThrownBy(() -> create("alpha", FOUND, Map.of("size", 99L))).isInstanceOf(ConfigException.class)
                .hasMessage("guards.config.alpha.size: must be between 1 and 10 (was 99)");
        StartupException own = new StartupException("no data");
        assertThatThrownBy(() -> create("x", List.of(new Factory("x", (f, c) -> {
            throw own;
        })), Map.of())).isSameAs(own);
    }

    @Test
    void anythingElseAFactoryThrowsBecomesAStartupFailureNamingThePlugin() {
        IllegalStateException bug = new IllegalStateException("boom");
        assertThatThrownBy(() -> create("x", List.of(new Factory("x", (f, c) -> {
            throw bug;
        })), Map.of())).isInstanceOf(StartupException.class)
                .hasMessage("guard 'x' failed to start: IllegalStateException: boom").hasCause(bug);
        assertThatThrownBy(() -> create("x", List.of(new Factory("x", (f, c) -> {
            throw new NoClassDefFoundError("com/acme/Gone");
        })), Map.of())).isInstanceOf(StartupException.class)
                .hasMessage("guard 'x' failed to start: NoClassDefFoundError: com/acme/Gone");
        assertThatThrownBy(() -> create("x", List.of(new Factory("x", (f, c) -> null)), Map.of()))
                .isInstanceOf(StartupException.class)
                .hasMessage("guard 'x' failed to start: NullPointerException: the factory returned null");
    }

    @Test
    void aFatalFailurePropagates() {
        OutOfMemoryError oom = new OutOfMemoryError();
        assertThatThrownBy(() -> create("x", List.of(new Factory("x", (f, c) -> {
            throw oom;
        })), Map.of())).isSameAs(oom);
    }
}
