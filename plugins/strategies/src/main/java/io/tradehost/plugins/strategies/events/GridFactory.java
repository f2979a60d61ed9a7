package io.tradehost.plugins.strategies.events;

import io.tradehost.api.config.ConfigException;
import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.strategy.event.EventStrategy;
import io.tradehost.api.strategy.event.EventStrategyFactory;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Ratio;
import java.math.BigDecimal;

/**
 * {@code grid}: keys {@code levels} (5 per side, 1 to 50), {@code spacing_bps} (50, the distance between
 * levels; {@code (levels + 1) x spacing_bps} must stay below 10000), {@code order_notional} (100 quote
 * currency per level) or instead {@code order_quantity} (base units per level), {@code centre}
 * ({@code "mid"}: each symbol's first mid, kept across restarts; or a fixed price), {@code max_inventory}
 * (1000, the notional |position| the levels of one side may reach were they all to fill; at least
 * {@code order_notional}). Orders are post-only.
 */
public final class GridFactory implements EventStrategyFactory {
    /** The factory ServiceLoader instantiates. */
    public GridFactory() {
        // stateless
    }

    @Override
    public String name() {
        return "grid";
    }

    @Override
    public String description() {
        return "post-only buy and sell levels around a centre; each filled level replaced on the other side";
    }

    @Override
    public EventStrategy createEventStrategy(PluginConfig config) {
        int levels = (int) config.integer("levels", 5, 1, 50);
        Ratio spacing = config.ratio("spacing_bps", "50", "0.1", "5000");
        if (spacing.toBigDecimal().multiply(BigDecimal.valueOf(levels + 1L)).compareTo(BigDecimal.valueOf(10_000))
                >= 0) {
            throw new ConfigException(config.path() + ".spacing_bps", "(levels + 1) x spacing_bps must stay below "
                    + "10000, so that the lowest buy stays above zero (was " + (levels + 1) + " x " + spacing + ")");
        }
        Money notional = null;
        Quantity quantity = null;
        if (config.has("order_quantity")) {
            if (config.has("order_notional")) {
                throw new ConfigException(config.path() + ".order_quantity",
                        "set order_notional or order_quantity, not both");
            }
            quantity = Quantity.of(config.decimal("order_quantity", "1", "0.0000000001", "1000000000000"));
        } else {
            notional = config.money("order_notional", "100", "0.01", "1000000000");
        }
        Price centre = centre(config);
        Money maxInventory = config.money("max_inventory", "1000", "0.01", "1000000000");
        if (notional != null && maxInventory.isLessThan(notional)) {
            throw new ConfigException(config.path() + ".max_inventory", "must be at least order_notional ("
                    + maxInventory + " < " + notional + ")");
        }
        return new Grid(levels, spacing, centre, notional, quantity, maxInventory);
    }

    /** {@code "mid"} (null: each symbol's first mid) or a fixed positive price. */
    private static Price centre(PluginConfig config) {
        String text;
        try {
            text = config.string("centre", "mid");
        } catch (ConfigException notText) {
            text = null; // a TOML number: read as a price below
        }
        if ("mid".equals(text)) {
            return null;
        }
        try {
            return config.price("centre", "1", "0.0000000001", "1000000000000");
        } catch (ConfigException wrong) {
            throw new ConfigException(wrong.key(), "must be \"mid\" or a positive price (" + wrong.problem() + ")");
        }
    }
}
