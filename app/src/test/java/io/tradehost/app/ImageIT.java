package io.tradehost.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import io.tradehost.app.plugins.PluginJars;
import io.tradehost.app.plugins.PluginSources;
import java.util.HashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the jlink image as an operator would: from another working directory, with no JDK on the
 * path, through {@code bin/tradehost}. SIGTERM is sent with {@code kill}, as {@link Process#destroy()}
 * would close the streams the test still reads.
 */
class ImageIT {
    /** Fast synthetic ticks, so a few seconds of real time hold enough marks to trade. */
    private static final List<String> FAST = List.of("--seed", "5", "--set", "venue.config.tick_interval=20ms");

    @TempDir
    Path workDir;

    private Process start(List<String> args) throws IOException {
        return ImageProcess.start(workDir, Map.of(), args);
    }

    /** {@code tradehost plugins --json} from the work directory, by name; it exits {@code status} (2: one refused). */
    private Map<String, JsonNode> pluginsByName(int status) throws Exception {
        Process list = start(List.of("plugins", "--json"));
        JsonNode plugins = new ObjectMapper().readTree(read(list.getInputStream()));
        assertThat(list.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(list.exitValue()).isEqualTo(status);
        Map<String, JsonNode> byName = new HashMap<>();
        plugins.forEach(p -> byName.put(p.get("name").asText(), p));
        return byName;
    }

    /** Runs {@code tradehost run} with fast ticks and {@code args}, expects exit 0, returns the JSON summary. */
    private JsonNode runForSummary(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("run", "--summary-json", "s.json"));
        command.addAll(List.of(args));
        command.addAll(FAST);
        Process run = start(command);
        // the log is drained while the run goes on: a full pipe would block the host writing to it
        java.util.concurrent.CompletableFuture<String> log = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return read(run.getErrorStream());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        read(run.getInputStream());
        assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).as(log.get(60, TimeUnit.SECONDS)).isZero();
        return new ObjectMapper().readTree(Files.readString(workDir.resolve("s.json")));
    }

    private static String read(InputStream in) throws IOException {
        return ImageProcess.read(in);
    }

    @Test
    void versionAndHelpAnswerFromTheShippedAotCacheWithNothingButTheirAnswerOnStdout() throws Exception {
        for (String flag : List.of("--version", "-V")) {
            Process version = start(List.of(flag));
            String out = read(version.getInputStream());
            assertThat(version.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(version.exitValue()).isZero();
            assertThat(out).matches("tradehost \\S+ \\(Java 25[^)]*\\)\\R");
            assertThat(read(version.getErrorStream())).isEmpty();
        }
        // the classes come from the AOT cache in lib/, picocli's too (rewritten as Java 8 at build time)
        Path loaded = workDir.resolve("classes.txt");
        Process help = ImageProcess.start(workDir, Map.of("TRADEHOST_JAVA_OPTS", "-Xlog:class+load=info:file=" + loaded),
                List.of("--help"));
        String out = read(help.getInputStream());
        assertThat(help.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(help.exitValue()).isZero();
        assertThat(read(help.getErrorStream())).isEmpty();
        assertThat(out).startsWith("Usage: tradehost").contains("backtest").contains("exchange");
        assertThat(Files.readAllLines(loaded)).anyMatch(l -> l.endsWith(" picocli.CommandLine source: shared objects file"))
                .anyMatch(l -> l.endsWith(" javax.inject.Provider source: shared objects file"))
                .anyMatch(l -> l.endsWith(" io.tradehost.app.cli.TradehostCommand source: shared objects file"));
        // a collector of the operator's own replaces the launcher's serial default instead of clashing with it
        Process g1 = ImageProcess.start(workDir, Map.of("TRADEHOST_JAVA_OPTS", "-XX:+UseG1GC"), List.of("--version"));
        String g1Out = read(g1.getInputStream());
        assertThat(g1.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(g1.exitValue()).as(read(g1.getErrorStream())).isZero();
        assertThat(g1Out).startsWith("tradehost ");
    }

    @Test
    void runsForItsDurationAndWritesTheSummary() throws Exception {
        JsonNode summary = runForSummary("--duration", "4s");
        assertThat(summary.get("orders").get("filled").asLong()).isPositive();
        assertThat(summary.get("tradingState").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void sigtermStopsInOrderPrintsTheSummaryAndExitsZero() throws Exception {
        List<String> args = new ArrayList<>(List.of("run", "--summary-json", "s.json"));
        args.addAll(FAST);
        Process p = start(args);
        BufferedReader log = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = log.readLine()) != null && !line.contains("coordinators started")) {
            assertThat(line).doesNotContain("ERROR");
        }
        assertThat(line).as("the host started").isNotNull();
        Process kill = new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start();
        assertThat(kill.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = read(p.getInputStream());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(out).contains("summary").contains("trading state: ACTIVE");
        assertThat(Files.readString(workDir.resolve("s.json"))).contains("\"tradingState\"");
    }

    @Test
    void theImageBacktestsARealTradesFileQuietlyAndRefusesABadOneInOneLine() throws Exception {
        Path trades = workDir.resolve("trades.csv");
        try (InputStream in = ClassLoader.getSystemClassLoader().getResourceAsStream(
                "bitstamp_trades_from_20131125_usd.csv")) {
            assertThat(in).as("org.ta4j:ta4j-examples on the test class path").isNotNull();
            Files.copy(in, trades);
        }
        Process p = start(List.of("backtest", "--data", "trades.csv", "--format", "trades", "--symbol", "BTC-USD",
                "--report", "out"));
        String out = read(p.getInputStream());
        String err = read(p.getErrorStream());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isZero();
        assertThat(out).contains("events replayed", "100000", "report: out/report.html");
        assertThat(err.lines().filter(l -> l.contains(" INFO ")).toList()).as("a backtest logs at WARN").isEmpty();
        JsonNode report = new ObjectMapper().readTree(Files.readString(workDir.resolve("out/report.json")));
        assertThat(report.get("events").asLong()).isEqualTo(100_000);
        assertThat(report.get("last_timestamp").asText()).isEqualTo("2013-12-01T16:02:05Z");
        assertThat(Files.readString(workDir.resolve("out/report.html"))).contains("<svg").doesNotContain("<script");
        assertThat(workDir.resolve("out/journal.db")).isNotEmptyFile();

        Files.writeString(workDir.resolve("bad.csv"), "timestamp,price,amount\n1385337600,800,1\n1385337601,-3,1\n");
        Process bad = start(List.of("backtest", "--data", "bad.csv", "--symbol", "BTC-USD"));
        String badErr = read(bad.getErrorStream());
        assertThat(bad.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(bad.exitValue()).isEqualTo(2);
        assertThat(badErr.lines().toList()).containsExactly("tradehost: bad data: bad.csv:3: price '-3': price must"
                + " not be negative: -3 (--skip-bad-rows skips such rows)");
    }

    @Test
    void anUnknownKeyExitsTwoWithOneLine() throws Exception {
        Process p = start(List.of("run", "--set", "runtime.reduceonly=true"));
        String err = read(p.getErrorStream());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(err.lines().toList()).containsExactly(
                "tradehost: config error: --set: runtime.reduceonly: unknown key (did you mean runtime.reduce_only?)");
    }

    @Test
    void aDroppedInPluginTradesAndOneNeedingAModuleTheImageLacksIsRefusedByName() throws Exception {
        Path plugins = Files.createDirectories(workDir.resolve("plugins"));
        PluginJars jars = new PluginJars(workDir.resolve("build"));
        PluginJars.jar(jars.compile(PluginSources.strategy("com.example.steady", "steady", PluginSources.TRADES),
                List.of(), "1.0"), plugins.resolve("steady.jar"));
        Map<String, String> needsHttpServer = new HashMap<>(PluginSources.strategy("com.example.web", "web",
                PluginSources.TRADES));
        needsHttpServer.put("module-info.java", "module com.example.web { requires io.tradehost.api;"
                + " requires jdk.httpserver; provides io.tradehost.api.strategy.StrategyFactory"
                + " with com.example.web.Factory; }");
        PluginJars.jar(jars.compile(needsHttpServer, List.of(), "1.0"), plugins.resolve("web.jar"));

        Map<String, JsonNode> byName = pluginsByName(2);
        assertThat(byName.get("steady").get("status").asText()).isEqualTo("loaded");
        assertThat(byName.get("web.jar").get("reason").asText())
                .isEqualTo("needs module jdk.httpserver, which neither the plugin nor the host's runtime contains");
        assertThat(runForSummary("--strategy", "steady", "--duration", "3s").get("orders").get("filled").asLong())
                .isPositive();
    }

    @Test
    void theExamplePluginJarTradesInTheImage() throws Exception {
        Path example = Path.of(System.getProperty("tradehost.example.jar", "missing"));
        assertThat(example).as("built by the reactor before app: run mvn verify from the root").exists();
        Path plugins = Files.createDirectories(workDir.resolve("plugins"));
        Files.copy(example, plugins.resolve(example.getFileName()));

        JsonNode meanReversion = pluginsByName(0).get("mean-reversion");
        assertThat(meanReversion.get("status").asText()).isEqualTo("loaded");
        assertThat(meanReversion.get("module").asText()).isEqualTo("com.example.meanreversion");
        assertThat(meanReversion.get("version").asText()).isEqualTo("1.0.0");
        assertThat(runForSummary("--strategy", "mean-reversion", "--duration", "4s").get("orders").get("filled")
                .asLong()).isPositive();
        assertThat(pluginsByName(0).get("dip-ladder").get("status").asText()).isEqualTo("loaded");
        JsonNode ladder = runForSummary("--strategy", "dip-ladder", "--duration", "4s");
        assertThat(ladder.get("orders").get("submitted").asLong()).as("resting bids from the event api").isPositive();
    }

    @Test
    void pluginsJsonListsTheBuiltInsFromTheImage() throws Exception {
        Process p = start(List.of("plugins", "--json"));
        JsonNode list = new ObjectMapper().readTree(read(p.getInputStream()));
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        long strategies = 0;
        long guards = 0;
        long venues = 0;
        long runtimeGuards = 0;
        for (JsonNode plugin : list) {
            assertThat(plugin.get("origin").asText()).isEqualTo("image");
            switch (plugin.get("kind").asText()) {
                case "strategy" -> strategies++;
                case "guard" -> guards++;
                case "runtime-guard" -> runtimeGuards++;
                case "venue" -> venues++;
                default -> throw new AssertionError("unexpected kind " + plugin);
            }
        }
        assertThat(strategies).isGreaterThanOrEqualTo(2);
        assertThat(guards).isGreaterThanOrEqualTo(6);
        assertThat(venues).isGreaterThanOrEqualTo(1);
        assertThat(runtimeGuards).isGreaterThanOrEqualTo(5);
    }
}
