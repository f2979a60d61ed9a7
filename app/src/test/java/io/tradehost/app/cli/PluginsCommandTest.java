package io.tradehost.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradehost.app.plugins.PluginJars;
import io.tradehost.app.plugins.PluginSources;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tradehost plugins}: the whole listing always, and exit 2 when any plugin was refused. */
class PluginsCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return TradehostCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private Path pluginsWithSteady() throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        PluginJars.jar(new PluginJars(dir.resolve("build")).compile(PluginSources.strategy("com.example.steady",
                "steady", PluginSources.TRADES), List.of(), "1.0"), plugins.resolve("steady.jar"));
        return plugins;
    }

    @Test
    void aBrokenJarMakesTheListingExitTwoWithTheTableOrTheJsonPrintedWhole() throws IOException {
        Path plugins = pluginsWithSteady();
        Files.write(plugins.resolve("broken.jar"), new byte[] {1, 2, 3});

        assertThat(run("plugins", "--plugins", plugins.toString())).isEqualTo(2);
        assertThat(out.toString().lines().toList()).first().asString().startsWith("STATUS");
        assertThat(out.toString()).contains("steady").contains("ma-crossover").contains("reason: cannot be read");
        assertThat(err.toString()).isEqualTo("tradehost: refused 1 plugin(s): broken.jar\n");

        assertThat(run("plugins", "--json", "--plugins", plugins.toString())).isEqualTo(2);
        List<String> rows = new ArrayList<>();
        new ObjectMapper().readTree(out.toString()).forEach(p -> rows.add(p.get("name").asText() + ":"
                + p.get("status").asText()));
        assertThat(rows).contains("steady:loaded", "ma-crossover:loaded", "broken.jar:refused");
        assertThat(err.toString()).isEqualTo("tradehost: refused 1 plugin(s): broken.jar\n");
    }

    @Test
    void aBundleFolderListsEachLibraryItCarriesWithModuleVersionAndFile() throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path bundle = Files.createDirectories(plugins.resolve("with-libs"));
        PluginJars jars = new PluginJars(dir.resolve("build"));
        // a plain jar (an automatic module named and versioned after its file) and an explicit module
        Path plain = PluginJars.jar(jars.compile(Map.of("mylib/Value.java",
                "package mylib; public final class Value { public static String of() { return \"v\"; } }"),
                List.of(), null), bundle.resolve("mylib-2.1.jar"));
        Path explicit = PluginJars.jar(jars.compile(Map.of("module-info.java",
                "module com.example.util { exports com.example.util; }", "com/example/util/U.java",
                "package com.example.util; public final class U {}"), List.of(), "3.0"), bundle.resolve("lib/util.jar"));
        Map<String, String> sources = new HashMap<>(PluginSources.strategy("com.example.libs", "libs",
                "return Decision.hold(mylib.Value.of());"));
        sources.put("module-info.java", "module com.example.libs { requires io.tradehost.api; requires mylib;"
                + " requires com.example.util;"
                + " provides io.tradehost.api.strategy.StrategyFactory with com.example.libs.Factory; }");
        PluginJars.jar(jars.compile(sources, List.of(PluginJars.apiModule(), plain, explicit), "1.4"),
                bundle.resolve("plugin.jar"));
        Files.move(bundle.resolve("lib/util.jar"), bundle.resolve("util.jar"));
        Files.delete(bundle.resolve("lib"));

        assertThat(run("plugins", "--plugins", plugins.toString())).as(err.toString()).isZero();
        List<String> lines = out.toString().lines().toList();
        int row = lines.indexOf(lines.stream().filter(l -> l.contains(" libs ")).findFirst().orElseThrow());
        assertThat(lines.get(row)).contains("com.example.libs").contains("1.4");
        assertThat(lines.subList(row + 2, row + 4)).containsExactly(
                "         bundles: com.example.util 3.0 (util.jar)",
                "         bundles: mylib 2.1 (mylib-2.1.jar, automatic module)");
        assertThat(lines.stream().filter(l -> l.contains("bundles:"))).as("only the bundle lists libraries").hasSize(2);

        assertThat(run("plugins", "--json", "--plugins", plugins.toString())).isZero();
        JsonNode listing = new ObjectMapper().readTree(out.toString());
        JsonNode libs = listing.findParents("name").stream().filter(p -> p.get("name").asText().equals("libs"))
                .findFirst().orElseThrow();
        assertThat(libs.get("bundled").toString()).isEqualTo("[{\"module\":\"com.example.util\",\"version\":\"3.0\","
                + "\"file\":\"util.jar\",\"automatic\":false},{\"module\":\"mylib\",\"version\":\"2.1\","
                + "\"file\":\"mylib-2.1.jar\",\"automatic\":true}]");
        JsonNode builtIn = listing.findParents("name").stream().filter(p -> p.get("name").asText()
                .equals("ma-crossover")).findFirst().orElseThrow();
        assertThat(builtIn.get("bundled").isEmpty()).isTrue();
    }

    @Test
    void everyPluginLoadedExitsZeroAndAnUnpinnedOneUnderRequiredPinsExitsTwo() throws IOException {
        Path plugins = pluginsWithSteady();

        assertThat(run("plugins", "--json", "--plugins", plugins.toString())).isZero();
        assertThat(err.toString()).isEmpty();

        assertThat(run("plugins", "--json", "--plugins", plugins.toString(), "--set", "plugins.require_pinned=true"))
                .isEqualTo(2);
        JsonNode steady = new ObjectMapper().readTree(out.toString()).findParents("name").stream()
                .filter(p -> p.get("name").asText().equals("steady.jar")).findFirst().orElseThrow();
        assertThat(steady.get("status").asText()).isEqualTo("refused");
        assertThat(err.toString()).isEqualTo("tradehost: refused 1 plugin(s): steady.jar\n");
    }
}
