package io.tradehost.app.surface;

import io.tradehost.admin.snapshot.Activity;
import io.tradehost.admin.snapshot.HostSnapshot;
import io.tradehost.admin.snapshot.SnapshotSource;
import io.tradehost.api.host.Coordinator;
import io.tradehost.api.host.Health;
import io.tradehost.api.market.Mark;
import io.tradehost.api.order.Position;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Symbol;
import io.tradehost.app.host.Host;
import io.tradehost.coordinator.runtime.venue.VenueCallCounts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
/**
 * Takes a {@link HostSnapshot} of a wired host, on the kernel thread. The coordinators' running
 * totals ({@link Coordinator#totals()}, the same numbers their health details show) go in as
 * {@code <coordinator>.<total>}, so the API, the metrics and the health endpoint agree.
 */
final class HostSnapshots implements SnapshotSource {
    private final Host host;
    private final String venue;
    private final Supplier<Map<String, Long>> extra;

    /**
     * @param venue the venue plugin's name, as configured
     * @param extra more running totals to publish (the alert counts); called on the kernel thread
     */
    HostSnapshots(Host host, String venue, Supplier<Map<String, Long>> extra) {
        this.host = host;
        this.venue = venue;
        this.extra = extra;
    }

    @Override
    public HostSnapshot take(long sequence, long realNanos, Activity activity) {
        long now = host.kernel().clock().nanos();
        Map<Symbol, TradingState> states = new LinkedHashMap<>();
        List<HostSnapshot.SymbolRow> rows = new ArrayList<>();
        for (Symbol symbol : host.venues().symbols()) {
            states.put(symbol, host.tradingState().state(symbol));
            Position p = host.portfolio().position(symbol);
            Mark mark = host.marks().lastMark(symbol);
            rows.add(new HostSnapshot.SymbolRow(symbol, p, mark == null ? null : mark.price(),
                    mark == null ? -1 : Math.max(0, now - mark.timestampNanos()),
                    mark == null ? Money.ZERO : p.valueAt(mark.price()),
                    mark == null ? Money.ZERO : p.unrealizedPnl(mark.price())));
        }
        List<Health> health = host.registry().all();
        Map<String, Long> counters = new LinkedHashMap<>(extra.get());
        for (Coordinator c : host.registry().coordinators()) {
            c.totals().forEach((name, value) -> counters.put(c.name() + "." + name, value));
        }
        VenueCallCounts calls = host.venues().callCounts();
        return new HostSnapshot(sequence, now, realNanos, host.runId(), venue,
                host.tradingState().state(), states, host.tradingState().reasons(), host.portfolio().cash(),
                host.portfolio().equity(), host.portfolio().grossExposure(), host.portfolio().counters(), rows,
                host.journal().openOrders(), host.journal().owners(), health,
                new HostSnapshot.KernelFigures(host.kernel().dispatchedCount(), host.kernel().queueDepth(),
                        host.kernel().handlerFailureCount(), host.kernel().failuresByHandler()),
                new HostSnapshot.JournalFigures(host.journal().backlog(), host.journal().failedWrites()),
                counters, host.telemetry().droppedQuotes(), calls.calls(), calls.errors(), activity,
                host.summary()::toJson);
    }
}
