package com.example.ta4jrsi;

import io.tradehost.api.config.ConfigException;
import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.market.BarInterval;
import io.tradehost.api.strategy.event.EventStrategy;
import io.tradehost.api.strategy.event.EventStrategyFactory;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Quantity;
import java.math.BigDecimal;

/**
 * {@code ta4j-rsi}, an event-driven strategy whose indicator comes from a library (ta4j's RSI). Keys:
 * {@code interval} ("5m", a bar interval from 1s to 1d), {@code length} (14 bars, 2 to 1000),
 * {@code oversold} (30) and {@code overbought} (70), RSI levels between 1 and 99 with oversold below
 * overbought, and the size of an entry: {@code order_notional} (1000 of the quote currency, 0.01 to
 * 1 000 000 000) or {@code order_quantity} (a fixed quantity, set instead of the notional). A bad value
 * is a {@link ConfigException} naming the key.
 */
public final class RsiCrossFactory implements EventStrategyFactory {
    /** The factory ServiceLoader instantiates. */
    public RsiCrossFactory() {
        // stateless
    }

    @Override
    public String name() {
        return "ta4j-rsi";
    }

    @Override
    public String description() {
        return "ta4j's RSI on closed bars: buys when it crosses below oversold while flat, sells when it crosses"
                + " above overbought while long";
    }

    @Override
    public EventStrategy createEventStrategy(PluginConfig config) {
        BarInterval interval = config.barInterval("interval", "5m");
        int length = (int) config.integer("length", 14, 2, 1000);
        BigDecimal oversold = config.decimal("oversold", "30", "1", "99");
        BigDecimal overbought = config.decimal("overbought", "70", "1", "99");
        if (overbought.compareTo(oversold) <= 0) {
            throw new ConfigException(key(config, "overbought"), "must be above oversold (" + oversold.toPlainString()
                    + "), was " + overbought.toPlainString());
        }
        Money notional = null;
        Quantity quantity = null;
        if (config.has("order_quantity")) {
            if (config.has("order_notional")) {
                throw new ConfigException(key(config, "order_quantity"),
                        "set either order_quantity or order_notional, not both");
            }
            quantity = Quantity.of(config.decimal("order_quantity", "1", "0.0000000001", "1000000000"));
        } else {
            notional = config.money("order_notional", "1000", "0.01", "1000000000");
        }
        return new RsiCross(interval, length, oversold, overbought, notional, quantity);
    }

    private static String key(PluginConfig config, String key) {
        return config.path().isEmpty() ? key : config.path() + "." + key;
    }
}
