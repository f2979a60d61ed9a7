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
import java.util.List;
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
