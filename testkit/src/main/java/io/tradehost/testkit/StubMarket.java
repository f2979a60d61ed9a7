package io.tradehost.testkit;

import io.tradehost.api.host.MarketView;
import io.tradehost.api.market.Mark;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Symbol;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A {@link MarketView} a test fills by hand. Not thread-safe. */
public final class StubMarket implements MarketView {
    private final Map<Symbol, Mark> last = new HashMap<>();
    private final Map<Symbol, List<Price>> history = new HashMap<>();
    private final java.util.Set<Symbol> stale = new java.util.HashSet<>();

    /** A market with no marks. */
    public StubMarket() {
        // empty
    }

    /** Flags {@code symbol}'s market data stale until the next {@link #put}. */
    public StubMarket stale(Symbol symbol) {
        stale.add(symbol);
        return this;
    }

    @Override
    public boolean isStale(Symbol symbol) {
        return stale.contains(symbol);
    }

    /** Makes {@code mark} the latest and appends its price to the history. */
    public StubMarket put(Mark mark) {
        stale.remove(mark.symbol());
        last.put(mark.symbol(), mark);
        history.computeIfAbsent(mark.symbol(), s -> new ArrayList<>()).add(mark.price());
        return this;
    }

    @Override
    public Mark lastMark(Symbol symbol) {
        return last.get(symbol);
    }

    @Override
    public List<Price> recentMarks(Symbol symbol) {
        return List.copyOf(history.getOrDefault(symbol, List.of()));
    }
}
