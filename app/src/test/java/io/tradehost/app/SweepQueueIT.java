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
 * A sweep across machines with the image: the grid queued in a real PostgreSQL server, a first worker
 * SIGKILLed in the middle of a point; two more, together, take that point again once its lease ran
 * out and run the rest, each point longer than a third of their 3 s lease (so that their leases are
 * extended, and no other point is claimed twice), and exit when the queue is drained. {@code sweep results}
 * then writes a {@code sweep.csv} equal, byte for byte, to the one the same sweep writes run locally.
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

    /** A command run to its end: its exit status, what it printed, and its log (read as it goes: never blocked). */
    private record Finished(int exit, String out, String log) {
    }

    private static Finished runToEnd(Path work, Map<String, String> env, List<String> args) throws Exception {
        Process p = start(work, env, args);
        ProcessLog log = new ProcessLog(p, WAIT_SECONDS);
        String out = ImageProcess.read(p.getInputStream());
        assertThat(p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).as(String.join(" ", args)).isTrue();
        log.awaitEnd();
        return new Finished(p.exitValue(), out, log.tail());
    }

    @Test
    void twoWorkersOneKilledMidPointGiveTheLocalSweepsTableRowForRow() throws Exception {
        Path quotes = work.resolve("quotes.csv.gz");
        MarketData.generateQuotes(quotes, 400_000, 5, List.of("BTC-PERP"));
        try (PostgresServer pg = PostgresServer.start()) {
            Map<String, String> env = Map.of(QueueOptions.PASSWORD_VARIABLE, pg.password());
            Map<String, String> workerEnv = Map.of(QueueOptions.PASSWORD_VARIABLE, pg.password(),
                    "TRADEHOST_LOG_LEVEL", "DEBUG"); // the lease extensions are DEBUG lines
            List<String> queueArgs = List.of("--queue", pg.url(), "--queue-user", pg.user());

            List<String> submit = new ArrayList<>(List.of("backtest", "--data", quotes.toString()));
            submit.addAll(AXES);
            submit.addAll(queueArgs);
            Finished submitted = runToEnd(work, env, submit);
            assertThat(submitted.exit()).as(submitted.out() + submitted.log()).isZero();
            Matcher queued = Pattern.compile("sweep (\\d+): 4 points queued").matcher(submitted.out());
            assertThat(queued.find()).as(submitted.out()).isTrue();
            String id = queued.group(1);

            List<String> worker = new ArrayList<>(List.of("worker", "--lease", "3s", "--poll", "100ms",
                    "--until-drained"));
            worker.addAll(queueArgs);
            List<String> first = new ArrayList<>(worker);
            first.addAll(List.of("--name", "first"));
            Process a = start(work, workerEnv, first);
            a.getInputStream().close();
            ProcessLog logA = new ProcessLog(a, WAIT_SECONDS);
            Matcher claimed = CLAIMED.matcher(logA.await("a claimed point", CLAIMED));
            assertThat(claimed.find()).isTrue();
            String killedPoint = claimed.group(2);
            assertThat(new ProcessBuilder("kill", "-KILL", Long.toString(a.pid())).start().waitFor()).isZero();
            assertThat(a.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            logA.awaitEnd();
            assertThat(logA.any(Pattern.compile("point " + killedPoint + " done"))).as("killed in the middle")
                    .isFalse();

            List<Process> others = new ArrayList<>();
            List<ProcessLog> logs = new ArrayList<>();
            for (String name : List.of("second", "third")) {
                List<String> args = new ArrayList<>(worker);
                args.addAll(List.of("--name", name));
                Process p = start(work, workerEnv, args);
                p.getInputStream().close();
                others.add(p);
                logs.add(new ProcessLog(p, WAIT_SECONDS));
            }
            for (int i = 0; i < others.size(); i++) {
                assertThat(others.get(i).waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
                logs.get(i).awaitEnd();
                assertThat(others.get(i).exitValue()).as(logs.get(i).tail()).isZero();
            }
            Pattern again = Pattern.compile("sweep " + id + " point " + killedPoint + " \\(attempt 2\\)");
            assertThat(logs.stream().filter(l -> l.any(again))).as("the killed point run again, once").hasSize(1);
            assertThat(logs.stream().filter(l -> l.any(Pattern.compile("lease extended")))).as("leases extended")
                    .isNotEmpty();

            List<String> points = pg.strings("tradehost_sweeps", "SELECT point || ':' || attempts || ':' || state"
                    + " FROM points WHERE sweep_id = " + id + " ORDER BY point");
            assertThat(points).hasSize(4).allSatisfy(p -> assertThat(p).endsWith(":done"));
            assertThat(points).as("only the killed point claimed twice: every other lease held")
                    .containsExactlyElementsOf(List.of(1, 2, 3, 4).stream().map(n -> n + ":"
                            + (n == Integer.parseInt(killedPoint) ? 2 : 1) + ":done").toList());

            Path distributed = work.resolve("distributed");
            List<String> results = new ArrayList<>(List.of("sweep", "results", "--id", id, "--report",
                    distributed.toString()));
            results.addAll(queueArgs);
            Finished r = runToEnd(work, env, results);
            assertThat(r.exit()).as(r.out() + r.log()).isZero();

            Path local = work.resolve("local");
            List<String> alone = new ArrayList<>(List.of("backtest", "--data", quotes.toString(), "--report",
                    local.toString(), "--threads", "2"));
            alone.addAll(AXES);
            Finished l = runToEnd(work, env, alone);
            assertThat(l.exit()).as(l.out() + l.log()).isZero();

            String expected = Files.readString(local.resolve("sweep.csv"));
            assertThat(expected.lines()).hasSize(5);
            assertThat(Files.readString(distributed.resolve("sweep.csv"))).as("row for row, byte for byte")
                    .isEqualTo(expected);
        }
    }
}
