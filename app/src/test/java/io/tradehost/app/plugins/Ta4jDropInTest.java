package io.tradehost.app.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradehost.api.command.OrderIntent;
import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.event.OrderFilled;
import io.tradehost.api.strategy.StrategyFactory;
import io.tradehost.api.strategy.event.EventStrategyFactory;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.app.cli.TradehostCommand;
import io.tradehost.app.config.ConfigLoader;
import io.tradehost.app.config.HostConfig;
import io.tradehost.app.host.Host;
import io.tradehost.app.wiring.HostComponent;
import io.tradehost.app.wiring.HostInputs;
import io.tradehost.kernel.VirtualClock;
import io.tradehost.testkit.ContextBuilder;
import io.tradehost.testkit.EventRecorder;
import io.tradehost.testkit.Fixtures;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example {@code examples/ta4j-strategy} as its own {@code mvn package} leaves it, a bundle folder
 * (the plugin's jar, ta4j-core 0.18 and commons-math3), dropped into a plugins folder: it loads in a
 * layer of its own that neither the host nor another plugin can see into, a second plugin carries
 * another {@code ta4j.core} beside it, {@code tradehost plugins} lists what each bundles, and it trades
 * in a paper run and in a backtest of real trades.
 *
 * <p>The reactor builds {@code examples/ta4j-strategy} before {@code app} (it is listed before it, as
 * {@code examples/strategy-plugin} is for the image tests); run on its own, this test needs that build
 * first.
 */
class Ta4jDropInTest {
    private static final String STRATEGY = "ta4j-rsi";

    @TempDir
    Path work;

    private Path plugins;

    @BeforeEach
    void dropIn() throws IOException {
        plugins = Files.createDirectories(work.resolve("plugins"));
        copyTree(builtBundle(), plugins.resolve("ta4j-rsi"));
    }

    /** The example's bundle folder, where {@code mvn package} in {@code examples/ta4j-strategy} writes it. */
    static Path builtBundle() {
        // surefire runs in the module's directory, app/
        Path bundle = Path.of("..", "examples", "ta4j-strategy", "target", "plugin", "ta4j-rsi").toAbsolutePath()
                .normalize();
        if (!Files.isRegularFile(bundle.resolve("tradehost-example-ta4j-rsi-1.0.0.jar"))) {
            throw new IllegalStateException(bundle + " holds no built plugin: build the example first (mvn -B -f "
                    + "examples/ta4j-strategy/pom.xml package, or the whole reactor)");
        }
        return bundle;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path copy = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(f, copy);
                }
            }
        }
    }

    private PluginCatalog load() {
        return new PluginLoader(ModuleLayer.boot()).load(List.of(plugins));
    }

    private static StrategyFactory factory(PluginCatalog catalog, String name) {
        return catalog.strategies().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    private static PluginInfo info(PluginCatalog catalog, String name) {
        return catalog.describe().stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
    }

    /**
     * A second plugin, {@code old-ta4j}, with a library of its own that is also module {@code ta4j.core}
     * (a stand-in for another version, 0.17, named as Maven names ta4j-core's jar) whose strategy holds
     * with the reason that library gives; and {@code steady}, a plugin with no library at all.
     */
    private void oldTa4jBeside() throws IOException {
        PluginJars jars = new PluginJars(work.resolve("build-old"));
        Path bundle = Files.createDirectories(plugins.resolve("old-ta4j"));
        Path lib = PluginJars.jar(jars.compile(Map.of("org/ta4j/core/Version.java", "package org.ta4j.core;"
                + " public final class Version { public static String value() { return \"0.17 stand-in\"; } }"),
                List.of(), null), bundle.resolve("ta4j-core-0.17.jar"));
        Map<String, String> sources = new HashMap<>(PluginSources.strategy("com.example.oldta4j", "old-ta4j",
                "return Decision.hold(org.ta4j.core.Version.value());"));
        sources.put("module-info.java", "module com.example.oldta4j { requires io.tradehost.api; requires ta4j.core;"
                + " provides io.tradehost.api.strategy.StrategyFactory with com.example.oldta4j.Factory; }");
        PluginJars.jar(jars.compile(sources, List.of(PluginJars.apiModule(), lib), "2.0"), bundle.resolve("plugin.jar"));
        PluginJars.jar(new PluginJars(work.resolve("build-steady")).compile(PluginSources.strategy("com.example.steady",
                "steady", PluginSources.TRADES), List.of(), "1.0"), plugins.resolve("steady.jar"));
    }

    private static Class<?> find(String type, ClassLoader loader) throws ClassNotFoundException {
        return Class.forName(type, false, loader);
    }

    @Test
    void ta4jLivesInThePluginsOwnLayerWhichNeitherTheHostNorAnotherPluginSees() throws Exception {
        try (Stream<Path> files = Files.list(builtBundle())) {
            assertThat(files.map(f -> f.getFileName().toString())).as("the layout: no api, no SLF4J, nothing else")
                    .containsExactlyInAnyOrder("tradehost-example-ta4j-rsi-1.0.0.jar", "ta4j-core-0.18.jar",
                            "commons-math3-3.6.1.jar");
        }
        oldTa4jBeside();
        PluginCatalog catalog = load();
        assertThat(catalog.describe()).filteredOn(i -> !i.isLoaded()).isEmpty();
        assertThat(catalog.strategyNames()).contains(STRATEGY, "old-ta4j", "steady");

        Module plugin = factory(catalog, STRATEGY).getClass().getModule();
        ModuleLayer layer = plugin.getLayer();
        assertThat(plugin.getName()).isEqualTo("com.example.ta4jrsi");
        assertThat(layer).isNotSameAs(ModuleLayer.boot());
        assertThat(layer.parents()).containsExactly(ModuleLayer.boot());
        Module ta4j = layer.findModule("ta4j.core").orElseThrow();
        assertThat(ta4j.getLayer()).as("ta4j is in the plugin's layer, not a shared one").isSameAs(layer);
        assertThat(ta4j.getDescriptor().isAutomatic()).isTrue();
        assertThat(ta4j.getDescriptor().version()).map(ModuleDescriptor.Version::toString).contains("0.18");
        assertThat(plugin.canRead(ta4j)).isTrue();
        Class<?> series = find("org.ta4j.core.BarSeries", plugin.getClassLoader());
        assertThat(series.getModule()).isSameAs(ta4j);

        // the host: no ta4j module in its layer, and its class loaders (the class path's too) find no ta4j class
        assertThat(ModuleLayer.boot().findModule("ta4j.core")).isEmpty();
        assertThat(ModuleLayer.boot().findModule("commons.math3")).isEmpty();
        for (ClassLoader hostLoader : List.of(PluginLoader.class.getClassLoader(), ClassLoader.getSystemClassLoader(),
                ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> find("org.ta4j.core.BarSeries", hostLoader))
                    .isInstanceOf(ClassNotFoundException.class);
        }
        // another plugin without ta4j sees none of it
        ClassLoader steady = factory(catalog, "steady").getClass().getClassLoader();
        assertThatThrownBy(() -> find("org.ta4j.core.BarSeries", steady)).isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> find("org.apache.commons.math3.linear.RealMatrix", steady))
                .isInstanceOf(ClassNotFoundException.class);

        // two ta4j.core modules side by side, each plugin with its own
        StrategyFactory old = factory(catalog, "old-ta4j");
        Module oldTa4j = old.getClass().getModule().getLayer().findModule("ta4j.core").orElseThrow();
        assertThat(oldTa4j).isNotSameAs(ta4j);
        assertThat(oldTa4j.getDescriptor().version()).map(ModuleDescriptor.Version::toString).contains("0.17");
        assertThatThrownBy(() -> find("org.ta4j.core.BarSeries", old.getClass().getClassLoader()))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> find("org.ta4j.core.Version", plugin.getClassLoader()))
                .isInstanceOf(ClassNotFoundException.class);
        assertThat(old.create(PluginConfig.empty("s")).decide(ContextBuilder.forProduct(Fixtures.spot("SOL-USD"))
                .marks("1").build()).reason()).isEqualTo("0.17 stand-in");
        // and the real one works in its layer: creating the strategy runs ta4j (its warm-up computes an RSI)
        assertThat(((EventStrategyFactory) factory(catalog, STRATEGY)).createEventStrategy(
                PluginConfig.empty("strategy.config.ta4j-rsi"))).isNotNull();

        // what the bundle carries duplicates nothing of the host: no module name, no package; SLF4J, which
        // ta4j logs through, is the host's
        Set<String> hostPackages = new HashSet<>();
        ModuleLayer.boot().modules().forEach(m -> hostPackages.addAll(m.getPackages()));
        for (Module m : layer.modules()) {
            assertThat(ModuleLayer.boot().findModule(m.getName())).as(m.getName()).isEmpty();
            assertThat(m.getPackages()).as(m.getName()).doesNotContainAnyElementsOf(hostPackages);
        }
        assertThat(layer.modules()).extracting(Module::getName).as("no SLF4J of its own")
                .containsExactlyInAnyOrder("com.example.ta4jrsi", "ta4j.core", "commons.math3");
        Module slf4j = ModuleLayer.boot().findModule("org.slf4j").orElseThrow();
        assertThat(ta4j.canRead(slf4j)).isTrue();
        assertThat(find("org.slf4j.Logger", ta4j.getClassLoader()).getModule()).isSameAs(slf4j);
    }

    @Test
    void theCatalogAndTradehostPluginsListWhatEachBundleCarries() throws Exception {
        oldTa4jBeside();
        PluginCatalog catalog = load();
        PluginInfo rsi = info(catalog, STRATEGY);
        assertThat(rsi.module()).isEqualTo("com.example.ta4jrsi");
        assertThat(rsi.version()).isEqualTo("1.0.0");
        assertThat(rsi.origin()).endsWith(Path.of("ta4j-rsi", "tradehost-example-ta4j-rsi-1.0.0.jar").toString());
        assertThat(rsi.sha256()).isEqualTo(EntryHash.of(plugins.resolve("ta4j-rsi")));
        assertThat(rsi.bundled()).containsExactly(
                new PluginInfo.Bundled("commons.math3", "3.6.1", "commons-math3-3.6.1.jar", true),
                new PluginInfo.Bundled("ta4j.core", "0.18", "ta4j-core-0.18.jar", true));
        assertThat(info(catalog, "old-ta4j").bundled()).containsExactly(
                new PluginInfo.Bundled("ta4j.core", "0.17", "ta4j-core-0.17.jar", true));
        assertThat(info(catalog, "steady").bundled()).isEmpty();
        assertThat(info(catalog, "ma-crossover").bundled()).isEmpty();

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(TradehostCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), "plugins", "--json",
                "--plugins", plugins.toString())).as(err.toString()).isZero();
        JsonNode listed = null;
        for (JsonNode p : new ObjectMapper().readTree(out.toString())) {
            if (p.get("name").asText().equals(STRATEGY)) {
                listed = p;
            }
        }
        assertThat(listed).isNotNull();
        assertThat(listed.get("bundled").toString()).isEqualTo("[{\"module\":\"commons.math3\",\"version\":\"3.6.1\","
                + "\"file\":\"commons-math3-3.6.1.jar\",\"automatic\":true},{\"module\":\"ta4j.core\",\"version\":"
                + "\"0.18\",\"file\":\"ta4j-core-0.18.jar\",\"automatic\":true}]");
        assertThat(listed.get("isolation").asText()).isEqualTo("isolated");

        out.getBuffer().setLength(0);
        assertThat(TradehostCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), "plugins",
                "--plugins", plugins.toString())).isZero();
        List<String> lines = out.toString().lines().toList();
        int row = lines.indexOf(lines.stream().filter(l -> l.contains(" " + STRATEGY + " ")).findFirst().orElseThrow());
        assertThat(lines.subList(row + 1, row + 4)).containsExactly(
                "         sha256: " + rsi.sha256(),
                "         bundles: commons.math3 3.6.1 (commons-math3-3.6.1.jar, automatic module)",
                "         bundles: ta4j.core 0.18 (ta4j-core-0.18.jar, automatic module)");
    }

    @Test
    void itTradesInAPaperRunIsolatedOnAWorkerOfItsOwn() {
        PluginCatalog catalog = load();
        assertThat(catalog.isDropIn("strategy", STRATEGY)).isTrue();
        VirtualClock clock = new VirtualClock(Fixtures.EPOCH);
        // every symbol on RSI(14) of 5-minute bars, 30 / 70, 1000 a trade: the defaults
        HostConfig config = ConfigLoader.load(null, List.of("strategy.name=" + STRATEGY,
                "venue.config.tick_interval=\"5s\""));
        Host host = HostComponent.wire(config, HostInputs.of("rsi", clock, 9, Map.of()), catalog, clock);
        EventRecorder events = new EventRecorder();
        host.kernel().observe(events);
        host.start();
        for (int hour = 0; hour < 24; hour++) {
            host.kernel().advanceBy(Duration.ofHours(1));
        }
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .as("a drop-in runs isolated").anyMatch(n -> n.startsWith("plugin strategy " + STRATEGY));
        List<OrderIntent> intents = events.of(OrderIntent.class);
        assertThat(intents).isNotEmpty().allSatisfy(i -> {
            assertThat(i.strategy()).isEqualTo(STRATEGY);
            assertThat(i.reason()).isEqualTo(i.side() == Side.BUY ? "rsi-entry: crossed below 30"
                    : "rsi-exit: crossed above 70");
            assertThat(i.reduceOnly()).isEqualTo(i.side() == Side.SELL);
        });
        // per symbol: a buy, then the sale of what it bought, and so on; every order filled
        Map<Symbol, List<OrderIntent>> bySymbol = new TreeMap<>(Comparator.comparing(Symbol::value));
        intents.forEach(i -> bySymbol.computeIfAbsent(i.symbol(), s -> new ArrayList<>()).add(i));
        bySymbol.forEach((symbol, orders) -> {
            for (int i = 0; i < orders.size(); i++) {
                assertThat(orders.get(i).side()).isEqualTo(i % 2 == 0 ? Side.BUY : Side.SELL);
                if (i % 2 == 1) {
                    assertThat(orders.get(i).quantity()).isEqualTo(orders.get(i - 1).quantity());
                }
            }
            assertThat(host.portfolio().position(symbol).quantity()).as(symbol.value())
                    .isEqualTo(orders.size() % 2 == 0 ? Quantity.ZERO : orders.getLast().quantity());
        });
        assertThat(bySymbol.values()).as("a round trip").anyMatch(orders -> orders.size() >= 2);
        assertThat(host.portfolio().counters().filled()).isEqualTo(intents.size());
        assertThat(events.of(OrderFilled.class)).isNotEmpty();
        assertThat(host.registry().all()).filteredOn(h -> h.component().equals("strategy")).singleElement()
                .satisfies(h -> assertThat(h.error()).isNull());
        host.stop();
    }

    /** 5-minute closes of a {@code timestamp,price,amount} file (epoch seconds, after a header line). */
    private record Bars(long firstStartSecond, List<Double> closes) {
        long endNanos(int bar) {
            return (firstStartSecond + 300L * (bar + 1)) * 1_000_000_000L;
        }
    }

    /**
     * The file's 5-minute bars as the host builds them, worked out here with plain string splitting: the
     * last price of each bar, a bar without trades flat at the close before; the last bar, which the
     * data never closes, left out.
     */
    private static Bars fiveMinuteBars(Path file) throws IOException {
        TreeMap<Long, Double> last = new TreeMap<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split(",");
                last.put(Long.parseLong(f[0]) / 300, Double.parseDouble(f[1]));
            }
        }
        List<Double> closes = new ArrayList<>();
        for (long bar = last.firstKey(); bar < last.lastKey(); bar++) {
            closes.add(last.containsKey(bar) ? last.get(bar) : closes.getLast());
        }
        return new Bars(last.firstKey() * 300, closes);
    }

    /**
     * The bars at which the rule trades, from an RSI computed here without ta4j: Wilder's smoothing
     * ({@code a += (x - a) / 14}) of gains and losses from the first bar, RSI = 100 - 100 / (1 + gain /
     * loss); from bar 14 on, a cross below 30 while flat buys, a cross above 70 while long sells.
     */
    private static List<Integer> crossings(List<Double> closes) {
        double gain = 0;
        double loss = 0;
        double before = Double.NaN;
        boolean flat = true;
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < closes.size(); i++) {
            double change = i == 0 ? 0 : closes.get(i) - closes.get(i - 1);
            gain += (Math.max(change, 0) - gain) / 14;
            loss += (Math.max(-change, 0) - loss) / 14;
            double rsi = loss == 0 ? (gain == 0 ? 0 : 100) : 100 - 100 / (1 + gain / loss);
            if (i > 14 && (flat ? before >= 30 && rsi < 30 : before <= 70 && rsi > 70)) {
                out.add(i);
                flat = !flat;
            }
            before = rsi;
        }
        return out;
    }

    private static long nanos(JsonNode time) {
        Instant at = Instant.parse(time.asText());
        return at.getEpochSecond() * 1_000_000_000L + at.getNano();
    }

    @Test
    void itTradesInABacktestOfRealTradesAtTheBarsASecondComputationOfTheRsiNames() throws Exception {
        Path trades = work.resolve("bitstamp.csv");
        try (InputStream in = ClassLoader.getSystemClassLoader().getResourceAsStream(
                "bitstamp_trades_from_20131125_usd.csv")) {
            assertThat(in).as("org.ta4j:ta4j-examples (test scope) holds the trades").isNotNull();
            Files.copy(in, trades);
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path report = work.resolve("report");
        assertThat(TradehostCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), "backtest",
                "--data", trades.toString(), "--format", "trades", "--symbol", "BTC-USD", "--strategy", STRATEGY,
                "--plugins", plugins.toString(), "--report", report.toString())).as(err.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(report.resolve("report.json").toFile());

        Bars bars = fiveMinuteBars(trades);
        List<Integer> expected = crossings(bars.closes());
        assertThat(expected).as("a week of Bitstamp trades in November 2013 crosses both levels").hasSizeGreaterThan(4);
        assertThat(json.get("fills").asInt()).as("one fill per crossing").isEqualTo(expected.size());
        JsonNode trips = json.get("trade_list");
        assertThat(trips.size()).as("closed round trips").isEqualTo(expected.size() / 2);
        for (int t = 0; t < trips.size(); t++) {
            JsonNode trip = trips.get(t);
            assertThat(trip.get("entry_tag").asText()).isEqualTo("rsi-entry: crossed below 30");
            assertThat(trip.get("exit_tag").asText()).isEqualTo("rsi-exit: crossed above 70");
            // ordered once the crossing bar closed: at its end, or when the host's bar_close_delay (250 ms) ran out
            assertThat(nanos(trip.get("entry_time")) - bars.endNanos(expected.get(2 * t))).as("entry %d", t)
                    .isBetween(0L, 250_000_000L);
            assertThat(nanos(trip.get("exit_time")) - bars.endNanos(expected.get(2 * t + 1))).as("exit %d", t)
                    .isBetween(0L, 250_000_000L);
        }
    }
}
