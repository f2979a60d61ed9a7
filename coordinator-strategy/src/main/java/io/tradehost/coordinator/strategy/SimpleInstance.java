package io.tradehost.coordinator.strategy;

import io.tradehost.api.host.PluginCalls;
import io.tradehost.api.strategy.Strategy;
import io.tradehost.api.value.Symbol;
import java.util.List;

/** One symbol's strategy of the simple form: its instance, and how it is called and watched. */
final class SimpleInstance {
    final String name;
    final Strategy strategy;
    final PluginCalls calls;
    final Supervision.Watched watched;

    SimpleInstance(String name, Symbol symbol, Strategy strategy, PluginCalls calls) {
        this.name = name;
        this.strategy = strategy;
        this.calls = calls;
        this.watched = new Supervision.Watched(name, List.of(symbol), calls);
    }
}
