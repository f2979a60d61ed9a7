package io.tradehost.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradehost.app.config.ConfigLoader;
import io.tradehost.exchange.auth.ApiKey;
import io.tradehost.exchange.auth.KeyType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jlink image reconfigured while it runs, as an operator would: the file given with
 * {@code --config} edited three times (safe, high, critical), each seen by the watcher, logged,
 * applied or acted on; and {@code config check} of a file with three mistakes.
 */
class ImageReloadIT {
    /** How long the host may take to see an edit (a 500 ms quiet period, then a check). */
    private static final long SEE_EDIT_MS = 30_000;

    @TempDir
    Path workDir;

    /** The embedded defaults with fast ticks and a frequent status line. */
    private static String base() {
        return ConfigLoader.embeddedText()
                .replace("tick_interval = \"250ms\"", "tick_interval = \"20ms\"")
                .replace("status_interval = \"10s\"", "status_interval = \"200ms\"")
                .replace("trailing_stop = \"0.01\"", "trailing_stop = \"0.2\"")
                // the order-rate guard's 60 a minute left the book flat after about 13 s, and the edits need exposure
                + "\n[guards.config.order-rate]\nper_second = 10000\nper_minute = 1000000\n";
    }

    @Test
    void threeEditsOfARunningImageAreAppliedGoReduceOnlyAndStopIt() throws Exception {
        Path file = workDir.resolve("tradehost.toml");
        String text = base();
        Files.writeString(file, text);
        ApiKey key = ApiKey.generate(KeyType.ES256); // the coinbase venue of the last edit checks its credentials
        Process p = ImageProcess.start(workDir, Map.of("COINBASE_API_KEY_NAME", key.name(),
                "COINBASE_API_PRIVATE_KEY", key.secret()), List.of("run", "--config", "tradehost.toml", "--seed", "5",
                "--summary-json", "s.json"));
        Log log = new Log(p);
        try {
            log.await(l -> l.contains("watching") && l.contains("tradehost.toml"));

            // a lower max order notional, applied to the next order: safe, or high (reduce-only until the
            // exposure is back within it) if the host already has an order open when the edit lands
            text = text.replace("max = \"25000\"", "max = \"1\"");
            Files.writeString(file, text);
            log.await(l -> l.contains("guards.config.max-order-notional.max: 25000 -> 1 [safe")
                    || l.contains("guards.config.max-order-notional.max: 25000 -> 1 [high: below the largest open"));
            log.await(l -> l.contains("refused by") && l.contains("MAX_ORDER_NOTIONAL") && l.contains("> max 1"));

            // high: the leverage limit below what is open. It only counts while something is open: each
            // try restores the file (openings allowed again), waits for a status line with exposure,
            // then tightens; a try that finds the book flat by then is safe, and the next one follows
            String open = base();
            String tight = open.replace("[guards.config.leverage]\nmax = \"3\"",
                    "[guards.config.leverage]\nmax = \"0.0001\"");
            assertThat(tight).isNotEqualTo(open);
            boolean high = false;
            for (int attempt = 0; attempt < 5 && !high; attempt++) {
                Files.writeString(file, open);
                log.await(l -> l.contains("config reload (file): 1 change(s) applied"));
                log.await(l -> l.contains("status state=ACTIVE") && !l.contains(" gross=0 "));
                Files.writeString(file, tight);
                high = log.await(l -> l.contains("guards.config.leverage.max: 3 -> 0.0001 [")).contains("[high");
            }
            assertThat(high).as("an edit met an open position").isTrue();
            text = tight;
            log.await(l -> l.contains("config_drift") && l.contains("REDUCE_ONLY"));

            // critical: another venue; the host stops as on SIGTERM and says why
            Files.writeString(file, text.replace("name = \"paper\"", "name = \"coinbase\"")
                    .replaceAll("(?s)\\[venue\\.config\\].*?\\n\\n", ""));
            log.await(l -> l.contains("critical change of") && l.contains("venue.name"));
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(String.join("\n", log.lines)).isZero();
        } finally {
            p.destroyForcibly();
        }
        JsonNode summary = new ObjectMapper().readTree(Files.readString(workDir.resolve("s.json")));
        assertThat(summary.get("stopReason").asText()).startsWith("config_drift: critical change of ")
                .contains("venue.name");
        assertThat(log.lines).noneMatch(l -> l.contains(" ERROR ") || l.contains("Exception"));
        assertThat(String.join("\n", log.lines)).doesNotContain(ApiKey.class.getSimpleName()).doesNotContain("BEGIN");
    }

    @Test
    void configCheckOfAFileWithThreeMistakesPrintsThreeLinesExitsTwoAndTouchesNoData() throws Exception {
        Path file = workDir.resolve("bad.toml");
        Files.writeString(file, base().replace("cycle = \"on-mark\"", "cycle = \"hourly\"")
                .replace("mark_window = 64", "mark_windw = 64")
                .replace("max_fraction = \"0.80\"", "max_fraction = \"eighty\""));
        Process check = ImageProcess.start(workDir, Map.of(), List.of("config", "check", "bad.toml"));
        String out = ImageProcess.read(check.getInputStream());
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).isEqualTo(2);
        assertThat(out.lines().toList()).hasSize(3).satisfiesExactly(
                l -> assertThat(l).startsWith("bad.toml:19: strategy.cycle: must be one of"),
                l -> assertThat(l).startsWith("bad.toml:").contains("telemetry.mark_windw: unknown key")
                        .endsWith("(did you mean telemetry.mark_window?)"),
                l -> assertThat(l).contains("guards.config.total-exposure.max_fraction: must be a decimal"));

        Process run = ImageProcess.start(workDir, Map.of(), List.of("run", "--config", "bad.toml"));
        String err = ImageProcess.read(run.getErrorStream());
        assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).isEqualTo(2);
        assertThat(err.lines().toList()).hasSize(3).allMatch(l -> l.startsWith("tradehost: config error: bad.toml:"));
        assertThat(workDir.resolve("data")).as("a bad configuration touches no data directory").doesNotExist();
    }

    /** The host's log as it is written, read on a thread of its own. */
    private static final class Log {
        final List<String> lines = new CopyOnWriteArrayList<>();
        private final BlockingQueue<String> unseen = new LinkedBlockingQueue<>();

        Log(Process process) {
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        lines.add(line);
                        unseen.add(line);
                    }
                } catch (IOException e) {
                    lines.add("(log closed: " + e + ")");
                }
                unseen.add(END);
            }, "image-log");
            reader.setDaemon(true);
            reader.start();
            Thread drain = new Thread(() -> {
                try {
                    process.getInputStream().transferTo(OutputStream.nullOutputStream());
                } catch (IOException e) {
                    // the process is gone
                }
            }, "image-out");
            drain.setDaemon(true);
            drain.start();
        }

        private static final String END = "\u0000end of log";

        /** The next line that matches, waiting for it; fails when the log ends or after a bound. */
        String await(Predicate<String> match) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SEE_EDIT_MS);
            String line;
            while ((line = unseen.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) != null
                    && !line.equals(END)) {
                if (match.test(line)) {
                    return line;
                }
            }
            throw new AssertionError((line == null ? "no such line within " + SEE_EDIT_MS + " ms"
                    : "the log ended without such a line") + "; the log:\n" + String.join("\n", lines));
        }
    }
}
