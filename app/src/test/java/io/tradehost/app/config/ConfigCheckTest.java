package io.tradehost.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.venue.Venue;
import io.tradehost.api.venue.VenueContext;
import io.tradehost.api.venue.VenueFactory;
import io.tradehost.app.plugins.PluginCatalog;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ConfigCheck}: every problem at once, one line each, with where and what is nearest. */
class ConfigCheckTest {
    static final PluginCatalog BUILT_INS = PluginCatalog.fromLayer(ModuleLayer.boot());

    @TempDir
    Path dir;

    private Path write(String toml) throws IOException {
        Path file = dir.resolve("host.toml");
        Files.writeString(file, toml);
        return file;
    }

    @Test
    void threeMistakesAreThreeLinesWithTheirLineKeyAndNearestValidKey() throws IOException {
        Path file = write("""
                [host]
                symbols = ["BTC-PERP"]

                [venue]
                name = "paper"

                [strategy]
                name = "ma-crossover"
                cycle = "sometimes"

                [guards]
                order = ["leverage"]

                [guards.config.leverage]
                mx = "3"

                [runtime_guards.config.daily-loss]
                max_loss = "-5"
                """);

        ConfigCheck.Result result = ConfigCheck.check(file, List.of(), Map.of(), BUILT_INS);

        assertThat(result.ok()).isFalse();
        assertThat(result.problems()).extracting(ConfigCheck.Problem::toLine).containsExactly(
                file + ":9: strategy.cycle: must be one of [on-mark, interval] (was \"sometimes\")",
                file + ":15: guards.config.leverage.mx: unknown key for guard 'leverage' (did you mean"
                        + " guards.config.leverage.max?)",
                file + ":18: runtime_guards.config.daily-loss.max_loss: must be between 0 and 1000000000 (was -5)");
    }

    @Test
    void aGoodFileIsAcceptedWithTheDefaultsItTook() throws IOException {
        Path file = write("""
                [host]
                symbols = ["BTC-PERP"]
                [venue]
                name = "paper"
                [strategy]
                name = "breakout"
                """);

        ConfigCheck.Result result = ConfigCheck.check(file, List.of(), Map.of(), BUILT_INS);

        assertThat(result.problems()).isEmpty();
        assertThat(result.config().strategy()).isEqualTo("breakout");
        assertThat(result.config().profile()).isEqualTo(Profile.DEMO);
        assertThat(result.defaults()).containsEntry("telemetry.mark_window", 64L).containsKey("strategy.interval");
    }

    @Test
    void notTomlIsOneLineNamingTheLine() throws IOException {
        Path file = write("[host]\nsymbols = [\"BTC-PERP\"\n[venue]\n");

        ConfigCheck.Result result = ConfigCheck.check(file, List.of(), Map.of(), BUILT_INS);

        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.toLine()).startsWith(file + ":3: not valid TOML");
            assertThat(p.toLine()).doesNotContain("\n");
        });
    }

    @Test
    void aWrongOverrideIsNamedAsTheOverride() {
        ConfigCheck.Result result = ConfigCheck.check(null, List.of("telemetry.mark_window=0"), Map.of(), BUILT_INS);

        assertThat(result.problems()).extracting(ConfigCheck.Problem::toLine)
                .containsExactly("--set: telemetry.mark_window: must be between 2 and 100000 (was 0)");
    }

    @Test
    void aMisspeltVenueIsOneProblemNotOnePerKeyOfItsBlock() throws IOException {
        Path file = write("""
                [host]
                symbols = ["BTC-PERP"]
                [venue]
                name = "coinbsae"
                [venue.config]
                rest_url = "http://127.0.0.1:1"
                [strategy]
                name = "ma-crossover"
                """);

        ConfigCheck.Result result = ConfigCheck.check(file, List.of(), Map.of(), BUILT_INS);

        assertThat(result.problems()).extracting(ConfigCheck.Problem::key).containsExactly("venue.name");
    }

    @Test
    void theDevProfileRefusesAVenueOnARealMarket() {
        ConfigCheck.Result result = ConfigCheck.check(null, List.of("host.profile=\"dev\"", "venue.name=\"coinbase\"",
                "venue.config={}"), Map.of(), BUILT_INS);

        assertThat(result.problems()).extracting(ConfigCheck.Problem::toLine).containsExactly(
                "--set: venue.name: venue 'coinbase' trades on a real market; host.profile dev allows simulated"
                        + " venues only (paper)");
    }

    @Test
    void profilesAreLayersUnderTheFileAndTheEnvironmentPicksOne() throws IOException {
        ConfigLoader.Layered canary = ConfigLoader.layer(null, List.of(), Map.of("TRADEHOST_PROFILE", "canary"));
        assertThat(canary.sources()).containsEntry("host.profile", "environment")
                .containsEntry("runtime.reduce_only", "profile canary")
                .containsEntry("execution.time_in_force", "profile canary")
                .containsEntry("guards.config.leverage.max", "profile canary")
                .containsEntry("venue.name", "default");
        HostConfig config = ConfigLoader.read(canary.origin(), canary.copyOfTree());
        assertThat(config.reduceOnly()).isTrue();
        assertThat(config.profile()).isEqualTo(Profile.CANARY);

        Path file = write("""
                [host]
                symbols = ["BTC-PERP"]
                profile = "canary"
                [venue]
                name = "paper"
                [strategy]
                name = "ma-crossover"
                [guards]
                order = ["leverage"]
                [guards.config.leverage]
                max = "2"
                """);
        assertThat(ConfigCheck.check(file, List.of(), Map.of(), BUILT_INS).problems())
                .extracting(ConfigCheck.Problem::toLine)
                .containsExactly(file + ":11: guards.config.leverage.max: must be at most 1 under host.profile canary"
                        + " (was 2)");
        assertThatThrownBy(() -> ConfigLoader.layer(null, List.of("host.profile=\"staging\""), Map.of()))
                .isInstanceOf(ConfigError.class)
                .hasMessage("--set: host.profile: must be one of [dev, demo, spot, canary, prod] (was \"staging\")");
        assertThat(ConfigLoader.read("x", ConfigLoader.layer(null, List.of("host.profile=\"prod\""), Map.of())
                .copyOfTree()).plugins().pins().requirePinned()).isTrue();
    }

    @Test
    void aSecretsValueNeverAppearsInAProblem() {
        ConfigCheck.Result result = ConfigCheck.check(null, List.of("alerts.telegram.token=12345678",
                "alerts.telegram.chat_id=\"1\""), Map.of(), BUILT_INS);

        assertThat(result.problems()).isNotEmpty().allSatisfy(p -> assertThat(p.toLine()).doesNotContain("12345678"));
    }

    @Test
    void aPluginThatFailsWithAnErrorWhileBeingCheckedIsOneProblemNotACrash() {
        Venue overflowing = (Venue) Proxy.newProxyInstance(Venue.class.getClassLoader(),
                new Class<?>[] {Venue.class}, (proxy, method, args) -> {
                    throw new StackOverflowError();
                });
        PluginCatalog catalog = BUILT_INS.withVenue(new VenueFactory() {
            @Override
            public String name() {
                return "deep";
            }

            @Override
            public String description() {
                return "closes by overflowing its stack";
            }

            @Override
            public List<String> requiredCredentials() {
                return List.of();
            }

            @Override
            public Venue create(PluginConfig config, VenueContext context) {
                return overflowing;
            }
        });

        ConfigCheck.Result result = ConfigCheck.check(null, List.of("venue.name=\"deep\"", "venue.config={}"),
                Map.of(), catalog);

        assertThat(result.problems()).extracting(ConfigCheck.Problem::toLine)
                .containsExactly("embedded defaults: checking failed: StackOverflowError");
    }

    @Test
    void theNearestKeyIsWithinAFewEditsOfTheSameTable() {
        List<String> known = List.of("telemetry.mark_window", "telemetry.status_interval", "host.symbols");
        assertThat(Nearest.key("telemetry.mark_windw", known)).isEqualTo("telemetry.mark_window");
        assertThat(Nearest.key("telemetry.stauts_interval", known)).isEqualTo("telemetry.status_interval");
        assertThat(Nearest.key("telemetry.colour", known)).isNull();
        assertThat(Nearest.key("host.mark_window", known)).isNull();
        assertThat(Nearest.distance("kitten", "sitting")).isEqualTo(3);
    }
}
