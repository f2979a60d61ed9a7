package io.tradehost.app.surface;

import io.tradehost.admin.FleetView;
import io.tradehost.admin.snapshot.Activity;
import io.tradehost.admin.snapshot.HostSnapshot;
import io.tradehost.admin.snapshot.SnapshotSource;
import io.tradehost.api.host.Health;
import io.tradehost.api.host.HealthStatus;
import io.tradehost.api.host.OrderCounters;
import io.tradehost.api.journal.JournalSnapshot;
import io.tradehost.api.order.Position;
import io.tradehost.api.state.ReasonCode;
import io.tradehost.api.state.ReasonSource;
import io.tradehost.api.state.StateReason;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Symbol;
import io.tradehost.journal.AccountLease;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A standby's snapshot: the books of the journal it follows (positions, cash, open orders, the run),
 * HALTED for every symbol with a {@code host.standby} reason naming the primary (it places nothing), and
 * one health component saying whom it stands by for. It has no marks: its equity is the one the
 * primary last reported to the fleet, else its cash. Its health is DEGRADED while the last check found
 * a problem or when no check came for {@code quietAfter} (the lease's server is slow or away).
 * {@link #followed} from the standby's loop, {@link #take} from the publishing thread.
 */
final class StandbySnapshots implements SnapshotSource {
    private final String account;
    private final String hostId;
    private final String venue;
    private final List<Symbol> symbols;
    private final FleetView fleet;
    private final long quietAfterNanos;
    private final long createdNanos = System.nanoTime();
    private volatile Optional<AccountLease.Holder> holder = Optional.empty();
    private volatile JournalSnapshot books;
    private volatile String problem;
    private volatile long checkedNanos;
    private volatile boolean checked;

    /** @param quietAfter how long without a check before the health says so */
    StandbySnapshots(String account, String hostId, String venue, List<Symbol> symbols, FleetView fleet,
                     Duration quietAfter) {
        this.account = account;
        this.hostId = hostId;
        this.venue = venue;
        this.symbols = List.copyOf(symbols);
        this.fleet = fleet;
        this.quietAfterNanos = quietAfter.toNanos();
    }

    /** What the standby's last check found. */
    void followed(Optional<AccountLease.Holder> holder, JournalSnapshot books, String problem) {
        this.holder = holder;
        if (books != null) {
            this.books = books;
        }
        this.problem = problem;
        this.checkedNanos = System.nanoTime();
        this.checked = true;
    }

    @Override
    public HostSnapshot take(long sequence, long realNanos, Activity activity) {
        long now = System.currentTimeMillis() * 1_000_000L;
        Optional<AccountLease.Holder> holder = this.holder;
        JournalSnapshot books = this.books;
        long sinceCheck = System.nanoTime() - (checked ? checkedNanos : createdNanos);
        String problem = sinceCheck > quietAfterNanos ? "no check of the lease for " + sinceCheck / 1_000_000
                + " ms (its server is slow or away)" : this.problem;
        String primary = holder.map(h -> h.hostId() + " (token " + h.token() + ")").orElse("no host yet");
        StateReason standby = new StateReason(ReasonCode.STANDBY, ReasonSource.CONFIG, TradingState.HALTED,
                "standing by for account " + account + ": " + primary + " holds the lease; this host (" + hostId
                        + ") places nothing until it takes it over", Map.of("account", account,
                "primary", holder.map(AccountLease.Holder::hostId).orElse("")), now);
        Map<Symbol, TradingState> states = new LinkedHashMap<>();
        Map<Symbol, Position> positions = new LinkedHashMap<>();
        symbols.forEach(s -> positions.put(s, Position.flat(s)));
        if (books != null) {
            books.positions().forEach(p -> positions.put(p.symbol(), p));
        }
        List<HostSnapshot.SymbolRow> rows = new ArrayList<>();
        positions.forEach((symbol, p) -> {
            states.put(symbol, TradingState.HALTED);
            rows.add(new HostSnapshot.SymbolRow(symbol, p, null, -1, Money.ZERO, Money.ZERO));
        });
        Money cash = books == null ? Money.ZERO : books.cash();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("account", account);
        details.put("primary", primary);
        details.put("followedSequence", books == null ? "-" : Long.toString(books.lastSequence()));
        Health health = problem == null ? Health.healthy("standby", details)
                : Health.of("standby", HealthStatus.DEGRADED, details, problem);
        String runId = books == null ? "-" : books.runId();
        String json = "{\"role\":\"standby\",\"account\":" + quote(account) + ",\"host\":" + quote(hostId)
                + ",\"runId\":" + quote(runId) + "}";
        return new HostSnapshot(sequence, now, realNanos, runId, venue, TradingState.HALTED, states, List.of(standby),
                cash, primaryEquity().orElse(cash), Money.ZERO, new OrderCounters(0, 0, 0, 0, Map.of()), rows,
                books == null ? List.of() : books.openOrders(), Map.of(), List.of(health),
                new HostSnapshot.KernelFigures(0, 0, 0, Map.of()), new HostSnapshot.JournalFigures(0, 0), Map.of(),
                Map.of(), Map.of(), Map.of(), activity, () -> json);
    }

    private Optional<Money> primaryEquity() {
        try {
            return fleet.members().stream().filter(m -> m.account().equals(account) && m.holdsLease()
                    && m.equity() != null).findFirst().map(m -> Money.of(m.equity()));
        } catch (RuntimeException e) {
            return Optional.empty(); // the health already says the registry is out of reach, if it is
        }
    }

    private static String quote(String text) {
        return io.tradehost.admin.http.Json.text(io.tradehost.admin.http.Json.MAPPER.getNodeFactory().textNode(text));
    }
}
