package io.tradehost.coordinator.strategy;

import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.config.PluginFactories;
import io.tradehost.api.host.PluginCalls;
import io.tradehost.api.host.PluginIsolation;
import io.tradehost.api.strategy.Strategy;
import io.tradehost.api.strategy.StrategyFactory;
import io.tradehost.api.strategy.event.EventStrategy;
import io.tradehost.api.strategy.event.EventStrategyFactory;
import io.tradehost.api.value.Symbol;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Creates the strategy instances for a set of symbols, each through plugin calls of its own (the
 * simple ones per symbol, the event-driven ones per strategy over its symbols), and, on a reload or
 * new symbols, replaces those the settings change: in the coordinator's map of simple instances and
 * among {@link EventStrategies}' instances. Kernel thread only.
 */
final class InstanceBuilder {
    private final List<StrategyFactory> factories;
    private final PluginIsolation isolation;
    private final Map<Symbol, SimpleInstance> simple;
    private final EventStrategies events;

    /** @param simple the coordinator's simple instances by symbol, which {@link #rebuild} updates */
    InstanceBuilder(List<StrategyFactory> factories, PluginIsolation isolation, Map<Symbol, SimpleInstance> simple,
                    EventStrategies events) {
        this.factories = factories;
        this.isolation = isolation;
        this.simple = simple;
        this.events = events;
    }

    /** The instances made for a set of symbols: the simple ones per symbol, the event-driven ones per strategy. */
    record Created(Map<Symbol, SimpleInstance> simple, List<EventInstance> driven) {
        void close() {
            simple.values().forEach(i -> i.calls.close());
            driven.forEach(i -> i.watched.calls.close());
        }
    }

    private boolean eventDriven(String name) {
        return factories.stream().anyMatch(f -> f.name().equals(name) && f instanceof EventStrategyFactory);
    }

    /**
     * The instances of {@code symbols} under {@code with}, each factory called through its instance's
     * calls; if one fails, the calls of those already made are closed and the failure thrown.
     */
    Created create(StrategySettings with, List<Symbol> symbols) {
        Map<String, PluginConfig> configs = new LinkedHashMap<>();
        Created created = new Created(new LinkedHashMap<>(), new ArrayList<>());
        Map<String, List<Symbol>> groups = new LinkedHashMap<>();
        try {
            for (Symbol symbol : symbols) {
                String name = with.strategyFor(symbol);
                if (eventDriven(name)) {
                    groups.computeIfAbsent(name, n -> new ArrayList<>()).add(symbol);
                    continue;
                }
                PluginCalls calls = isolation.calls("strategy", name, symbol.value());
                Strategy strategy = PluginFactories.create("strategy", key(with, symbol), name, factories,
                        StrategyFactory::name, configs.computeIfAbsent(name, with.configFor()), (factory, config) ->
                                calls.start(() -> factory.create(config), "strategy '" + name + "' for " + symbol));
                created.simple().put(symbol, new SimpleInstance(name, symbol, strategy, calls));
            }
            groups.forEach((name, group) -> {
                PluginCalls calls = isolation.calls("strategy", name, "");
                EventStrategy strategy = PluginFactories.create("strategy", key(with, group.getFirst()), name,
                        factories, StrategyFactory::name, configs.computeIfAbsent(name, with.configFor()),
                        (factory, config) -> calls.start(() -> ((EventStrategyFactory) factory)
                                .createEventStrategy(config), "strategy '" + name + "' for " + group));
                created.driven().add(new EventInstance(name, strategy, new Supervision.Watched(name, group, calls),
                        events));
            });
        } catch (RuntimeException | Error e) {
            created.close();
            throw e;
        }
        return created;
    }

    private static String key(StrategySettings with, Symbol symbol) {
        return with.assignments().containsKey(symbol) ? "strategy.symbols." + symbol : "strategy.name";
    }

    /** Every symbol an instance trades, simple ones first. */
    List<Symbol> traded() {
        List<Symbol> all = new ArrayList<>(simple.keySet());
        events.instances().forEach(i -> all.addAll(i.symbols()));
        return all;
    }

    /**
     * Replaces the instances {@code next} changes: a simple one whose symbol has another strategy now
     * or whose strategy's block changed; an event-driven one whose block changed or whose set of symbols
     * differs under {@code next} (with {@code added}). The new ones are all created before anything is
     * replaced; a retired event-driven instance is stopped first (its orders cancelled if configured).
     * The new event-driven ones start at once if the coordinator has {@code started}.
     *
     * @return the symbols whose instance was replaced, but {@code added}
     */
    Set<Symbol> rebuild(StrategySettings next, Set<String> changed, List<Symbol> added, boolean started) {
        List<Symbol> all = new ArrayList<>(traded());
        all.addAll(added);
        Set<Symbol> replaced = new LinkedHashSet<>(added);
        simple.forEach((symbol, i) -> {
            if (!next.strategyFor(symbol).equals(i.name) || changed.contains(i.name)) {
                replaced.add(symbol);
            }
        });
        List<EventInstance> retired = new ArrayList<>();
        for (EventInstance i : events.instances()) {
            List<Symbol> now = all.stream().filter(s -> next.strategyFor(s).equals(i.name)).toList();
            if (changed.contains(i.name) || !now.equals(i.symbols())) {
                retired.add(i);
                replaced.addAll(i.symbols());
                replaced.addAll(now);
            }
        }
        Created fresh = create(next, all.stream().filter(replaced::contains).toList());
        replaced.forEach(symbol -> {
            SimpleInstance old = simple.remove(symbol);
            if (old != null) {
                old.calls.close();
            }
        });
        simple.putAll(fresh.simple());
        for (EventInstance i : retired) {
            i.retired = true;
            events.stop(i, next.cancelOnStop());
            events.desk().lists().retire(i); // its successor rebuilds its lists from the journal, as at a restart
            events.instances().remove(i);
            i.watched.calls.close();
        }
        fresh.driven().forEach(events::add);
        if (started) {
            events.start();
        }
        replaced.removeAll(added);
        return replaced;
    }
}
