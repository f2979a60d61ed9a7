package io.tradehost.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.journal.PostgresLocation;
import io.tradehost.journal.SweepQueue;
import io.tradehost.testkit.PostgresServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sweep results} and {@code backtest --queue} on what they refuse: a sweep not complete, a point
 * that failed, a queue without a grid, no such sweep. (Two workers and the table equal to a local
 * sweep's: {@code SweepQueueIT}, on the image.)
 */
class SweepCommandTest {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(PostgresServer pg, String database, String... args) throws Exception {
        Path password = dir.resolve("password");
        Files.writeString(password, pg.password() + "\n");
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--queue", pg.url().replace("/postgres", "/" + database), "--queue-user", pg.user(),
                "--queue-password-file", password.toString()));
        return TradehostCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true),
                all.toArray(String[]::new));
    }

    @Test
    void resultsAreRefusedUntilEveryPointIsDoneAndAFailedPointIsNamed() throws Exception {
        PostgresServer pg = PostgresServer.shared();
        String database = "sweepcli_" + DATABASES.incrementAndGet();
        pg.execute("CREATE DATABASE " + database);
        try (SweepQueue q = SweepQueue.of(PostgresLocation.of(pg.url().replace("/postgres", "/" + database),
                pg.user(), pg.password(), "x"))) {
            assertThat(run(pg, database, "sweep", "results", "--id", "1")).isEqualTo(2);
            assertThat(err.toString()).contains("no sweep 1 in the queue");

            long broken = q.submit("{\"version\":1,\"data\":[]}", List.of(List.of("a=1")));
            assertThat(run(pg, database, "sweep", "results", "--id", Long.toString(broken))).isEqualTo(1);
            assertThat(err.toString()).contains("sweep " + broken + "'s description cannot be read: --data: give at"
                    + " least one file");

            String spec = "{\"version\":1,\"data\":[{\"path\":\"/x\",\"sha256\":\"00\"}],\"axes\":[\"a\"]}";
            long id = q.submit(spec, List.of(List.of("a=1"), List.of("a=2")));
            SweepQueue.Claim stale = q.claim("w0", java.time.Duration.ofMinutes(1)).orElseThrow();
            assertThat(stale.sweepId()).isEqualTo(broken);
            q.fail(stale, "cannot read");
            SweepQueue.Claim one = q.claim("w1", java.time.Duration.ofMinutes(1)).orElseThrow();
            q.complete(one, List.of("1", "2", "3", "4", "5", "6", "7"));
            err.getBuffer().setLength(0);
            assertThat(run(pg, database, "sweep", "results", "--id", Long.toString(id))).isEqualTo(1);
            assertThat(err.toString()).contains("sweep " + id + " is not complete: {done=1, pending=1} of 2 point(s)");

            SweepQueue.Claim two = q.claim("w2", java.time.Duration.ofMinutes(1)).orElseThrow();
            q.fail(two, "data file /x is not on this machine");
            err.getBuffer().setLength(0);
            assertThat(run(pg, database, "sweep", "results", "--id", Long.toString(id))).isEqualTo(1);
            assertThat(err.toString()).contains("point 2 (a=2) failed on w2: data file /x is not on this machine");
        }
        assertThat(out.toString() + err).doesNotContain(pg.password());
    }

    @Test
    void aQueueHoldsTheGridOfASweepOnly() throws Exception {
        PostgresServer pg = PostgresServer.shared();
        Path data = Files.writeString(dir.resolve("q.csv"), "ts,bid,ask\n1,1,2\n");
        assertThat(run(pg, "postgres", "backtest", "--data", data.toString(), "--symbol", "BTC-USD")).isEqualTo(2);
        assertThat(err.toString()).contains("give --sweep");
    }
}
