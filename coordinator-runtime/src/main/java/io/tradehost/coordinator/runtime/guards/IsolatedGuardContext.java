package io.tradehost.coordinator.runtime.guards;

import io.tradehost.api.guard.RuntimeGuardContext;
import io.tradehost.api.host.MarketView;
import io.tradehost.api.host.OrderCounters;
import io.tradehost.api.host.PortfolioView;
import io.tradehost.api.market.Mark;
import io.tradehost.api.order.Position;
import io.tradehost.api.state.ReasonCode;
import io.tradehost.api.state.StateReason;
import io.tradehost.api.time.Clock;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Symbol;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
/**
 * The context of a runtime guard that runs isolated on a worker of its own. The guard never
 * touches the host's state from its thread: before each call the kernel takes a {@link View} (the
 * portfolio, the marks and the active reason codes, copied), the guard reads that and records what
 * it wants done (raise, clear, cancel), and only once the call has returned does the kernel carry
 * those effects out. An abandoned (late) call's effects are dropped with its view. Each method may
 * be called from the guard's worker; {@link #prepare} and {@link View#apply} from the kernel thread.
 */
final class IsolatedGuardContext implements RuntimeGuardContext {
    private final HostGuardContext host;
    private volatile View view;

    IsolatedGuardContext(HostGuardContext host) {
        this.host = host;
        this.view = snapshot();
    }

    /** Takes the view for the next call. Kernel thread only. */
    View prepare() {
        View next = snapshot();
        view = next;
        return next;
    }

    private View snapshot() {
        PortfolioView live = host.portfolio();
        MarketView marks = host.market();
        Map<Symbol, Mark> last = new HashMap<>();
        Map<Symbol, List<Price>> recent = new HashMap<>();
        Set<Symbol> stale = new HashSet<>();
        for (Symbol s : host.symbols()) {
            Mark mark = marks.lastMark(s);
            if (mark != null) {
                last.put(s, mark);
            }
            recent.put(s, marks.recentMarks(s));
            if (marks.isStale(s)) {
                stale.add(s);
            }
        }
        Set<ReasonCode> active = new LinkedHashSet<>();
        host.reasons().forEach(r -> active.add(r.code()));
        return new View(new PortfolioCopy(live.positions(), live.cash(), live.equity(), live.grossExposure(),
                live.counters()), new MarketCopy(last, recent, stale), active);
    }

    @Override
    public Clock clock() {
        return host.clock();
    }

    @Override
    public PortfolioView portfolio() {
        return view.portfolio;
    }

    @Override
    public MarketView market() {
        return view.market;
    }

    @Override
    public List<Symbol> symbols() {
        return host.symbols();
    }

    @Override
    public boolean raise(StateReason reason) {
        return view.record(h -> h.raise(reason), reason.code(), true);
    }

    @Override
    public boolean clear(ReasonCode code) {
        return view.record(h -> h.clear(code), code, false);
    }

    @Override
    public boolean isActive(ReasonCode code) {
        synchronized (view) {
            return view.active.contains(code);
        }
    }

    @Override
    public void cancelOpenOrders(String why) {
        View v = view;
        synchronized (v) {
            v.effects.add(h -> h.cancelOpenOrders(why));
        }
    }

    /** What one call saw, and what it asked for. */
    static final class View {
        private final PortfolioView portfolio;
        private final MarketView market;
        private final Set<ReasonCode> active;
        private final List<Consumer<HostGuardContext>> effects = new ArrayList<>();

        View(PortfolioView portfolio, MarketView market, Set<ReasonCode> active) {
            this.portfolio = portfolio;
            this.market = market;
            this.active = active;
        }

        private synchronized boolean record(Consumer<HostGuardContext> effect, ReasonCode code, boolean raise) {
            boolean changes = raise ? active.add(code) : active.remove(code);
            if (changes) {
                effects.add(effect);
            }
            return changes;
        }

        /** Carries out what the call asked for, in order. Kernel thread only. */
        synchronized void apply(HostGuardContext host) {
            effects.forEach(e -> e.accept(host));
            effects.clear();
        }
    }

    private record PortfolioCopy(List<Position> positions, Money cash, Money equity, Money grossExposure,
                                 OrderCounters counters) implements PortfolioView {
        PortfolioCopy {
            positions = List.copyOf(positions);
        }

        @Override
        public Position position(Symbol symbol) {
            return positions.stream().filter(p -> p.symbol().equals(symbol)).findFirst()
                    .orElseGet(() -> Position.flat(symbol));
        }
    }

    private record MarketCopy(Map<Symbol, Mark> last, Map<Symbol, List<Price>> recent, Set<Symbol> stale)
            implements MarketView {
        MarketCopy {
            last = Map.copyOf(last);
            recent = Map.copyOf(recent);
            stale = Set.copyOf(stale);
        }

        @Override
        public boolean isStale(Symbol symbol) {
            return stale.contains(symbol);
        }

        @Override
        public Mark lastMark(Symbol symbol) {
            return last.get(symbol);
        }

        @Override
        public List<Price> recentMarks(Symbol symbol) {
            return recent.getOrDefault(symbol, List.of());
        }
    }
}
