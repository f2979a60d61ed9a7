package io.tradehost.app.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.strategy.StrategyFactory;
import io.tradehost.testkit.ContextBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginLoaderTest {
    @TempDir
    Path work;

    private PluginJars jars;
    private Path plugins;

    @BeforeEach
    void setUp() throws IOException {
        jars = new PluginJars(work.resolve("build"));
        plugins = Files.createDirectories(work.resolve("plugins"));
    }

    private Path good(String module, String name) throws IOException {
        return PluginJars.jar(jars.compile(PluginSources.strategy(module, name, PluginSources.TRADES), List.of(), "1.2.3"),
                plugins.resolve(module + ".jar"));
    }

    private PluginCatalog load() {
        return new PluginLoader(ModuleLayer.boot()).load(List.of(plugins));
    }

    private static PluginInfo info(PluginCatalog catalog, String origin) {
        return catalog.describe().stream().filter(i -> i.origin().endsWith(origin)).findFirst().orElseThrow();
    }

    @Test
    void aModularJarLoadsInItsOwnLayerBesideTheBuiltIns() throws IOException {
        Path jar = good("com.example.steady", "steady");
        PluginCatalog catalog = load();
        assertThat(catalog.strategyNames()).containsExactly("ma-crossover", "breakout", "market-maker", "bar-trend", "pairs", "grid", "steady");
        PluginInfo info = info(catalog, "com.example.steady.jar");
        assertThat(info).isEqualTo(new PluginInfo("strategy", "steady", "test plugin steady", "com.example.steady",
                "1.2.3", jar.toString(), "loaded", "", true, EntryHash.of(jar)));
        StrategyFactory steady = catalog.strategies().getLast();
        Module module = steady.getClass().getModule();
        assertThat(module.getLayer()).isNotSameAs(ModuleLayer.boot());
        assertThat(module.getLayer().parents()).containsExactly(ModuleLayer.boot());
        assertThat(catalog.describe()).filteredOn(PluginInfo::isLoaded).hasSize(24);
    }

    @Test
    void badEntriesAreRefusedWithAReasonAndTheGoodOneBesideThemLoads() throws IOException {
        good("com.example.steady", "steady");
        Files.write(plugins.resolve("broken.jar"), new byte[] {'P', 'K', 3, 4, 42, 42, 42});
        PluginJars.jar(jars.compile(Map.of("plain/Thing.java", "package plain; public class Thing {}"), List.of(),
                null), plugins.resolve("plain.jar"));
        Path fakeApi = jars.compile(Map.of("module-info.java",
                "module io.tradehost.api { exports io.tradehost.api.strategy; }",
                "io/tradehost/api/strategy/StrategyFactory.java",
                "package io.tradehost.api.strategy; public interface StrategyFactory {}"), List.of(work), "9.0.0");
        PluginJars.jar(jars.compile(Map.of("module-info.java", "module com.example.future { requires io.tradehost.api;"
                        + " provides io.tradehost.api.strategy.StrategyFactory with com.example.future.F; }",
                "com/example/future/F.java", "package com.example.future;"
                        + " public class F implements io.tradehost.api.strategy.StrategyFactory {}"),
                List.of(fakeApi), "3.0"), plugins.resolve("future.jar"));
        PluginJars.jar(jars.compile(PluginSources.strategy("com.example.copycat", "ma-crossover", PluginSources.TRADES),
                List.of(), "1"), plugins.resolve("copycat.jar"));
        Files.writeString(plugins.resolve("notes.txt"), "not a plugin");

        PluginCatalog catalog = load();
        assertThat(catalog.strategyNames()).containsExactly("ma-crossover", "breakout", "market-maker", "bar-trend", "pairs", "grid", "steady");
        assertThat(info(catalog, "broken.jar").reason()).startsWith("cannot be read: ");
        assertThat(info(catalog, "plain.jar").reason()).startsWith("has no module descriptor (module-info.class)");
        assertThat(info(catalog, "future.jar").reason()).isEqualTo("module com.example.future was compiled against "
                + "api 9.0.0; this host speaks api 0.1.0-SNAPSHOT (major 0)");
        assertThat(info(catalog, "copycat.jar").reason())
                .startsWith("strategy name 'ma-crossover' is already provided by io.tradehost.plugins.strategies");
        assertThat(catalog.describe()).filteredOn(i -> !i.isLoaded()).extracting(PluginInfo::status)
                .containsOnly("refused").hasSize(4);
        assertThat(catalog.describe().getLast().status()).isEqualTo("refused");
    }

    @Test
    void bundlesCarryTheirOwnDependenciesEvenConflictingVersions() throws IOException {
        for (String version : List.of("one", "two")) {
            Path bundle = Files.createDirectories(plugins.resolve("bundle-" + version));
            Path lib = PluginJars.jar(jars.compile(Map.of("mylib/Version.java",
                    "package mylib; public final class Version { public static String value() { return \"" + version
                            + "\"; } }"), List.of(), null), bundle.resolve("mylib.jar"));
            Map<String, String> sources = new HashMap<>(PluginSources.strategy("com.example." + version,
                    "lib-" + version, "return Decision.hold(mylib.Version.value());"));
            sources.put("module-info.java", "module com.example." + version + " { requires io.tradehost.api;"
                    + " requires mylib; provides io.tradehost.api.strategy.StrategyFactory with com.example."
                    + version + ".Factory; }");
            PluginJars.jar(jars.compile(sources, List.of(PluginJars.apiModule(), lib), "1"),
                    bundle.resolve("plugin.jar"));
        }
        PluginCatalog catalog = load();
        assertThat(catalog.strategyNames()).contains("lib-one", "lib-two");
        assertThat(info(catalog, "bundle-one/plugin.jar").bundled()).as("tradehost plugins lists the library")
                .containsExactly(new PluginInfo.Bundled("mylib", "unversioned", "mylib.jar", true));
        for (StrategyFactory factory : catalog.strategies().subList(6, 8)) {
            String answer = factory.create(PluginConfig.empty("s")).decide(ContextBuilder
                    .forProduct(io.tradehost.testkit.Fixtures.spot("SOL-USD")).marks("1").build()).reason();
            assertThat("lib-" + answer).isEqualTo(factory.name());
        }
    }

    @Test
    void splitPackagesMissingDependenciesAndHostModuleCopiesAreRefused() throws IOException {
        // compiled against version 1 of a library; version 2 of it, in the bundle, also holds the plugin's package
        Path split = Files.createDirectories(plugins.resolve("split"));
        Path otherV1 = jars.compile(Map.of("module-info.java", "module com.example.other { exports com.example.util; }",
                "com/example/util/U.java", "package com.example.util; public class U {}"), List.of(), null);
        Map<String, String> sources = new HashMap<>(PluginSources.strategy("com.example.split", "split", PluginSources.TRADES));
        sources.put("module-info.java", "module com.example.split { requires io.tradehost.api; requires com.example.other;"
                + " provides io.tradehost.api.strategy.StrategyFactory with com.example.split.Factory; }");
        sources.put("com/example/shared/B.java", "package com.example.shared; public class B {}");
        PluginJars.jar(jars.compile(sources, List.of(PluginJars.apiModule(), otherV1), null),
                split.resolve("plugin.jar"));
        PluginJars.jar(jars.compile(Map.of("module-info.java",
                "module com.example.other { exports com.example.util; exports com.example.shared; }",
                "com/example/util/U.java", "package com.example.util; public class U {}",
                "com/example/shared/A.java", "package com.example.shared; public class A {}"), List.of(), null),
                split.resolve("other.jar"));

        Path needy = Files.createDirectories(work.resolve("needy-lib"));
        Path lib = PluginJars.jar(jars.compile(Map.of("module-info.java", "module com.example.lib { exports com.example.lib; }",
                "com/example/lib/L.java", "package com.example.lib; public class L {}"), List.of(), null),
                needy.resolve("lib.jar"));
        Map<String, String> needing = new HashMap<>(PluginSources.strategy("com.example.needy", "needy",
                PluginSources.TRADES));
        needing.put("module-info.java", "module com.example.needy { requires io.tradehost.api; requires com.example.lib;"
                + " provides io.tradehost.api.strategy.StrategyFactory with com.example.needy.Factory; }");
        PluginJars.jar(jars.compile(needing, List.of(PluginJars.apiModule(), lib), null), plugins.resolve("needy.jar"));

        Path smuggler = Files.createDirectories(plugins.resolve("smuggler"));
        Files.copy(PluginJars.apiModule().toFile().isDirectory() ? PluginJars.jar(PluginJars.apiModule(),
                work.resolve("api-copy.jar")) : PluginJars.apiModule(), smuggler.resolve("api.jar"));
        PluginJars.jar(jars.compile(PluginSources.strategy("com.example.smuggler", "smuggler", PluginSources.TRADES), List.of(),
                null), smuggler.resolve("plugin.jar"));

        PluginCatalog catalog = load();
        assertThat(catalog.strategyNames()).containsExactly("ma-crossover", "breakout", "market-maker", "bar-trend", "pairs", "grid");
        assertThat(info(catalog, "split").reason()).startsWith("cannot be resolved: ").contains("com.example.shared");
        assertThat(info(catalog, "split").bundled()).as("a refusal still says what the bundle carries")
                .containsExactly(new PluginInfo.Bundled("com.example.other", "unversioned", "other.jar", false));
        assertThat(info(catalog, "smuggler").bundled()).extracting(PluginInfo.Bundled::module)
                .containsExactly("io.tradehost.api");
        assertThat(info(catalog, "needy.jar").reason())
                .isEqualTo("needs module com.example.lib, which neither the plugin nor the host's runtime contains");
        assertThat(info(catalog, "smuggler").reason())
                .isEqualTo("carries its own copy of host module io.tradehost.api; plugins must use the host's");
    }

    @Test
    void aPluginThatProvidesNothingOrWhoseFactoryFailsIsRefused() throws IOException {
        PluginJars.jar(jars.compile(Map.of("module-info.java", "module com.example.idle { requires io.tradehost.api; }",
                "com/example/idle/I.java", "package com.example.idle; public class I {}"), List.of(), null),
                plugins.resolve("idle.jar"));
        Map<String, String> failing = new HashMap<>(PluginSources.strategy("com.example.fails", "fails",
                PluginSources.TRADES));
        failing.put("com/example/fails/Factory.java", failing.get("com/example/fails/Factory.java")
                .replace("public final class Factory implements StrategyFactory {",
                        "public final class Factory implements StrategyFactory {\n"
                                + " public Factory() { throw new IllegalStateException(\"no config file\"); }"));
        PluginJars.jar(jars.compile(failing, List.of(), null), plugins.resolve("fails.jar"));
        PluginJars.jar(jars.compile(Map.of("module-info.java", "module com.example.noapi {"
                        + " provides java.lang.Runnable with com.example.noapi.R; }",
                "com/example/noapi/R.java", "package com.example.noapi; public class R implements Runnable {"
                        + " public void run() {} }"), List.of(), null), plugins.resolve("noapi.jar"));

        PluginCatalog catalog = load();
        assertThat(info(catalog, "idle.jar").reason()).isEqualTo("provides no StrategyFactory, GuardFactory, RuntimeGuardFactory or VenueFactory");
        assertThat(info(catalog, "fails.jar").reason()).startsWith("a factory failed to start: ").contains("no config file");
        assertThat(info(catalog, "noapi.jar").reason()).isEqualTo("provides no StrategyFactory, GuardFactory, RuntimeGuardFactory or VenueFactory");
    }

    @Test
    void anExplodedModuleDirectoryLoadsAndAMissingDirectoryIsIgnored() throws IOException {
        Path classes = jars.compile(PluginSources.strategy("com.example.exploded", "exploded", PluginSources.TRADES), List.of(),
                "2");
        Path target = plugins.resolve("exploded");
        try (var files = Files.walk(classes)) {
            for (Path f : files.toList()) {
                Path copy = target.resolve(classes.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(f, copy);
                }
            }
        }
        PluginCatalog catalog = new PluginLoader(ModuleLayer.boot()).load(List.of(work.resolve("absent"), plugins));
        assertThat(catalog.strategyNames()).contains("exploded");
        assertThat(new PluginLoader(ModuleLayer.boot()).hostApiVersion()).isEqualTo("0.1.0-SNAPSHOT");
    }

    @Test
    void pinsLetThroughOnlyTheEntriesWhoseHashTheOperatorPinned() throws Exception {
        Path jar = good("com.example.steady", "steady");
        Path bundle = Files.createDirectories(plugins.resolve("bundle"));
        PluginJars.jar(jars.compile(PluginSources.strategy("com.example.other", "other", PluginSources.TRADES),
                List.of(), "1"), bundle.resolve("other.jar"));
        String jarHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(jar)));
        assertThat(EntryHash.of(jar)).as("a jar's hash is sha256sum's").isEqualTo(jarHash);
        String bundleHash = EntryHash.of(bundle);

        PluginCatalog strict = new PluginLoader(ModuleLayer.boot(), new PluginPins(Map.of("com.example.steady.jar",
                jarHash), true)).load(List.of(plugins));
        assertThat(strict.strategyNames()).contains("steady").doesNotContain("other");
        assertThat(info(strict, "bundle").reason()).isEqualTo("it is not pinned and plugins.require_pinned is set:"
                + " its SHA-256 is " + bundleHash + " (pin it with plugins.pins.\"bundle\" = \"" + bundleHash + "\")");
        assertThat(info(strict, "bundle").sha256()).isEqualTo(bundleHash);

        Files.writeString(bundle.resolve("notes.txt"), "a file added to the bundle changes its hash");
        PluginCatalog changed = new PluginLoader(ModuleLayer.boot(), new PluginPins(Map.of("bundle", bundleHash),
                false)).load(List.of(plugins));
        assertThat(changed.strategyNames()).contains("steady").doesNotContain("other");
        assertThat(info(changed, "bundle").reason()).startsWith("its SHA-256 is " + EntryHash.of(bundle)
                + ", not the pinned " + bundleHash);
        assertThat(EntryHash.of(bundle)).isNotEqualTo(bundleHash);
        assertThat(new PluginLoader(ModuleLayer.boot(), new PluginPins(Map.of("bundle", EntryHash.of(bundle)), true))
                .load(List.of(plugins)).strategyNames()).contains("other").doesNotContain("steady");
    }
}
