package io.tradehost.app.cli;

import io.tradehost.app.config.ConfigTrees;
import io.tradehost.app.config.ConfigDiff;
import io.tradehost.app.config.HostConfig;
import io.tradehost.app.config.ConfigLoader;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradehost.api.config.ConfigException;
import io.tradehost.api.host.StartupException;
import io.tradehost.app.host.DataDirectory;
import io.tradehost.app.plugins.PluginJars;
import io.tradehost.app.plugins.PluginSources;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Runs the CLI; {@code run} and {@code reconcile} get a data directory in the test's folder unless given one. */
    private int run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (!all.isEmpty() && (all.getFirst().equals("run") || all.getFirst().equals("reconcile"))
                && !all.contains("--data-dir")) {
            all.addAll(List.of("--data-dir", dir.resolve("data").toString()));
        }
        if (!all.isEmpty() && all.getFirst().equals("run") && all.stream().noneMatch(a -> a.startsWith("admin."))) {
            all.addAll(List.of("--set", "admin.listen=\"127.0.0.1:0\""));
        }
        return TradehostCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true),
                all.toArray(String[]::new));
    }

    @Test
    void configCheckListsEveryProblemOnItsOwnLineAndExitsTwoOrOkWithZero() throws Exception {
        Path bad = dir.resolve("bad.toml");
        Files.writeString(bad, ConfigLoader.embeddedText().replace("short = 5", "shrot = 5")
                .replace("queue = 65536", "queue = 1").replace("name = \"ma-crossover\"", "name = \"ma-crossovr\""));
        assertThat(run("config", "check", bad.toString())).isEqualTo(2);
        assertThat(out.toString().lines().toList()).containsExactly(
                bad + ":102: journal.queue: must be between 16 and 10000000 (was 1)",
                bad + ":18: strategy.name: no strategy plugin named 'ma-crossovr' (found: ma-crossover, breakout, market-maker, bar-trend, pairs, grid)",
                bad + ":29: strategy.config.ma-crossover.shrot: unknown key for strategy 'ma-crossover' (did you"
                        + " mean strategy.config.ma-crossover.short?)");
        assertThat(dir.resolve("data")).doesNotExist();

        out.getBuffer().setLength(0);
        Path good = dir.resolve("good.toml");
        Files.writeString(good, ConfigLoader.embeddedText());
        assertThat(run("config", "check", good.toString(), "--set", "host.profile=\"prod\"")).isZero();
        assertThat(out.toString()).isEqualTo(good + ": ok (profile prod, venue paper, 3 symbol(s), strategy"
                + " ma-crossover)\n");
    }

    @Test
    void configShowAnnotatesEveryValueWithItsSourceMasksSecretsAndReadsBackAsTheSameConfiguration()
            throws Exception {
        assertThat(run("config", "show", "--set", "host.profile=\"canary\"", "--set",
                "alerts.webhook.url=\"https://hooks.example/s3cr3t\"")).isZero();
        String shown = out.toString();
        assertThat(shown).contains("profile = \"canary\"  # --set\n", "reduce_only = true  # profile canary\n",
                "symbols = [\"BTC-PERP\", \"ETH-PERP\", \"SOL-USD\"]  # default\n", "interval = \"5s\"  # default\n",
                "url = \"***\"  # --set\n").doesNotContain("s3cr3t");
        Path file = dir.resolve("shown.toml");
        Files.writeString(file, shown.replace("url = \"***\"", "url = \"https://hooks.example/x\""));
        HostConfig again = ConfigLoader.load(file, List.of());
        HostConfig original = ConfigLoader.load(null, List.of("host.profile=\"canary\"",
                "alerts.webhook.url=\"https://hooks.example/x\""));
        assertThat(ConfigDiff.between(ConfigTrees.of(original), ConfigTrees.of(again)))
                .as("only what the defaults add").allSatisfy(c -> assertThat(c.before()).isNull());
        assertThat(again.profile()).isEqualTo(original.profile());
        assertThat(again.reduceOnly()).isTrue();
    }

    @Test
    void configDiffShowsEachChangeWithTheSeverityARunningHostWouldGive() throws Exception {
        Path a = dir.resolve("a.toml");
        Path b = dir.resolve("b.toml");
        String text = ConfigLoader.embeddedText();
        Files.writeString(a, text);
        Files.writeString(b, text.replace("[guards.config.leverage]\nmax = \"3\"", "[guards.config.leverage]\nmax"
                + " = \"2\"").replace("mark_window = 64", "mark_window = 32"));
        assertThat(run("config", "diff", a.toString(), b.toString())).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(1)).startsWith("guards.config.leverage.max").contains(" 3 ", " 2 ", " high ");
        assertThat(lines.get(2)).startsWith("telemetry.mark_window").contains(" 64 ", " 32 ", " safe ");
        assertThat(lines.get(3)).startsWith("high: the host would apply the changes and go reduce-only");
    }

    @Test
    void reconcileAgreesAfterARunAndReportsWhatDiffersWithExitThree() throws Exception {
        assertThat(run("reconcile")).isEqualTo(2);
        assertThat(err.toString()).contains("config error: --data-dir: no journal in " + dir.resolve("data"));
        assertThat(run("run", "--duration", "2s", "--set", "venue.config.tick_interval=\"20ms\"")).isZero();
        out.getBuffer().setLength(0);
        assertThat(run("reconcile")).isZero();
        assertThat(out.toString()).contains("journal and venue agree");
        out.getBuffer().setLength(0);
        assertThat(run("reconcile", "--json")).isZero();
        assertThat(new ObjectMapper().readTree(out.toString()).get("agree").asBoolean()).isTrue();

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/journal.db"));
             Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE account SET cash = cash + 100000000");
        }
        out.getBuffer().setLength(0);
        assertThat(run("reconcile")).isEqualTo(TradehostCommand.EXIT_DIFFERENT);
        assertThat(out.toString()).containsPattern("CASH USD: journal [0-9.]+, venue [0-9.]+ \\(unexplained\\)")
                .contains("1 difference(s), 1 a restart cannot repair");
        out.getBuffer().setLength(0);
        assertThat(run("reconcile", "--json")).isEqualTo(3);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("differences").get(0).get("kind").asText()).isEqualTo("CASH");
        assertThat(json.get("differences").get(0).get("repairable").asBoolean()).isFalse();
    }

    @Test
    void anAdminPortInUseStopsTheRunInOrderWithOneLine() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertThat(run("run", "--duration", "1s", "--set", "admin.listen=\"127.0.0.1:" + port + "\"")).isEqualTo(1);
            assertThat(err.toString().lines().toList()).containsExactly("tradehost: cannot start: admin API cannot listen"
                    + " on 127.0.0.1:" + port + ": Failed to bind to /127.0.0.1:" + port
                    + " (set admin.listen to another address, or \"off\")");
        }
        // the host stopped in order: its directory is free and its journal agrees with the venue
        assertThat(run("reconcile")).isZero();
    }

    @Test
    void aDataDirectoryInUseIsRefusedWithItsLockFile() {
        try (DataDirectory held = DataDirectory.lock(dir.resolve("data"))) {
            assertThat(run("run", "--duration", "1s")).isEqualTo(1);
            assertThat(err.toString()).contains("cannot start: data directory " + held.path()
                    + " is in use by another tradehost (it holds " + held.path().resolve("tradehost.lock") + ")");
        }
    }

    @Test
    void pluginsJsonListsEveryBuiltInWithModuleVersionAndOrigin() throws IOException {
        assertThat(run("plugins", "--json")).isZero();
        JsonNode list = new ObjectMapper().readTree(out.toString());
        List<String> kinds = new ArrayList<>();
        list.forEach(p -> kinds.add(p.get("kind").asText() + ":" + p.get("name").asText()));
        assertThat(kinds).contains("strategy:ma-crossover", "strategy:breakout", "venue:paper", "guard:kill-switch",
                "guard:trading-state", "guard:max-order-notional", "guard:symbol-exposure", "guard:total-exposure",
                "guard:leverage");
        JsonNode paper = list.findParents("name").stream().filter(p -> p.get("name").asText().equals("paper"))
                .findFirst().orElseThrow();
        assertThat(paper.get("module").asText()).isEqualTo("io.tradehost.plugins.venue.paper");
        assertThat(paper.get("version").asText()).isEqualTo("0.1.0-SNAPSHOT");
        assertThat(paper.get("origin").asText()).endsWith(".jar");
        assertThat(paper.get("status").asText()).isEqualTo("loaded");
    }

    @Test
    void pluginsTableHasAHeaderAndARowPerPlugin() {
        assertThat(run("plugins")).isZero();
        assertThat(out.toString().lines().toList()).hasSizeGreaterThanOrEqualTo(10)
                .first().asString().startsWith("STATUS");
    }

    @Test
    void anUnknownKeyExitsTwoWithOneLineNamingIt() {
        assertThat(run("run", "--duration", "1s", "--set", "strategy.config.ma-crossover.shrot=3")).isEqualTo(2);
        assertThat(err.toString().lines().toList()).containsExactly(
                "tradehost: config error: --set: strategy.config.ma-crossover.shrot: unknown key for strategy"
                        + " 'ma-crossover' (did you mean strategy.config.ma-crossover.short?)");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aMissingFileOrWrongTypeExitsTwo() {
        Path missing = dir.resolve("nope.toml");
        assertThat(run("run", "--config", missing.toString())).isEqualTo(2);
        assertThat(run("run", "--set", "runtime.halted=maybe")).isEqualTo(2);
        assertThat(run("run", "--set", "guards.config.leverage.max=-1")).isEqualTo(2);
        assertThat(err.toString().lines().toList()).containsExactly(
                "tradehost: config error: " + missing + ": file not found",
                "tradehost: config error: --set: runtime.halted: must be true or false (was \"maybe\")",
                "tradehost: config error: --set: guards.config.leverage.max: must be between 0 and 100 (was -1)");
    }

    @Test
    void aMisspeltGuardBlockExitsTwoNamingIt() {
        assertThat(run("run", "--duration", "1s", "--set", "guards.config.kill-swich.active=true")).isEqualTo(2);
        assertThat(err.toString()).startsWith("tradehost: config error: embedded defaults: guards.config.kill-swich: "
                + "no guard plugin named 'kill-swich'");
    }

    @Test
    void aBadOptionExitsTwoWithAHint() {
        assertThat(run("run", "--duration", "soon")).isEqualTo(2);
        assertThat(err.toString()).contains("'soon' is not a duration").contains("try 'tradehost run --help'");
        assertThat(run("run", "--duration", "0s")).isEqualTo(2);
    }

    @Test
    void failuresMapToExitCodesWithOneLine() {
        PrintWriter w = new PrintWriter(err, true);
        assertThat(TradehostCommand.report(new StartupException("venue 'x' needs credentials"), w)).isEqualTo(1);
        assertThat(TradehostCommand.report(new ConfigException("a.b", "unknown key"), w)).isEqualTo(2);
        assertThat(TradehostCommand.report(new IllegalStateException("bug"), w)).isEqualTo(1);
        assertThat(err.toString().lines().toList()).containsExactly(
                "tradehost: cannot start: venue 'x' needs credentials", "tradehost: config error: a.b: unknown key",
                "tradehost: failed: java.lang.IllegalStateException: bug");
    }

    @Test
    void thePaperVenueListsASyntheticMarketForASymbolItDoesNotKnowAndAPerpetualNeedsDerivatives() {
        assertThat(run("run", "--duration", "1s", "--set", "host.symbols=[\"XRP-USD\"]")).as(err.toString())
                .isZero();
        assertThat(out.toString()).contains("XRP-USD");
        assertThat(run("run", "--duration", "1s", "--set", "host.symbols=[\"XRP-PERP\"]", "--set",
                "host.derivatives=false")).isEqualTo(2);
        assertThat(err.toString()).contains("host.symbols: XRP-PERP is a perpetual on venue 'paper'");
    }

    @Test
    void aShortRunPrintsTheSummaryAndWritesJson() throws IOException {
        Path json = dir.resolve("s.json");
        assertThat(run("run", "--duration", "300ms", "--seed", "3", "--summary-json", json.toString())).isZero();
        assertThat(out.toString()).contains("summary").contains("BTC-PERP").contains("trading state: ACTIVE");
        JsonNode summary = new ObjectMapper().readTree(Files.readString(json));
        assertThat(summary.get("orders").get("attempted").isNumber()).isTrue();
        assertThat(summary.get("tradingState").asText()).isEqualTo("ACTIVE");
        assertThat(summary.get("equity").isTextual()).isTrue();
        assertThat(summary.get("symbols")).hasSize(3);
    }

    @Test
    void pluginsFromADirectoryShowUpAndRefusedOnesCarryTheirReason() throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        PluginJars.jar(new PluginJars(dir.resolve("build")).compile(PluginSources.strategy("com.example.steady",
                "steady", PluginSources.TRADES), List.of(), "1.0"), plugins.resolve("steady.jar"));
        Files.write(plugins.resolve("broken.jar"), new byte[] {1, 2, 3});
        assertThat(run("plugins", "--json", "--plugins", plugins.toString())).isEqualTo(2);
        JsonNode list = new ObjectMapper().readTree(out.toString());
        List<String> rows = new ArrayList<>();
        list.forEach(p -> rows.add(p.get("name").asText() + ":" + p.get("status").asText()));
        assertThat(rows).contains("steady:loaded", "broken.jar:refused");
        assertThat(list.findParents("status").stream().filter(p -> p.get("status").asText().equals("refused"))
                .findFirst().orElseThrow().get("reason").asText()).startsWith("cannot be read");
        out.getBuffer().setLength(0);
        assertThat(run("plugins", "--plugins", plugins.toString())).isEqualTo(2);
        assertThat(out.toString()).contains("refused").contains("reason: cannot be read");
    }

    @Test
    void everyDropInShowsItsHashAndRequiringPinsRefusesAnUnpinnedOneNamingTheHash() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path jar = PluginJars.jar(new PluginJars(dir.resolve("build")).compile(PluginSources.strategy(
                "com.example.steady", "steady", PluginSources.TRADES), List.of(), "1.0"), plugins.resolve("steady.jar"));
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(jar)));
        assertThat(run("plugins", "--json", "--plugins", plugins.toString())).isZero();
        JsonNode steady = find(new ObjectMapper().readTree(out.toString()), "steady");
        assertThat(steady.get("sha256").asText()).isEqualTo(sha256);
        assertThat(steady.get("dropIn").asBoolean()).isTrue();
        assertThat(steady.get("isolation").asText()).isEqualTo("isolated");
        assertThat(find(new ObjectMapper().readTree(out.toString()), "ma-crossover").get("isolation").asText())
                .isEqualTo("inline");

        out.getBuffer().setLength(0);
        assertThat(run("plugins", "--json", "--plugins", plugins.toString(), "--set", "plugins.require_pinned=true"))
                .isEqualTo(2);
        JsonNode refused = find(new ObjectMapper().readTree(out.toString()), "steady.jar");
        assertThat(refused.get("status").asText()).isEqualTo("refused");
        assertThat(refused.get("reason").asText()).contains("not pinned").contains(sha256);

        out.getBuffer().setLength(0);
        assertThat(run("run", "--plugins", plugins.toString(), "--strategy", "steady", "--duration", "100ms",
                "--set", "plugins.require_pinned=true", "--set", "plugins.pins.\"steady.jar\"=\"" + sha256 + "\""))
                .isZero();
        assertThat(run("run", "--plugins", plugins.toString(), "--strategy", "steady", "--duration", "100ms",
                "--set", "plugins.require_pinned=true")).isEqualTo(2);
        assertThat(err.toString()).contains("--strategy: no strategy named 'steady'");
    }

    private static JsonNode find(JsonNode list, String name) {
        for (JsonNode p : list) {
            if (p.get("name").asText().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no plugin " + name + " in " + list);
    }

    @Test
    void anUnknownStrategyOrPluginDirectoryExitsTwoListingWhatExists() {
        assertThat(run("run", "--strategy", "nope", "--duration", "1s")).isEqualTo(2);
        assertThat(run("run", "--plugins", dir.resolve("absent").toString())).isEqualTo(2);
        assertThat(err.toString().lines().toList()).containsExactly(
                "tradehost: config error: --strategy: no strategy named 'nope' (found: ma-crossover, breakout, market-maker, bar-trend, pairs, grid)",
                "tradehost: config error: --plugins: not a directory: " + dir.resolve("absent"));
    }

    @Test
    void runSelectsADroppedInStrategyByName() throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        PluginJars.jar(new PluginJars(dir.resolve("build")).compile(PluginSources.strategy("com.example.steady",
                "steady", PluginSources.TRADES), List.of(), "1.0"), plugins.resolve("steady.jar"));
        assertThat(run("run", "--plugins", plugins.toString(), "--strategy", "steady", "--duration", "200ms"))
                .isZero();
        assertThat(out.toString()).contains("summary");
    }

    @Test
    void guardsListsEveryGuardWithKeysDefaultsAndEffect() throws IOException {
        assertThat(run("guards", "--json")).isZero();
        JsonNode list = new ObjectMapper().readTree(out.toString());
        List<String> names = new ArrayList<>();
        list.forEach(g -> names.add(g.get("type").asText() + ":" + g.get("name").asText()));
        assertThat(names).contains("pre-trade:kill-switch", "pre-trade:leverage", "runtime:daily-loss",
                "runtime:mark-staleness", "runtime:volatility", "runtime:drawdown", "runtime:concentration");
        JsonNode daily = list.findParents("name").stream().filter(g -> g.get("name").asText().equals("daily-loss"))
                .findFirst().orElseThrow();
        assertThat(daily.get("keys").toString()).contains("max_loss=100");
        assertThat(daily.get("effect").asText()).contains("REDUCE_ONLY").contains("next UTC day");
        out.getBuffer().setLength(0);
        assertThat(run("guards")).isZero();
        assertThat(out.toString()).contains("keys: max=3").contains("trading-state").contains("keys: none");
    }

    @Test
    void helpAndVersion() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("tradehost ");
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("run").contains("plugins");
        assertThat(run()).isZero();
    }

    @Test
    void theExchangeRefusesABadCommandLineInOneLine() {
        String data = dir.resolve("x").toString();
        assertThat(run("exchange", "--data-dir", data, "--listen", "nowhere")).isEqualTo(2);
        assertThat(err.toString()).contains("--listen must be HOST:PORT");
        assertThat(run("exchange", "--data-dir", data, "--products", "BTC-USD,DOGE-USD")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown product 'DOGE-USD'").contains("BTC-PERP-INTX");
        assertThat(run("exchange", "--data-dir", data, "--key-type", "rsa")).isEqualTo(2);
        assertThat(err.toString()).contains("--key-type must be ed25519 or es256");
        assertThat(run("exchange", "--data-dir", data, "--fault", "meteor")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown fault 'meteor'").contains("lose_order_response");
        assertThat(run("exchange", "--data-dir", data, "--listen", "8.8.8.8:18080")).isEqualTo(2);
        assertThat(err.toString()).contains("loopback only").contains("--allow-remote");
        assertThat(err.toString()).doesNotContain("Exception");
    }

    @Test
    void theExchangeStartsOnLoopbackWritesItsFilesAndSaysWhereTheyAre() throws Exception {
        ExchangeCommand command = new ExchangeCommand();
        picocli.CommandLine cli = new picocli.CommandLine(command).setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true));
        Path data = dir.resolve("x");
        cli.parseArgs("--listen", "127.0.0.1:0", "--data-dir", data.toString(), "--products", "BTC-USD,ETH-USD",
                "--key-type", "es256", "--tick", "50ms", "--fault", "rate_limit:2");
        ExchangeCommand.Started started = command.open();
        try (var exchange = started.exchange()) {
            assertThat(started.exit()).isZero();
            assertThat(exchange.engine().listings()).extracting(l -> l.productId()).containsExactly("BTC-USD",
                    "ETH-USD");
            assertThat(exchange.apiKey().type()).isEqualTo(io.tradehost.exchange.auth.KeyType.ES256);
            assertThat(exchange.faults().armed()).containsEntry("rate_limit", 2);
            assertThat(out.toString()).contains("exchange listening on " + exchange.uri())
                    .contains("credentials: " + data.resolve("credentials.env"))
                    .contains("host config: " + data.resolve("tradehost.toml"));
            assertThat(java.nio.file.Files.readString(data.resolve("tradehost.toml")))
                    .contains("base_url = \"" + exchange.uri() + "\"");
        }
        ExchangeCommand busy = new ExchangeCommand();
        new picocli.CommandLine(busy).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .parseArgs("--data-dir", dir.resolve("file").toString(), "--listen", "127.0.0.1:0");
        java.nio.file.Files.writeString(dir.resolve("file"), "not a directory");
        assertThat(busy.open().exit()).isEqualTo(TradehostCommand.EXIT_FAILURE);
        assertThat(err.toString()).contains("tradehost exchange: ");
    }

    @Test
    void theHostConfigurationTheExchangeWritesIsValidAndTradesCoinbaseAgainstIt() throws Exception {
        var settings = io.tradehost.exchange.ExchangeSettings.defaults(new java.net.InetSocketAddress("127.0.0.1", 0),
                dir.resolve("exchange"));
        try (var exchange = io.tradehost.exchange.LocalExchange.start(settings)) {
            Path file = dir.resolve("tradehost.toml");
            java.nio.file.Files.writeString(file, ExchangeCommand.hostConfiguration(exchange, settings.listings()));
            var config = io.tradehost.app.config.ConfigLoader.load(file, List.of());
            assertThat(config.venue()).isEqualTo("coinbase");
            assertThat(config.symbols()).extracting(Object::toString).containsExactly("BTC-USD", "ETH-USD");
            assertThat(config.venueConfig().string("base_url", "")).isEqualTo(exchange.uri().toString());
            assertThat(java.nio.file.Files.getPosixFilePermissions(exchange.credentialsFile()))
                    .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
            assertThat(java.nio.file.Files.readString(exchange.credentialsFile()))
                    .startsWith("COINBASE_API_KEY_NAME='organizations/").contains("COINBASE_API_PRIVATE_KEY='");
        }
    }

    @Test
    void aRunRecordsItsMarketDataInTheQuotesFormat() throws Exception {
        Path csv = dir.resolve("rec/session.csv");
        Path gz = dir.resolve("session.csv.gz");
        assertThat(run("run", "--duration", "2s", "--set", "venue.config.tick_interval=\"20ms\"", "--record",
                csv.toString())).isZero();
        List<String> rows = java.nio.file.Files.readAllLines(csv);
        assertThat(rows.getFirst()).isEqualTo("timestamp,symbol,bid,ask,bid_size,ask_size");
        assertThat(rows.size() - 1).as("3 symbols every 20 ms for 2 s").isGreaterThan(100);
        java.time.Instant last = java.time.Instant.EPOCH;
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",");
            assertThat(f).hasSize(6);
            assertThat(f[1]).isIn("BTC-PERP", "ETH-PERP", "SOL-USD");
            java.time.Instant at = java.time.Instant.parse(f[0]);
            assertThat(at).isAfterOrEqualTo(last);
            last = at;
            assertThat(io.tradehost.api.value.Price.of(f[2]).isGreaterThan(io.tradehost.api.value.Price.of(f[3])))
                    .isFalse();
            io.tradehost.api.value.Quantity.of(f[4]);
            io.tradehost.api.value.Quantity.of(f[5]);
        }
        assertThat(run("run", "--duration", "1s", "--set", "venue.config.tick_interval=\"50ms\"", "--record",
                gz.toString(), "--data-dir", dir.resolve("data2").toString())).isZero();
        try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(new java.util.zip.GZIPInputStream(
                java.nio.file.Files.newInputStream(gz)), java.nio.charset.StandardCharsets.UTF_8))) {
            assertThat(in.readLine()).isEqualTo("timestamp,symbol,bid,ask,bid_size,ask_size");
            assertThat(in.lines().count()).isPositive();
        }
        java.nio.file.Files.createDirectories(dir.resolve("taken"));
        assertThat(run("run", "--duration", "1s", "--record", dir.resolve("taken").toString(), "--data-dir",
                dir.resolve("data3").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--record").contains("cannot write");
    }
}
