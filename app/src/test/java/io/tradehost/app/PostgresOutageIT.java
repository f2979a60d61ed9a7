package io.tradehost.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.app.host.SqliteFiles;
import io.tradehost.app.wiring.JournalStores;
import io.tradehost.testkit.PostgresServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image trading on the paper venue with its journal on a real PostgreSQL server, which is stopped
 * mid-run and started again: the host halts naming the journal, sends nothing while it is away, comes
 * back to ACTIVE by itself once the held writes are in and a reconciliation agrees, and at the end the
 * journal holds every order and fill the venue has, and {@code tradehost reconcile} agrees.
 */
class PostgresOutageIT {
    private static final long WAIT_SECONDS = 60;
    private static final String SCHEMA = "outage_it";

    @TempDir
    Path work;

    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private List<String> config(PostgresServer server, String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of("--data-dir", "data", "--seed", "11",
                "--set", "venue.config.tick_interval=\"10ms\"",
                "--set", "strategy.config.ma-crossover.short=2", "--set", "strategy.config.ma-crossover.long=3",
                "--set", "strategy.config.ma-crossover.allow_shorts=true",
                "--set", "guards.config.order-rate.per_second=10000",
                "--set", "guards.config.order-rate.per_minute=1000000",
                "--set", "journal.url=\"" + server.url() + "\"", "--set", "journal.user=\"" + server.user() + "\"",
                "--set", "journal.schema=\"" + SCHEMA + "\""));
        return args;
    }

    /** The next log line {@code wanted} matches, within the bound; every line read is kept. */
    private String await(String what, Predicate<String> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line != null) {
                seen.add(line);
                if (wanted.test(line)) {
                    return line;
                }
            }
        }
        throw new AssertionError("no " + what + " within " + WAIT_SECONDS + " s; the log's last lines:\n"
                + String.join("\n", seen.subList(Math.max(0, seen.size() - 40), seen.size())));
    }

    private static boolean sent(String line) {
        return line.matches(".*order \\S+ sent.*");
    }

    @Test
    void theHostHaltsWhileTheServerIsAwayAndResumesWithNothingLostWhenItIsBack() throws Exception {
        try (PostgresServer server = PostgresServer.start()) {
            Map<String, String> env = Map.of("TRADEHOST_LOG_LEVEL", "DEBUG",
                    JournalStores.PASSWORD_VARIABLE, server.password());
            Process host = ImageProcess.start(work, env, config(server, "run", "--duration", "300s"));
            host.getInputStream().close();
            Thread reader = Thread.ofVirtual().start(() -> {
                try (BufferedReader log = new BufferedReader(new InputStreamReader(host.getErrorStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = log.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    lines.add("log unreadable: " + e);
                }
            });
            try {
                for (int i = 0; i < 5; i++) {
                    await("order sent", PostgresOutageIT::sent);
                }
                server.stop();
                String halted = await("halt", l -> l.contains("trading state ") && l.contains("-> HALTED"));
                assertThat(halted).contains("journal.write_failed");
                int haltedAt = seen.size();
                server.resume();
                await("the journal back", l -> l.contains("is back (") && l.contains("held write(s) applied"));
                await("the halt lifted", l -> l.contains("trading-state reason cleared: journal.write_failed"));
                int backAt = seen.size();
                assertThat(seen.subList(haltedAt, backAt)).as("nothing sent while the journal was away")
                        .noneMatch(PostgresOutageIT::sent);
                for (int i = 0; i < 3; i++) {
                    await("an order sent after the recovery", PostgresOutageIT::sent);
                }
            } finally {
                host.destroy(); // SIGTERM: an orderly stop
                assertThat(host.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
                reader.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
            }
            lines.drainTo(seen);
            assertThat(host.exitValue()).as(String.join("\n", seen.subList(Math.max(0, seen.size() - 30), seen.size())))
                    .isZero();
            assertThat(String.join("\n", seen)).doesNotContain(server.password());

            Path venue = work.resolve("data/venue-paper/paper.db");
            assertThat(journal(server, "SELECT client_id FROM orders ORDER BY client_id"))
                    .as("every order the venue has was journaled before it was sent")
                    .containsAll(SqliteFiles.strings(venue, "SELECT client_id FROM orders ORDER BY client_id"));
            assertThat(journal(server, "SELECT trade_id FROM fills ORDER BY trade_id"))
                    .as("every venue fill in the journal, once")
                    .isEqualTo(SqliteFiles.strings(venue, "SELECT trade_id FROM fills ORDER BY trade_id")).isNotEmpty();
            assertThat(journal(server, "SELECT cash FROM account"))
                    .isEqualTo(SqliteFiles.strings(venue, "SELECT cash FROM account"));

            Process reconcile = ImageProcess.start(work, env, config(server, "reconcile"));
            String differences = ImageProcess.read(reconcile.getInputStream());
            ImageProcess.read(reconcile.getErrorStream());
            assertThat(reconcile.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(reconcile.exitValue()).as(differences).isZero();
        }
    }

    private static List<String> journal(PostgresServer server, String sql) throws Exception {
        return server.strings(SCHEMA, sql);
    }
}
