package io.tradehost.app.cli;

import io.tradehost.api.host.PrintableText;
import io.tradehost.app.backtest.Sweep;
import io.tradehost.app.backtest.SweepJob;
import io.tradehost.app.config.ConfigError;
import io.tradehost.journal.JournalException;
import io.tradehost.journal.SweepQueue;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tradehost sweep}: what became of a queued sweep. */
@Command(name = "sweep", mixinStandardHelpOptions = true, subcommands = SweepCommand.Results.class,
        description = "Queued sweeps (see `backtest --sweep ... --queue URL` and `worker`).")
public final class SweepCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    /** Picocli instantiates it. */
    public SweepCommand() {
        // fields are injected by picocli
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code tradehost sweep results}: the comparison table of a queued sweep, as a local sweep writes it. */
    @Command(name = "results", mixinStandardHelpOptions = true,
            description = "Print a queued sweep's comparison table and, with --report, write DIR/sweep.csv: the same"
                    + " file a local sweep writes (exit 0 when every point is done, 1 while some are not, or failed).")
    public static final class Results implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private QueueOptions queue;

        @Option(names = "--id", paramLabel = "N", required = true, description = "The sweep's id (printed when queued)")
        private long id;

        @Option(names = "--report", paramLabel = "DIR", description = "Write sweep.csv here")
        private Path report;

        /** Picocli instantiates it. */
        public Results() {
            // fields are injected by picocli
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            List<SweepQueue.Point> points;
            SweepJob job;
            try (SweepQueue q = queue.open(System.getenv())) {
                String description = q.spec(id).orElseThrow(() -> new ConfigError("--id", "no sweep " + id
                        + " in the queue"));
                job = SweepJob.parse(description);
                points = q.points(id);
            } catch (JournalException e) {
                err.println("tradehost: cannot read the queue: " + PrintableText.clip(e.getMessage(), 400));
                err.flush();
                return TradehostCommand.EXIT_FAILURE;
            } catch (IllegalArgumentException e) {
                err.println("tradehost: sweep " + id + "'s description cannot be read: "
                        + PrintableText.escape(PrintableText.clip(e.getMessage(), 400)));
                err.flush();
                return TradehostCommand.EXIT_FAILURE;
            }
            Map<String, Integer> states = new TreeMap<>();
            List<Sweep.Row> rows = new ArrayList<>();
            for (SweepQueue.Point p : points) {
                states.merge(p.state(), 1, Integer::sum);
                if (p.state().equals("done")) {
                    if (p.figures().size() != Sweep.FIGURES || p.settings().size() != job.axes().size()) {
                        err.println("tradehost: point " + p.index() + " of sweep " + id + " holds " + p.figures().size()
                                + " figures and " + p.settings().size() + " settings (expected " + Sweep.FIGURES
                                + " and " + job.axes().size() + "): written by another version of tradehost?");
                        err.flush();
                        return TradehostCommand.EXIT_FAILURE;
                    }
                    rows.add(new Sweep.Row(p.settings(), p.figures()));
                } else if (p.state().equals("failed")) {
                    err.println("tradehost: point " + p.index() + " (" + PrintableText.escape(String.join(" ",
                            p.settings())) + ") failed on " + PrintableText.escape(String.valueOf(p.worker())) + ": "
                            + PrintableText.escape(PrintableText.clip(String.valueOf(p.error()), 400)));
                }
            }
            if (rows.size() != points.size()) {
                err.println("tradehost: sweep " + id + " is not complete: " + states + " of " + points.size()
                        + " point(s)");
                err.flush();
                return TradehostCommand.EXIT_FAILURE;
            }
            String csv = Sweep.csvOf(job.axes(), rows);
            Sweep.table(csv).lines().map(PrintableText::escape).forEach(out::println); // rows from the queue: data
            if (report != null) {
                Sweep.writeCsv(report, csv);
                out.println("sweep " + id + ": " + rows.size() + " points; table in " + report.resolve("sweep.csv"));
            }
            out.flush();
            return 0;
        }
    }
}
