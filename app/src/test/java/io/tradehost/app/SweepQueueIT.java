package io.tradehost.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.app.backtest.MarketData;
import io.tradehost.app.cli.QueueOptions;
import io.tradehost.testkit.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep across machines with the image: the grid queued in a real PostgreSQL server, two workers, the
 * first SIGKILLed in the middle of a point; the second takes that point again once its lease ran out,
 * runs the rest, and exits when the queue is drained. {@code sweep results} then writes a
 * {@code sweep.csv} equal, byte for byte, to the one the same sweep writes run locally.
 */
class SweepQueueIT {
    private static final long WAIT_SECONDS = 180;
    private static final Pattern CLAIMED = Pattern.compile("sweep (\\d+) point (\\d+) \\(attempt 1\\)");
    private static final List<String> AXES = List.of("--sweep", "strategy.config.ma-crossover.short=3,5",
            "--sweep", "strategy.config.ma-crossover.long=10,20");

    @TempDir
    Path work;

    private static Process start(Path work, Map<String, String> env, List<String> args) throws Exception {
        Process p = ImageProcess.start(work, env, args);
        p.getOutputStream().close();
        return p;
    }

    @Test
    void twoWorkersOneKilledMidPointGiveTheLocalSweepsTableRowForRow() throws Exception {
        Path quotes = work.resolve("quotes.csv.gz");
        MarketData.generateQuotes(quotes, 200_000, 5, List.of("BTC-PERP"));
        try (PostgresServer pg = PostgresServer.start()) {
            Map<String, String> env = Map.of(QueueOptions.PASSWORD_VARIABLE, pg.password());
            List<String> queueArgs = List.of("--queue", pg.url(), "--queue-user", pg.user());

            List<String> submit = new ArrayList<>(List.of("backtest", "--data", quotes.toString()));
            submit.addAll(AXES);
            submit.addAll(queueArgs);
            Process submitted = start(work, env, submit);
            String said = ImageProcess.read(submitted.getInputStream());
            String submitLog = ImageProcess.read(submitted.getErrorStream());
            assertThat(submitted.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(submitted.exitValue()).as(said + submitLog).isZero();
            Matcher queued = Pattern.compile("sweep (\\d+): 4 points queued").matcher(said);
            assertThat(queued.find()).as(said).isTrue();
            String id = queued.group(1);

            List<String> worker = new ArrayList<>(List.of("worker", "--lease", "2s", "--poll", "200ms",
                    "--until-drained"));
            worker.addAll(queueArgs);
            List<String> first = new ArrayList<>(worker);
            first.addAll(List.of("--name", "first"));
            Process a = start(work, env, first);
            a.getInputStream().close();
            ProcessLog logA = new ProcessLog(a, WAIT_SECONDS);
            Matcher claimed = CLAIMED.matcher(logA.await("a claimed point", CLAIMED));
            assertThat(claimed.find()).isTrue();
            String killedPoint = claimed.group(2);
            assertThat(new ProcessBuilder("kill", "-KILL", Long.toString(a.pid())).start().waitFor()).isZero();
            assertThat(a.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(logA.last(Pattern.compile("point " + killedPoint + " done"))).as("killed in the middle")
                    .isNull();

            List<String> second = new ArrayList<>(worker);
            second.addAll(List.of("--name", "second"));
            Process b = start(work, env, second);
            b.getInputStream().close();
            ProcessLog logB = new ProcessLog(b, WAIT_SECONDS);
            assertThat(b.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(b.exitValue()).as(logB.tail()).isZero();
            logB.await("the killed point run again", Pattern.compile("sweep " + id + " point " + killedPoint
                    + " \\(attempt 2\\)"));

            assertThat(pg.strings("tradehost_sweeps", "SELECT worker || ':' || attempts || ':' || state FROM points"
                    + " WHERE sweep_id = " + id + " AND point = " + killedPoint)).containsExactly("second:2:done");

            Path distributed = work.resolve("distributed");
            List<String> results = new ArrayList<>(List.of("sweep", "results", "--id", id, "--report",
                    distributed.toString()));
            results.addAll(queueArgs);
            Process r = start(work, env, results);
            String table = ImageProcess.read(r.getInputStream());
            String resultsLog = ImageProcess.read(r.getErrorStream());
            assertThat(r.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(r.exitValue()).as(table + resultsLog).isZero();

            Path local = work.resolve("local");
            List<String> alone = new ArrayList<>(List.of("backtest", "--data", quotes.toString(), "--report",
                    local.toString(), "--threads", "2"));
            alone.addAll(AXES);
            Process l = start(work, env, alone);
            String localSaid = ImageProcess.read(l.getInputStream());
            String localLog = ImageProcess.read(l.getErrorStream());
            assertThat(l.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(l.exitValue()).as(localSaid + localLog).isZero();

            String expected = Files.readString(local.resolve("sweep.csv"));
            assertThat(expected.lines()).hasSize(5);
            assertThat(Files.readString(distributed.resolve("sweep.csv"))).as("row for row, byte for byte")
                    .isEqualTo(expected);
        }
    }
}
