package io.tradehost.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradehost.app.host.SqliteFiles;
import io.tradehost.app.host.TestJournal;
import io.tradehost.api.value.Quantity;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the real host (the jlink image, on the paper venue, with its data directory) with SIGKILL
 * again and again while it trades, restarts it on the same data each time, and then checks what a
 * crash must never do: place a client order id twice at the venue, lose or double a fill, or leave
 * the journal's positions and cash different from the venue's. Kill points are chosen without
 * timers: the test reads the host's log and kills it right after its k-th order went out, for a
 * seeded random k, so kills land during placement, between the venue's acknowledgement and the
 * journal's write, and in the middle of fills. Figures go to {@code target/crash-report.txt}.
 */
class CrashIT {
    private static final int KILLS = Integer.getInteger("tradehost.crash.kills", 30);
    /** Fewer on PostgreSQL: the same code paths but for the store, and CI's time is shared. */
    private static final int POSTGRES_KILLS = Integer.getInteger("tradehost.crash.postgres.kills", 12);
    private static final Pattern SENT = Pattern.compile("order (\\S+) sent");
    private static final Pattern REPAIR = Pattern.compile("reconciliation at start-up: (\\w+) ");
    private static final List<String> CONFIG = List.of("--seed", "11",
            "--set", "venue.config.tick_interval=\"10ms\"",
            "--set", "strategy.config.ma-crossover.short=2", "--set", "strategy.config.ma-crossover.long=3",
            "--set", "strategy.config.ma-crossover.allow_shorts=true",
            "--set", "guards.config.order-rate.per_second=10000", "--set", "guards.config.order-rate.per_minute=1000000");

    @TempDir
    Path workDir;

    private TestJournal journal;

    private Process start(List<String> args) throws IOException {
        Map<String, String> env = new java.util.HashMap<>(journal.environment());
        env.put("TRADEHOST_LOG_LEVEL", "DEBUG");
        // the image starts from its own AOT cache (lib/tradehost.aot): each restart takes about half the time
        return ImageProcess.start(workDir, env, args);
    }

    /** The journal's settings as {@code --set} options. */
    private List<String> journalSettings() {
        List<String> out = new ArrayList<>();
        journal.overrides().forEach(o -> out.addAll(List.of("--set", o)));
        return out;
    }

    private List<String> run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data-dir", "data"));
        all.addAll(CONFIG);
        all.addAll(journalSettings());
        return all;
    }

    @Test
    void killingTheHostAtAnyPointNeitherDuplicatesNorLosesAnything() throws Exception {
        journal = TestJournal.sqlite();
        killAndCheck(KILLS, "target/crash-report.txt");
    }

    @Test
    void killingAHostWhoseJournalIsOnPostgresqlNeitherDuplicatesNorLosesAnything() throws Exception {
        journal = TestJournal.postgres("crash");
        killAndCheck(POSTGRES_KILLS, "target/crash-report-postgresql.txt");
    }

    private void killAndCheck(int kills, String reportFile) throws Exception {
        Random random = new Random(20261124L);
        Map<String, Integer> repairs = new TreeMap<>();
        int sentBeforeKills = 0;
        for (int kill = 1; kill <= kills; kill++) {
            int after = 1 + random.nextInt(25);
            Process host = start(run("run", "--duration", "120s"));
            host.getInputStream().close();
            BufferedReader log = new BufferedReader(new InputStreamReader(host.getErrorStream(), StandardCharsets.UTF_8));
            int sent = 0;
            String line;
            while ((line = log.readLine()) != null) {
                countRepairs(line, repairs);
                if (SENT.matcher(line).find() && ++sent == after) {
                    sigkill(host);
                    break;
                }
            }
            assertThat(line).as("kill %d: the host ended before its %dth order", kill, after).isNotNull();
            drain(log, repairs);
            assertThat(host.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(host.exitValue()).as("killed by SIGKILL").isEqualTo(137);
            sentBeforeKills += sent;
        }

        Map<String, String> atVenue = positions(workDir.resolve("data/venue-paper/paper.db"));
        Process halted = start(run("run", "--duration", "1s", "--set", "runtime.halted=true", "--summary-json",
                "restarted.json"));
        read(halted.getInputStream());
        drain(new BufferedReader(new InputStreamReader(halted.getErrorStream(), StandardCharsets.UTF_8)), repairs);
        assertThat(halted.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(halted.exitValue()).isZero();
        Map<String, String> restarted = new TreeMap<>();
        new ObjectMapper().readTree(workDir.resolve("restarted.json").toFile()).get("symbols").forEach(p -> {
            if (!p.get("position").asText().equals("0")) {
                restarted.put(p.get("symbol").asText(), p.get("position").asText());
            }
        });
        assertThat(restarted).as("the restarted host holds what the venue held at the last kill").isEqualTo(atVenue);

        Process last = start(run("run", "--duration", "3s"));
        String out = read(last.getInputStream());
        BufferedReader log = new BufferedReader(new InputStreamReader(last.getErrorStream(), StandardCharsets.UTF_8));
        drain(log, repairs);
        assertThat(last.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(last.exitValue()).as(out).isZero();
        assertThat(out).contains("trading state: ACTIVE");

        List<String> reconcileArgs = new ArrayList<>(List.of("reconcile", "--data-dir", "data", "--seed", "11", "--set",
                "venue.config.tick_interval=\"10ms\""));
        reconcileArgs.addAll(journalSettings());
        Process reconcile = start(reconcileArgs);
        String differences = read(reconcile.getInputStream());
        read(reconcile.getErrorStream());
        assertThat(reconcile.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(reconcile.exitValue()).as(differences).isZero();

        Path data = workDir.resolve("data");
        Path venue = workDir.resolve("data/venue-paper/paper.db");
        assertThat(SqliteFiles.strings(venue, "SELECT client_id FROM placements WHERE attempts > 1"))
                .as("ids placed twice").isEmpty();
        assertThat(journal.strings(data, "SELECT trade_id FROM fills ORDER BY trade_id"))
                .as("every venue fill in the journal, once").isEqualTo(SqliteFiles.strings(venue,
                        "SELECT trade_id FROM fills ORDER BY trade_id"))
                .isNotEmpty();
        assertThat(journal.strings(data, "SELECT symbol || ' ' || quantity FROM positions WHERE quantity <> '0' ORDER BY symbol"))
                .isEqualTo(SqliteFiles.strings(venue, "SELECT symbol || ' ' || quantity FROM positions WHERE quantity <> 0"
                        + " ORDER BY symbol"));
        assertThat(journal.strings(data, "SELECT cash FROM account")).isEqualTo(SqliteFiles.strings(venue, "SELECT cash FROM account"));

        long fills = SqliteFiles.strings(venue, "SELECT trade_id FROM fills").size();
        long orders = SqliteFiles.strings(venue, "SELECT client_id FROM orders").size();
        String report = "crash test (journal on " + journal + "): " + kills + " SIGKILLs, each after the k-th order sent (k random in 1..25), "
                + sentBeforeKills + " orders sent before kills; venue holds " + orders + " orders and " + fills
                + " fills; repaired at restarts: " + repairs + "; ids placed twice: 0; fills lost or doubled: 0;"
                + " journal positions and cash equal the venue's; reconcile exit 0\n";
        Files.writeString(Path.of(reportFile), report);
        System.out.print(report);
    }

    /** SIGKILL through {@code kill}: {@link Process#destroyForcibly()} would also close the log we still read. */
    private static void sigkill(Process host) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-KILL", Long.toString(host.pid())).start();
        assertThat(kill.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    private static void countRepairs(String line, Map<String, Integer> repairs) {
        Matcher m = REPAIR.matcher(line);
        if (m.find()) {
            repairs.merge(m.group(1), 1, Integer::sum);
        }
    }

    private static void drain(BufferedReader log, Map<String, Integer> repairs) throws IOException {
        String line;
        while ((line = log.readLine()) != null) {
            countRepairs(line, repairs);
        }
    }

    private static String read(InputStream in) throws IOException {
        return ImageProcess.read(in);
    }

    private static Map<String, String> positions(Path paper) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + paper); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT symbol, quantity FROM positions")) {
            while (rs.next()) {
                Quantity quantity = Quantity.of(rs.getString(2));
                if (!quantity.isZero()) {
                    out.put(rs.getString(1), quantity.toString());
                }
            }
        }
        return out;
    }
}
