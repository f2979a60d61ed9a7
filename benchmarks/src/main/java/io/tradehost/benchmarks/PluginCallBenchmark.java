package io.tradehost.benchmarks;

import io.tradehost.api.host.PluginCalls;
import io.tradehost.kernel.isolation.WorkerCalls;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What isolation costs one decision: the same small strategy body (a 20-mark moving average)
 * called inline on the caller's thread, and handed to a worker thread of its own and waited for,
 * as the kernel calls a drop-in strategy. Sample time gives the percentiles: a hand-off is a
 * wake-up of another thread, whose latency the operating system decides.
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PluginCallBenchmark {
    private final double[] marks = new double[20];
    private PluginCalls inline;
    private PluginCalls isolated;
    private Supplier<Double> decide;

    @Setup(Level.Trial)
    public void start() {
        for (int i = 0; i < marks.length; i++) {
            marks[i] = 64_000 + i * 3.5;
        }
        decide = () -> {
            double sum = 0;
            for (double m : marks) {
                sum += m;
            }
            return sum / marks.length;
        };
        inline = PluginCalls.inline(System::nanoTime, Duration.ofMillis(5));
        isolated = new WorkerCalls("plugin strategy bench BTC-PERP", Duration.ofMillis(5), Duration.ofSeconds(1));
    }

    @TearDown(Level.Trial)
    public void stop() {
        isolated.close();
    }

    @Benchmark
    public Object inlineDecision() {
        return inline.call(decide);
    }

    @Benchmark
    public Object isolatedDecision() {
        return isolated.call(decide);
    }

    @Benchmark
    public double bareDecision() {
        return decide.get();
    }
}
