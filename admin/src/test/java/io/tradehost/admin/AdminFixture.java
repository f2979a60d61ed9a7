package io.tradehost.admin;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.tradehost.admin.http.ApiHandler;
import io.tradehost.admin.http.EventStream;
import io.tradehost.admin.metrics.HostMetrics;
import io.tradehost.admin.snapshot.Activity;
import io.tradehost.admin.snapshot.ActivityLog;
import io.tradehost.admin.snapshot.HostSnapshot;
import io.tradehost.admin.snapshot.SnapshotPublisher;
import io.tradehost.api.command.Command;
import io.tradehost.api.command.OperatorRequest;
import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.event.OperatorActed;
import io.tradehost.api.host.CommandBus;
import io.tradehost.api.host.Health;
import io.tradehost.api.host.HealthStatus;
import io.tradehost.api.host.OrderCounters;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.journal.OrderOwner;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.OrderStatus;
import io.tradehost.api.order.Position;
import io.tradehost.api.state.ReasonCode;
import io.tradehost.api.state.ReasonSource;
import io.tradehost.api.state.StateReason;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.kernel.VirtualClock;
import io.tradehost.testkit.Fixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
/**
 * A real admin server on a free loopback port over a host that is only a snapshot: what the
 * kernel would publish is set by the test, and operator requests are answered as the runtime
 * would, by a command bus that records them.
 */
final class AdminFixture implements AutoCloseable {
    static final String TOKEN = "test-token-0123456789abcdef-0123456789";
    static final Symbol BTC = Symbol.of("BTC-PERP");
    static final Symbol SOL = Symbol.of("SOL-USD");

    final VirtualClock clock = new VirtualClock(Fixtures.EPOCH);
    final AtomicLong realNanos = new AtomicLong(1_000_000_000L);
    /** The clock of the server's connection guard, apart from {@link #realNanos} so that each test moves its own. */
    final AtomicLong guardNanos = new AtomicLong();
    final List<OperatorRequest> requests = new CopyOnWriteArrayList<>();
    final AtomicReference<HostSnapshot> next = new AtomicReference<>();
    final OperatorGateway gateway;
    final EventStream stream = new EventStream(64, 4);
    final ActivityLog activity = new ActivityLog(stream::offer);
    final SnapshotPublisher publisher;
    final HostMetrics metrics;
    private final AdminDocuments docs;
    final AdminServer server;
    final RawHttp http;
    volatile boolean answer = true;

    AdminFixture(AdminSettings settings) {
        this(settings, h -> h);
    }

    /** The same, its handler as {@code customize} makes it (a fleet, read-only). */
    AdminFixture(AdminSettings settings, java.util.function.UnaryOperator<ApiHandler> customize) {
        AtomicReference<OperatorGateway> self = new AtomicReference<>();
        CommandBus bus = (Command command) -> {
            OperatorRequest r = (OperatorRequest) command;
            requests.add(r);
            if (answer) {
                self.get().onActed(new OperatorActed(r.requestId(), r.action(), r.argument(), r.actor(), r.reason(),
                        true, "did " + r.action().path(), r.timestampNanos()));
            }
        };
        gateway = new OperatorGateway(bus, clock);
        self.set(gateway);
        next.set(snapshot(TradingState.ACTIVE, HealthStatus.HEALTHY));
        publisher = new SnapshotPublisher((seq, real, act) -> withActivity(next.get(), seq, real, act), activity,
                realNanos::get, Duration.ofSeconds(1), stream::status);
        publisher.publishNow();
        metrics = new HostMetrics(publisher::latest, publisher::ageNanos);
        var docs = new AdminDocuments(JsonNodeFactory.instance.objectNode().put("chain", "kill-switch"),
                JsonNodeFactory.instance.arrayNode(), JsonNodeFactory.instance.objectNode().put("source", "test"));
        this.docs = docs;
        server = AdminServer.start(settings, customize.apply(handler(settings)), guardNanos::get);
        http = new RawHttp(server.port());
    }

    /** A new handler over this fixture's host. */
    ApiHandler handler(AdminSettings settings) {
        return new ApiHandler(settings, AdminToken.of(TOKEN), publisher, metrics, gateway, stream, docs,
                realNanos::get, Duration.ofMillis(300));
    }

    AdminFixture() {
        this(settings(Map.of()));
    }

    static AdminSettings settings(Map<String, Object> overrides) {
        Map<String, Object> values = new LinkedHashMap<>(Map.of("listen", "127.0.0.1:0",
                "max_request_bytes", 1024, "max_header_bytes", 2048, "idle_timeout", "2s", "bad_token_limit", 3));
        values.putAll(overrides);
        return AdminSettings.read(new PluginConfig("admin", values));
    }

    private static HostSnapshot withActivity(HostSnapshot s, long seq, long real, Activity a) {
        return new HostSnapshot(seq, s.hostNanos(), real, s.runId(), s.venue(), s.state(), s.symbolStates(),
                s.reasons(), s.cash(), s.equity(), s.grossExposure(), s.orders(), s.symbols(), s.openOrders(),
                s.owners(), s.health(), s.kernel(), s.journal(), s.counters(), s.droppedQuotes(), s.venueCalls(), s.venueErrors(),
                a, s.summaryJson());
    }

    /** A host with a long BTC position, a flat SOL, one open order, and the given state and runtime health. */
    HostSnapshot snapshot(TradingState state, HealthStatus runtime) {
        Position btc = Position.flat(BTC).apply(Side.BUY, Quantity.of("0.5"), Price.of("60000"), Money.of("1.5"));
        List<StateReason> reasons = new ArrayList<>();
        if (state != TradingState.ACTIVE) {
            reasons.add(new StateReason(ReasonCode.OPERATOR_HALT, ReasonSource.OPERATOR, state, "maintenance",
                    Map.of("operator", "ana"), clock.nanos()));
        }
        Order open = new Order(OrderRequest.market(ClientOrderId.of("r1-7"), SOL, Side.BUY, Quantity.of("2")),
                OrderStatus.ACCEPTED, Quantity.ZERO, "v7");
        Order held = new Order(new OrderRequest(ClientOrderId.of("r1-8"), SOL, Side.SELL,
                io.tradehost.api.value.OrderType.STOP_MARKET, Quantity.of("1"), null,
                io.tradehost.api.value.TimeInForce.GTC, true, false, Price.of("9.5")), OrderStatus.SUBMITTED,
                Quantity.ZERO, null);
        return new HostSnapshot(0, clock.nanos(), 0, "r1", "paper", state,
                Map.of(BTC, state, SOL, state), reasons, Money.of("70000"), Money.of("100500"), Money.of("30500"),
                new OrderCounters(10, 8, 7, 3, Map.of("KILL_SWITCH", 2L, "HALTED", 1L)),
                List.of(new HostSnapshot.SymbolRow(BTC, btc, Price.of("61000"), 2_000_000_000L, Money.of("30500"),
                                Money.of("500")),
                        new HostSnapshot.SymbolRow(SOL, Position.flat(SOL), null, -1, Money.ZERO, Money.ZERO)),
                List.of(open, held), Map.of(open.clientOrderId(), new OrderOwner("market-maker", "mm-bid", true),
                        held.clientOrderId(), new OrderOwner("trend", "trail", true, 0, false, null,
                                new io.tradehost.api.order.ListLink(7, 2)).asHeldByHost()
                                .withTrail(io.tradehost.api.order.Trail.byBps(io.tradehost.api.value.Ratio.of("50")))),
                List.of(Health.of("runtime", runtime, Map.of("reconciliations", "4"),
                                runtime == HealthStatus.HEALTHY ? null : "venue not connected"),
                        Health.healthy("execution", Map.of())),
                new HostSnapshot.KernelFigures(1234, 2, 1, Map.of("strategy.mark", 1L)),
                new HostSnapshot.JournalFigures(3, 0), Map.of("strategy.cycles", 42L, "runtime.reconciliations", 4L),
                Map.of("crossed", 5L), Map.of("place", 8L), Map.of("place", Map.of("VENUE_TIMEOUT", 1L)),
                Activity.NONE, () -> "{\"runId\":\"r1\",\"orders\":{\"filled\":7}}");
    }

    /** Waits (10 s at most) until the server has registered {@code n} open connections. */
    void awaitOpenConnections(int n) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (server.guard().openConnections() != n && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        if (server.guard().openConnections() != n) {
            throw new AssertionError("open connections: " + server.guard().openConnections() + ", expected " + n);
        }
    }

    /** Publishes {@code snapshot} as the kernel would. */
    void publish(HostSnapshot snapshot) {
        next.set(snapshot);
        publisher.publishNow();
    }

    @Override
    public void close() {
        stream.closeAll();
        server.close();
    }
}
