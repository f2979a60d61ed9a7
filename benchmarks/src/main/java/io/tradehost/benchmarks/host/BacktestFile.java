package io.tradehost.benchmarks.host;

import io.tradehost.api.value.Symbol;
import io.tradehost.app.backtest.Backtest;
import io.tradehost.app.backtest.BacktestSpec;
import io.tradehost.app.backtest.Progress;
import io.tradehost.backtest.report.Report;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One backtest of a data file in process, as {@code tradehost backtest} runs it but with the
 * built-in plugins from the class path, so that it can be profiled (JFR) and its phases timed: the
 * check of the data, the replay. The format comes from the file's header; {@code SYMBOL} names the
 * symbol of a file without a symbol column ({@code -} for none). Usage:
 * {@code BacktestFile FILE SYMBOL [KEY=VALUE...]}.
 */
public final class BacktestFile {
    private BacktestFile() {
    }

    public static void main(String[] args) {
        List<String> settings = Arrays.asList(args).subList(2, args.length);
        List<Symbol> symbols = args[1].equals("-") ? List.of() : List.of(Symbol.of(args[1]));
        BacktestSpec spec = new BacktestSpec(List.of(Path.of(args[0])), null, symbols,
                Long.MIN_VALUE, Long.MAX_VALUE, false, null, settings, 1);
        long start = System.nanoTime();
        Backtest backtest = new Backtest(spec, BuiltIns.catalog(), null);
        Backtest.Scan scan = backtest.scan();
        long scanned = System.nanoTime();
        Report report = backtest.run(scan, Progress.NONE);
        long replayed = System.nanoTime();
        System.out.printf(Locale.ROOT, "%,d events, %,d fills: check %.2f s, replay %.2f s (%,.0f events/s)%n",
                report.events(), report.fills(), (scanned - start) / 1e9, (replayed - scanned) / 1e9,
                report.events() / ((replayed - scanned) / 1e9));
    }
}
