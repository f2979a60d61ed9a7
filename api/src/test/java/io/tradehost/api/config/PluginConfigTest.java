package io.tradehost.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.value.Money;
import io.tradehost.api.value.Ratio;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PluginConfigTest {
    private final PluginConfig config = new PluginConfig("strategy.config", Map.of(
            "short", 5L, "name", "x", "on", true, "fraction", new BigDecimal("0.05"), "cash", "1000",
            "every", "250ms", "list", List.of("a", "b"), "nested", Map.of("deep", 1L)));

    @Test
    void readsTypedValuesAndDefaults() {
        assertThat(config.integer("short", 1, 1, 10)).isEqualTo(5);
        assertThat(config.integer("absent", 7, 1, 10)).isEqualTo(7);
        assertThat(config.string("name", "d")).isEqualTo("x");
        assertThat(config.bool("on", false)).isTrue();
        assertThat(config.ratio("fraction", "0.1", "0", "1")).isEqualTo(Ratio.of("0.05"));
        assertThat(config.money("cash", "0", "0", "1000000")).isEqualTo(Money.of("1000"));
        assertThat(config.duration("every", Duration.ZERO, Duration.ZERO, Duration.ofHours(1)))
                .isEqualTo(Duration.ofMillis(250));
        assertThat(config.strings("list", List.of())).containsExactly("a", "b");
        assertThat(config.section("nested").integer("deep", 0, 0, 5)).isEqualTo(1);
        assertThat(config.has("short")).isTrue();
        assertThat(config.path()).isEqualTo("strategy.config");
    }

    @Test
    void errorsNameTheFullKeyAndWhatIsWrong() {
        assertThatThrownBy(() -> config.integer("short", 1, 10, 20)).isInstanceOf(ConfigException.class)
                .hasMessage("strategy.config.short: must be between 10 and 20 (was 5)");
        assertThatThrownBy(() -> config.integer("name", 1, 0, 9)).hasMessage("strategy.config.name: must be a whole number (was \"x\")");
        assertThatThrownBy(() -> config.bool("name", false)).hasMessageContaining("must be true or false");
        assertThatThrownBy(() -> config.string("short", "")).hasMessageContaining("must be a string");
        assertThatThrownBy(() -> config.ratio("name", "0", "0", "1")).hasMessageContaining("must be a decimal");
        assertThatThrownBy(() -> config.ratio("fraction", "0", "0.1", "1"))
                .hasMessage("strategy.config.fraction: must be between 0.1 and 1 (was 0.05)");
        assertThatThrownBy(() -> config.duration("name", Duration.ZERO, Duration.ZERO, Duration.ofDays(1)))
                .hasMessageContaining("must be a duration");
        assertThatThrownBy(() -> config.duration("short", Duration.ZERO, Duration.ZERO, Duration.ofDays(1)))
                .hasMessageContaining("must be a duration");
        assertThatThrownBy(() -> config.duration("every", Duration.ZERO, Duration.ofSeconds(1), Duration.ofDays(1)))
                .hasMessageContaining("must be between");
        assertThatThrownBy(() -> config.strings("name", List.of())).hasMessageContaining("list of strings");
        assertThatThrownBy(() -> config.section("name")).hasMessageContaining("must be a table");
    }

    @Test
    void reportsKeysThatWereNeverRead() {
        config.integer("short", 1, 1, 10);
        config.section("nested");
        assertThat(config.unreadKeys()).containsExactlyInAnyOrder("strategy.config.name", "strategy.config.on",
                "strategy.config.fraction", "strategy.config.cash", "strategy.config.every", "strategy.config.list",
                "strategy.config.nested.deep");
        assertThat(PluginConfig.empty("x").unreadKeys()).isEmpty();
    }

    @Test
    void parsesDurationsInShortAndIsoForm() {
        assertThat(PluginConfig.parseDuration("5s")).isEqualTo(Duration.ofSeconds(5));
        assertThat(PluginConfig.parseDuration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(PluginConfig.parseDuration("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(PluginConfig.parseDuration("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(PluginConfig.parseDuration("PT3S")).isEqualTo(Duration.ofSeconds(3));
        assertThatThrownBy(() -> PluginConfig.parseDuration("soon")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new ConfigException("a.b", "bad").key()).isEqualTo("a.b");
    }
}
