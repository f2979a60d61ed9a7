package io.tradehost.plugins.strategies.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.config.ConfigException;
import io.tradehost.api.config.PluginConfig;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GridFactoryTest {
    private static PluginConfig config(Map<String, ?> values) {
        return new PluginConfig("strategy.config.grid", values);
    }

    @Test
    void everyKeyHasADefault() {
        PluginConfig empty = config(Map.of());
        assertThat(new GridFactory().createEventStrategy(empty)).isInstanceOf(Grid.class);
        assertThat(empty.defaultsUsed()).containsEntry("strategy.config.grid.levels", 5L)
                .containsEntry("strategy.config.grid.spacing_bps", new BigDecimal("50"))
                .containsEntry("strategy.config.grid.order_notional", new BigDecimal("100"))
                .containsEntry("strategy.config.grid.centre", "mid")
                .containsEntry("strategy.config.grid.max_inventory", new BigDecimal("1000"));
        assertThat(new GridFactory().name()).isEqualTo("grid");
        assertThat(new GridFactory().description()).contains("replaced on the other side");
    }

    @Test
    void aCentreIsMidOrAPriceGivenAsTextOrANumber() {
        for (Object centre : new Object[] {"mid", "64250.5", 100L, new BigDecimal("0.5")}) {
            PluginConfig config = config(Map.of("centre", centre, "order_quantity", "0.01"));
            new GridFactory().createEventStrategy(config);
            assertThat(config.unreadKeys()).isEmpty();
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "levels=0 | strategy.config.grid.levels: must be between 1 and 50",
        "levels=51 | strategy.config.grid.levels: must be between 1 and 50",
        "spacing_bps=0 | strategy.config.grid.spacing_bps: must be between 0.1 and 5000",
        "levels=10,spacing_bps=1000 | strategy.config.grid.spacing_bps: (levels + 1) x spacing_bps must stay below 10000, so that the lowest buy stays above zero (was 11 x 1000)",
        "levels=1,spacing_bps=5000 | strategy.config.grid.spacing_bps: (levels + 1) x spacing_bps",
        "order_notional=50,order_quantity=1 | strategy.config.grid.order_quantity: set order_notional or order_quantity",
        "order_quantity=0 | strategy.config.grid.order_quantity: must be between",
        "order_notional=0 | strategy.config.grid.order_notional: must be between",
        "centre=middle | strategy.config.grid.centre: must be \"mid\" or a positive price",
        "centre=0 | strategy.config.grid.centre: must be \"mid\" or a positive price",
        "order_notional=500,max_inventory=100 | strategy.config.grid.max_inventory: must be at least order_notional",
    })
    void aBadValueIsAConfigErrorNamingItsKey(String values, String message) {
        Map<String, Object> map = new java.util.HashMap<>();
        for (String pair : values.split(",")) {
            String[] kv = pair.split("=");
            map.put(kv[0], kv[1]);
        }
        assertThatThrownBy(() -> new GridFactory().createEventStrategy(config(map)))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith(message);
    }

    @Test
    void aMaximumInventoryBelowOneLevelIsAcceptedWhenLevelsAreSizedInUnits() {
        new GridFactory().createEventStrategy(config(Map.of("order_quantity", "5", "max_inventory", "0.01")));
    }
}
