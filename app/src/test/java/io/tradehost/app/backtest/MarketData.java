package io.tradehost.app.backtest;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * Market data for the backtest tests: real files from the ta4j-examples jar (test scope), a
 * generated market, and the figures of a file worked out independently of the host's reader.
 */
public final class MarketData {
    /** What a file holds of one symbol, computed here with plain string splitting and BigDecimal. */
    public record Expected(long events, long firstSecond, long lastSecond, BigDecimal min, BigDecimal max, BigDecimal first,
                    BigDecimal last) {
    }

    private MarketData() {
    }

    /** 100 000 Bitstamp BTC/USD trades from 25 Nov 2013, {@code timestamp,price,amount} in epoch seconds. */
    static Path bitstampTrades(Path dir) {
        return copy("bitstamp_trades_from_20131125_usd.csv", dir);
    }

    /** Apple's daily bars of 2013, {@code date,open,high,low,close,volume}. */
    static Path appleBars(Path dir) {
        return copy("appleinc_bars_from_20130101_usd.csv", dir);
    }

    private static Path copy(String resource, Path dir) {
        Path target = dir.resolve(resource);
        try (InputStream in = ClassLoader.getSystemClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test class path (org.ta4j:ta4j-examples)");
            }
            Files.copy(in, target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The figures of a {@code timestamp,price,...} file with epoch seconds (after a header line). */
    static Expected tradesFigures(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        BigDecimal min = null;
        BigDecimal max = null;
        BigDecimal first = null;
        BigDecimal last = null;
        long firstSecond = 0;
        long lastSecond = 0;
        long events = 0;
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",");
            BigDecimal price = new BigDecimal(f[1]);
            long second = Long.parseLong(f[0]);
            if (events == 0) {
                first = price;
                firstSecond = second;
            }
            last = price;
            lastSecond = second;
            min = min == null || price.compareTo(min) < 0 ? price : min;
            max = max == null || price.compareTo(max) > 0 ? price : max;
            events++;
        }
        return new Expected(events, firstSecond, lastSecond, min, max, first, last);
    }

    /**
     * Writes {@code events} quotes ({@code timestamp,symbol,bid,ask,bid_size,ask_size}, epoch
     * milliseconds, gzip) of seeded random walks over {@code symbols}, a tick of 0.01, and returns
     * each symbol's figures (mid prices) as the generator saw them.
     */
    public static Map<String, Expected> generateQuotes(Path file, int events, long seed, List<String> symbols) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, Long> mids = new TreeMap<>();
        symbols.forEach(s -> mids.put(s, 100_000L + 1_000L * s.length()));
        Map<String, long[]> figures = new TreeMap<>();
        long start = Instant.parse("2026-01-05T00:00:00Z").toEpochMilli();
        try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(
                Files.newOutputStream(file), 1 << 16), StandardCharsets.UTF_8), 1 << 16)) {
            out.write("timestamp,symbol,bid,ask,bid_size,ask_size\n");
            long time = start;
            for (int i = 0; i < events; i++) {
                time += random.nextInt(400);
                String symbol = symbols.get(random.nextInt(symbols.size()));
                long mid = Math.max(1_000, mids.get(symbol) + random.nextInt(-30, 31));
                mids.put(symbol, mid);
                long half = 1 + random.nextInt(3);
                out.write(time + "," + symbol + "," + cents(mid - half) + "," + cents(mid + half) + ",500,500\n");
                long[] f = figures.computeIfAbsent(symbol, s -> new long[] {0, 0, 0, Long.MAX_VALUE, Long.MIN_VALUE, 0,
                    0});
                if (f[0] == 0) {
                    f[1] = time;
                    f[5] = mid;
                }
                f[0]++;
                f[2] = time;
                f[3] = Math.min(f[3], mid);
                f[4] = Math.max(f[4], mid);
                f[6] = mid;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Expected> expected = new TreeMap<>();
        figures.forEach((s, f) -> expected.put(s, new Expected(f[0], f[1], f[2], money(f[3]), money(f[4]), money(f[5]),
                money(f[6]))));
        return expected;
    }

    private static String cents(long value) {
        return money(value).toPlainString();
    }

    private static BigDecimal money(long cents) {
        return BigDecimal.valueOf(cents).divide(BigDecimal.valueOf(100), 2, RoundingMode.UNNECESSARY);
    }
}
