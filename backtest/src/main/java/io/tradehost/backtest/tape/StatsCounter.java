package io.tradehost.backtest.tape;

import io.tradehost.api.value.Symbol;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** Each symbol's {@link SymbolStats} over the rows added. Not thread-safe. */
final class StatsCounter {
    private final Map<Symbol, SymbolStats> stats = new HashMap<>();

    void add(MarketEvent event) {
        stats.compute(event.symbol(), (s, previous) -> SymbolStats.add(previous, event));
    }

    /** In symbol order: a copy. */
    Map<Symbol, SymbolStats> stats() {
        return new TreeMap<>(stats);
    }
}
