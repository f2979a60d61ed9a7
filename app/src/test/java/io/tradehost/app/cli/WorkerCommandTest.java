package io.tradehost.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.app.backtest.MarketData;
import io.tradehost.testkit.PostgresServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A queued sweep end to end in one JVM, each test in a database of its own on the shared PostgreSQL
 * server: queued, run by a worker until drained, and collected into the same {@code sweep.csv} as the
 * local sweep; a point whose settings fail fails alone, named by {@code sweep results}; a worker that
 * cannot read the data hands the points back and stops. (Workers on images, one SIGKILLed:
 * {@code SweepQueueIT}.)
 */
class WorkerCommandTest {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private PostgresServer pg;
    private List<String> queue;
    private Path quotes;

    @BeforeEach
    void queue() throws Exception {
        pg = PostgresServer.shared();
        String database = "workers_" + DATABASES.incrementAndGet();
        pg.execute("CREATE DATABASE " + database);
        Path password = Files.writeString(dir.resolve("password"), pg.password() + "\n");
        queue = List.of("--queue", pg.url().replace("/postgres", "/" + database), "--queue-user", pg.user(),
                "--queue-password-file", password.toString());
        quotes = dir.resolve("q.csv.gz");
        MarketData.generateQuotes(quotes, 5_000, 3, List.of("BTC-PERP"));
    }

    private int run(List<String> args, boolean toQueue) {
        List<String> all = new ArrayList<>(args);
        if (toQueue) {
            all.addAll(queue);
        }
        return TradehostCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true),
                all.toArray(String[]::new));
    }

    private String submit(String... sweeps) {
        List<String> args = new ArrayList<>(List.of("backtest", "--data", quotes.toString()));
        for (String s : sweeps) {
            args.addAll(List.of("--sweep", s));
        }
        out.getBuffer().setLength(0);
        assertThat(run(args, true)).as(err.toString()).isZero();
        Matcher m = Pattern.compile("sweep (\\d+): (\\d+) points queued").matcher(out.toString());
        assertThat(m.find()).as(out.toString()).isTrue();
        return m.group(1);
    }

    private int work() {
        return run(List.of("worker", "--until-drained", "--poll", "10ms", "--lease", "10s", "--name", "w1"), true);
    }

    @Test
    void aQueuedSweepRunByAWorkerGivesTheLocalSweepsTable() throws Exception {
        String id = submit("strategy.config.ma-crossover.short=3,5", "strategy.config.ma-crossover.long=10");
        assertThat(out.toString()).contains("sweep " + id + ": 2 points queued");
        assertThat(work()).as(err.toString()).isZero();

        Path distributed = dir.resolve("distributed");
        out.getBuffer().setLength(0);
        assertThat(run(List.of("sweep", "results", "--id", id, "--report", distributed.toString()), true))
                .as(err.toString()).isZero();
        assertThat(out.toString()).contains("sweep " + id + ": 2 points; table in");

        Path local = dir.resolve("local");
        assertThat(run(List.of("backtest", "--data", quotes.toString(), "--report", local.toString(),
                "--sweep", "strategy.config.ma-crossover.short=3,5", "--sweep", "strategy.config.ma-crossover.long=10"),
                false)).as(err.toString()).isZero();
        assertThat(Files.readString(distributed.resolve("sweep.csv")))
                .isEqualTo(Files.readString(local.resolve("sweep.csv"))).contains("\n1,3,10,", "\n2,5,10,");
    }

    @Test
    void aPointWhoseSettingsFailFailsAloneAndIsNamed() throws Exception {
        String id = submit("strategy.config.ma-crossover.short=3,-1");
        assertThat(work()).as(err.toString()).isZero();
        err.getBuffer().setLength(0);
        assertThat(run(List.of("sweep", "results", "--id", id), true)).isEqualTo(1);
        assertThat(err.toString()).contains("point 2 (strategy.config.ma-crossover.short=-1) failed on w1:")
                .contains("sweep " + id + " is not complete: {done=1, failed=1} of 2 point(s)");
    }

    @Test
    void aWorkerThatCannotReadTheDataHandsThePointsBackAndStops() throws Exception {
        submit("strategy.config.ma-crossover.short=3,5,7");
        Files.write(quotes, new byte[] {1, 2, 3}); // other bytes than the submitter's
        err.getBuffer().setLength(0);
        assertThat(work()).isEqualTo(1);
        assertThat(run(List.of("worker", "--lease", "10ms"), true)).as("a lease too short to hold").isEqualTo(2);
        assertThat(err.toString()).contains("--lease");
    }

    @Test
    void aQueuedSweepNeedsNoReportAndSaysSo() {
        assertThat(run(List.of("backtest", "--data", quotes.toString(), "--report", dir.resolve("r").toString(),
                "--sweep", "strategy.config.ma-crossover.short=3,5"), true)).isEqualTo(2);
        assertThat(err.toString()).contains("sweep results --report");
    }
}
