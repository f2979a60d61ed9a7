package io.tradehost.benchmarks;

import io.tradehost.api.value.Money;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Ratio;
import java.math.RoundingMode;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The order path's value arithmetic, today's 128-bit-range values against the scaled longs with 8
 * decimals they replaced ({@link LegacyFixedPoint}): a BTC notional (whose intermediate the old
 * code could only hold in a BigDecimal), a SOL notional (small enough for the old long fast path),
 * sizing a notional into a quantity, an exposure ratio, a sum, and a notional beyond the old range
 * (the wide path). Both sides return a value object, as the order path does (the old values were
 * records over one long; {@link Legacy} stands for them). Run with {@code -prof gc} to see the bytes
 * each operation allocates: the result object only, 24 bytes, unless escape analysis removes it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ValueArithmeticBenchmark {
    private final Price btcPrice = Price.of("64250.5");
    private final Quantity btcSize = Quantity.of("0.5");
    private final Price solPrice = Price.of("150.25");
    private final Quantity solSize = Quantity.of("2");
    private final Money notional = Money.of("1000");
    private final Money equity = Money.of("100000");
    private final Money cash = Money.of("98765.4321");
    private final Quantity shibSize = Quantity.of("20000000000");
    private final Price shibPrice = Price.of("0.0000123456");
    private final Ratio fraction = Ratio.of("0.05");

    private final long legacyBtcPrice = LegacyFixedPoint.parse("64250.5");
    private final long legacyBtcSize = LegacyFixedPoint.parse("0.5");
    private final long legacySolPrice = LegacyFixedPoint.parse("150.25");
    private final long legacySolSize = LegacyFixedPoint.parse("2");
    private final long legacyNotional = LegacyFixedPoint.parse("1000");
    private final long legacyEquity = LegacyFixedPoint.parse("100000");
    private final long legacyCash = LegacyFixedPoint.parse("98765.4321");
    private final long legacyFraction = LegacyFixedPoint.parse("0.05");

    /** The old value types: a record over one scaled long. */
    public record Legacy(long raw) {
    }

    @Benchmark
    public Money btcNotional() {
        return btcPrice.times(btcSize);
    }

    @Benchmark
    public Legacy legacyBtcNotional() {
        return new Legacy(LegacyFixedPoint.multiply(legacyBtcPrice, legacyBtcSize, RoundingMode.HALF_EVEN));
    }

    @Benchmark
    public Money solNotional() {
        return solPrice.times(solSize);
    }

    @Benchmark
    public Legacy legacySolNotional() {
        return new Legacy(LegacyFixedPoint.multiply(legacySolPrice, legacySolSize, RoundingMode.HALF_EVEN));
    }

    @Benchmark
    public Quantity sizeFromNotional() {
        return notional.divide(btcPrice, RoundingMode.DOWN);
    }

    @Benchmark
    public Legacy legacySizeFromNotional() {
        return new Legacy(LegacyFixedPoint.divideScaled(legacyNotional, legacyBtcPrice, RoundingMode.DOWN));
    }

    @Benchmark
    public Ratio exposureShare() {
        return notional.ratioTo(equity);
    }

    @Benchmark
    public Legacy legacyExposureShare() {
        return new Legacy(LegacyFixedPoint.divideScaled(legacyNotional, legacyEquity, RoundingMode.HALF_EVEN));
    }

    @Benchmark
    public Money entryNotional() {
        return equity.times(fraction);
    }

    @Benchmark
    public Legacy legacyEntryNotional() {
        return new Legacy(LegacyFixedPoint.multiply(legacyEquity, legacyFraction, RoundingMode.HALF_EVEN));
    }

    @Benchmark
    public Money cashAfterFill() {
        return cash.minus(notional);
    }

    @Benchmark
    public Legacy legacyCashAfterFill() {
        return new Legacy(Math.subtractExact(legacyCash, legacyNotional));
    }

    /** 2 x 10^10 units at 1.23456 x 10^-5: beyond the old range (its raw quantity overflows a long). */
    @Benchmark
    public Money wideNotional() {
        return shibPrice.times(shibSize);
    }
}
