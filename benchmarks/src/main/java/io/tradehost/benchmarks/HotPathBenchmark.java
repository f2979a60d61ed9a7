package io.tradehost.benchmarks;

import io.tradehost.api.command.OrderIntent;
import io.tradehost.api.command.RecordIntent;
import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.event.IntentRecorded;
import io.tradehost.api.event.QuoteReceived;
import io.tradehost.api.guard.GuardFactory;
import io.tradehost.api.guard.OrderCheck;
import io.tradehost.api.market.Mark;
import io.tradehost.api.market.Quote;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.Position;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Product;
import io.tradehost.api.value.ProductKind;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Ratio;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.value.TimeInForce;
import io.tradehost.benchmarks.host.BuiltIns;
import io.tradehost.coordinator.execution.GuardChain;
import io.tradehost.coordinator.execution.Sizer;
import io.tradehost.coordinator.telemetry.MarkBook;
import io.tradehost.journal.Durability;
import io.tradehost.journal.SqlJournal;
import io.tradehost.kernel.Kernel;
import io.tradehost.kernel.SystemClock;
import io.tradehost.kernel.VirtualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The order path's pieces one at a time, as the kernel thread runs them: sizing an intent, the
 * default guard chain passing an order, a mark into the window and the window read back, one event
 * through the kernel to three handlers, and an intent recorded by the live journal (its intent log, then
 * SQLite in WAL mode, synchronous NORMAL, on a temporary file, behind its writer thread).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HotPathBenchmark {
    private static final Symbol BTC = Symbol.of("BTC-PERP");

    private final Product product = new Product(BTC, "BTC", "USD", ProductKind.PERPETUAL, Price.of("0.1"),
            Quantity.of("0.0001"), Quantity.of("0.0001"), Ratio.ofUnits(20));
    private OrderIntent intent;
    private Position position;
    private Price mark;
    private GuardChain guards;
    private OrderRequest order;
    private final Price bid = Price.of("64250.4");
    private final Price ask = Price.of("64250.6");
    private final Quantity depth = Quantity.of("300");
    private final Money equity = Money.of("100000");
    private long now = 1_000_000_000L;
    private MarkBook book;
    private Mark[] marks;
    private int next;
    private Kernel kernel;
    private QuoteReceived quote;
    private SqlJournal journal;
    private Path journalDir;
    private final AtomicLong recorded = new AtomicLong();
    /** The journal writer's outcomes, run on the benchmark's thread as a live host runs them on the kernel's. */
    private final java.util.concurrent.ConcurrentLinkedQueue<Runnable> completions =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    private long sequence;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        mark = Price.of("64250.5");
        position = Position.flat(BTC);
        intent = new OrderIntent(1, BTC, Side.BUY, false, null, Money.of("5000"), OrderType.MARKET, null,
                TimeInForce.IOC, false, false, "bench", "enter", mark, 0);
        List<GuardChain.Named> named = new ArrayList<>();
        for (GuardFactory f : BuiltIns.catalog().guards()) {
            if (!f.name().equals("session-window") && !f.name().equals("kill-switch")) {
                named.add(new GuardChain.Named(f.name(), f.create(new PluginConfig("guards.config." + f.name(),
                        Map.of()))));
            }
        }
        guards = new GuardChain(named);
        Quote q = new Quote(BTC, Price.of("64250.4"), Quantity.of("300"), Price.of("64250.6"), Quantity.of("300"),
                1_000_000_000L);
        order = OrderRequest.market(ClientOrderId.of("b-1"), BTC, Side.BUY, Quantity.of("0.0778"));
        book = new MarkBook(64);
        marks = new Mark[1024];
        for (int i = 0; i < marks.length; i++) {
            marks[i] = Mark.of(new Quote(BTC, Price.ofUnits(64_000 + i), Quantity.of("1"), Price.ofUnits(64_001 + i),
                    Quantity.of("1"), i));
        }
        kernel = new Kernel(new VirtualClock(Instant.parse("2026-01-05T00:00:00Z")));
        for (String name : List.of("telemetry.quote", "runtime.guards", "admin.activity")) {
            kernel.subscribe(QuoteReceived.class, name, Kernel.FailurePolicy.LOG_AND_COUNT, e -> next++);
        }
        quote = new QuoteReceived(q);
        journalDir = Files.createTempDirectory("tradehost-journal-bench");
        journal = SqlJournal.open(journalDir.resolve("journal.db"), "bench", Durability.NORMAL, 65_536,
                completions::add, event -> {
                    if (event instanceof IntentRecorded) {
                        recorded.incrementAndGet();
                    }
                }, new SystemClock());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        journal.close();
        completions.clear();
    }

    /** Each default guard alone, to see which of the chain's costs is whose. */
    @State(Scope.Thread)
    public static class OneGuard {
        @Param({"trading-state", "max-order-notional", "symbol-exposure", "total-exposure", "leverage",
            "liquidation-buffer", "quote-quality", "order-rate"})
        public String guard;
        GuardChain chain;

        @Setup(Level.Trial)
        public void setUp() {
            GuardFactory f = BuiltIns.catalog().guards().stream().filter(g -> g.name().equals(guard)).findFirst()
                    .orElseThrow();
            chain = new GuardChain(List.of(new GuardChain.Named(guard, f.create(new PluginConfig("guards.config."
                    + guard, Map.of())))));
        }
    }

    @Benchmark
    public GuardChain.Result oneGuardPasses(OneGuard one) {
        GuardChain.Result r = one.chain.check(nextCheck());
        if (!r.allowed()) {
            throw new IllegalStateException("the benchmark's order was refused: " + r);
        }
        return r;
    }

    @Benchmark
    public Sizer.Sized sizeAnIntent() {
        return Sizer.size(intent, product, position, mark);
    }

    /**
     * The check of an order 1.1 s after the last (under the order-rate guard's 60 a minute) on a mark
     * of that instant with depth enough for the quote-quality guard: every guard passes. Building the
     * check (a quote, a mark, the record) is part of the figure, as it is in execution.
     */
    private OrderCheck nextCheck() {
        now += 1_100_000_000L;
        Quote q = new Quote(BTC, bid, depth, ask, depth, now);
        return new OrderCheck(order, product, Mark.of(q), position, equity, Money.ZERO, TradingState.ACTIVE, now);
    }

    @Benchmark
    public GuardChain.Result guardChainPasses() {
        GuardChain.Result r = guards.check(nextCheck());
        if (!r.allowed()) {
            throw new IllegalStateException("the benchmark's order was refused: " + r);
        }
        return r;
    }

    @Benchmark
    public List<Price> markIntoWindowAndReadBack() {
        book.update(marks[next++ & 1023]);
        return book.recentMarks(BTC);
    }

    @Benchmark
    public int kernelDispatchToThreeHandlers() {
        kernel.publish(quote);
        return kernel.runUntilIdle();
    }

    /**
     * An intent recorded by the live journal (file, writer thread, intent log) until its
     * {@code IntentRecorded}: the log's append, then the hand-off of the SQLite write. The writer's
     * outcomes run on this thread, as on the kernel thread (their cost is in the figure); should the
     * log be full, the answer waits for SQLite's commit.
     */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    public long journalIntentToRecorded() {
        long before = recorded.get();
        long n = ++sequence;
        journal.record(new RecordIntent(OrderRequest.market(ClientOrderId.of("bench-" + n), BTC, Side.BUY,
                Quantity.of("0.01")), n, n, n));
        while (recorded.get() == before) {
            Runnable outcome = completions.poll();
            if (outcome != null) {
                outcome.run();
            } else {
                Thread.onSpinWait();
            }
        }
        for (Runnable outcome = completions.poll(); outcome != null; outcome = completions.poll()) {
            outcome.run();
        }
        return n;
    }
}
