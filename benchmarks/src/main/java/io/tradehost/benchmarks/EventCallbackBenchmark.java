package io.tradehost.benchmarks;

import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.event.MarkUpdated;
import io.tradehost.api.host.PluginCalls;
import io.tradehost.api.host.PluginIsolation;
import io.tradehost.api.market.Mark;
import io.tradehost.api.market.Quote;
import io.tradehost.api.strategy.event.EventStrategy;
import io.tradehost.api.strategy.event.EventStrategyFactory;
import io.tradehost.api.strategy.event.Restored;
import io.tradehost.api.strategy.event.StrategyHost;
import io.tradehost.api.value.Money;
import io.tradehost.coordinator.strategy.CycleMode;
import io.tradehost.coordinator.strategy.StrategyCoordinator;
import io.tradehost.coordinator.strategy.StrategySettings;
import io.tradehost.kernel.Kernel;
import io.tradehost.kernel.VirtualClock;
import io.tradehost.kernel.isolation.WorkerCalls;
import io.tradehost.testkit.Fixtures;
import io.tradehost.testkit.ScriptedVenue;
import io.tradehost.testkit.StubMarket;
import io.tradehost.testkit.StubPortfolio;
import io.tradehost.testkit.StubTradingState;
import io.tradehost.testkit.StubVenueAccess;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * What one event-api callback costs the kernel thread: a validated quote handed by the real strategy
 * coordinator to an event-driven strategy that reads the bid (its callback body: nothing), inline as
 * a built-in runs, and isolated on a worker of its own as a drop-in runs. It includes the quote view
 * built from the mark, the call's batch and its supervision.
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EventCallbackBenchmark {
    @Param({"inline", "isolated"})
    public String mode;

    private StrategyCoordinator coordinator;
    private MarkUpdated quote;
    private WorkerCalls worker;
    /** Written by the strategy, on the worker when isolated: volatile so that the check at the end sees it. */
    private volatile long seen;

    @Setup(Level.Trial)
    public void start() {
        VirtualClock clock = new VirtualClock(Fixtures.EPOCH);
        Kernel kernel = new Kernel(clock);
        ScriptedVenue venue = new ScriptedVenue(List.of(Fixtures.perpetual("BTC-PERP")));
        StubMarket market = new StubMarket();
        Mark mark = Fixtures.mark("BTC-PERP", "64000");
        market.put(mark);
        quote = new MarkUpdated(mark);
        PluginIsolation isolation = (kind, name, instance) -> {
            if ("inline".equals(mode)) {
                return PluginCalls.inline(System::nanoTime, Duration.ofMillis(5));
            }
            worker = new WorkerCalls("plugin strategy bench", Duration.ofMillis(5), Duration.ofSeconds(1));
            return worker;
        };
        EventStrategyFactory factory = new EventStrategyFactory() {
            @Override
            public String name() {
                return "reader";
            }

            @Override
            public String description() {
                return "reads each quote";
            }

            @Override
            public EventStrategy createEventStrategy(PluginConfig config) {
                return new EventStrategy() {
                    @Override
                    public void onStart(StrategyHost host, Restored restored) {
                        host.subscribeQuotes(host.symbols().getFirst());
                    }

                    @Override
                    public void onQuote(Quote q) {
                        seen += q.bid().isPositive() ? 1 : 0;
                    }
                };
            }
        };
        coordinator = new StrategyCoordinator(StrategySettings.single("reader", PluginConfig.empty("s"),
                CycleMode.ON_MARK, Duration.ofSeconds(5)), List.of(factory), new StubVenueAccess(venue,
                venue.products()), market, new StubPortfolio(Money.of("10000")), new StubTradingState(), kernel, kernel,
                clock, kernel, isolation);
        coordinator.initialize();
        coordinator.start();
        kernel.advanceBy(Duration.ZERO); // event strategies start once start-up is dispatched
    }

    @TearDown(Level.Trial)
    public void stop() {
        coordinator.stop();
        if (seen == 0) {
            throw new IllegalStateException("the strategy never heard a quote");
        }
    }

    @Benchmark
    public long quoteToCallback() {
        coordinator.onMark(quote);
        return seen;
    }
}
