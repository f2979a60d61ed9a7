package io.tradehost.app.backtest;

import io.tradehost.api.value.Symbol;
import io.tradehost.backtest.tape.CsvTape;
import io.tradehost.backtest.tape.Tape;
import io.tradehost.backtest.tape.TapeException;
import io.tradehost.backtest.tape.TapeFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What one backtest replays and how. Immutable.
 *
 * @param data the recorded files, in the order ties are broken
 * @param format their format, or null to read it from each file's header
 * @param symbols the symbol of each file without a symbol column: one for all, or one per file; may be empty
 * @param fromNanos the first instant replayed, {@link Long#MIN_VALUE} for the start
 * @param toNanos the instant replay stops at (exclusive), {@link Long#MAX_VALUE} for the end
 * @param skipBadRows skip and count bad rows instead of stopping at the first
 * @param config the configuration file, or null for the embedded defaults
 * @param overrides {@code KEY=VALUE} settings applied on top, in order
 * @param seed the run's seed
 */
public record BacktestSpec(List<Path> data, TapeFormat format, List<Symbol> symbols, long fromNanos, long toNanos,
                           boolean skipBadRows, Path config, List<String> overrides, long seed) {
    public BacktestSpec {
        data = List.copyOf(data);
        symbols = List.copyOf(symbols);
        overrides = List.copyOf(overrides);
        if (data.isEmpty()) {
            throw new IllegalArgumentException("--data: give at least one file");
        }
        if (symbols.size() > 1 && symbols.size() != data.size()) {
            throw new IllegalArgumentException("--symbol: give one for every file, or one for all (" + data.size()
                    + " files, " + symbols.size() + " symbols)");
        }
    }

    /** The same replay with {@code more} settings after these. */
    public BacktestSpec withOverrides(List<String> more) {
        List<String> all = new ArrayList<>(overrides);
        all.addAll(more);
        return new BacktestSpec(data, format, symbols, fromNanos, toNanos, skipBadRows, config, all, seed);
    }

    /**
     * Opens the files as one tape.
     *
     * @throws TapeException naming the file (and line) that cannot be read
     */
    public Tape openTape() {
        List<CsvTape> files = new ArrayList<>();
        try {
            for (int i = 0; i < data.size(); i++) {
                Symbol symbol = symbols.isEmpty() ? null : symbols.get(symbols.size() == 1 ? 0 : i);
                files.add(CsvTape.open(data.get(i), format, symbol, skipBadRows));
            }
        } catch (RuntimeException e) {
            files.forEach(CsvTape::close);
            throw e;
        }
        return new Tape(files, fromNanos, toNanos);
    }
}
