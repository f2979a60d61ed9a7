package io.tradehost.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated configurations through the whole check, in-process: the embedded defaults mutated in
 * keys, types, ranges and TOML syntax, and cut short as a half-written file would be. Each is
 * accepted or refused with one line per problem, never an exception; and the check agrees with
 * the plain loader, an independent path through the host keys: what the loader refuses, the check
 * refuses too, and what the check accepts, the loader accepts.
 */
class ConfigFuzzTest {
    private static final int CASES = 10_000;
    private static final String[] VALUES = {"0", "-1", "1", "2", "64", "1e9", "99999999999999999999", "0.5", "\"\"",
        "\"abc\"", "\"5s\"", "\"0ms\"", "\"-3\"", "\"0.00000000001\"", "true", "false", "[]", "[\"BTC-PERP\"]",
        "[1, 2]", "{}", "\"paper\"", "\"coinbase\"", "\"interval\"", "\"IOC\"", "\"canary\"", "\"dev\"", "nan"};
    private static final String[] JUNK = {"[", "]", "=", "\"", "[[x]]", "a.b = 1", "= 3", "\\", "#", "{", "'"};

    @TempDir
    Path dir;

    @Test
    void tenThousandGeneratedConfigurationsAreEachAcceptedOrRefusedLineByLine() throws IOException {
        List<String> base = ConfigLoader.embeddedText().lines().toList();
        SplittableRandom random = new SplittableRandom(20261202);
        Path file = dir.resolve("fuzz.toml");
        int accepted = 0;
        int refused = 0;
        for (int n = 0; n < CASES; n++) {
            String text = mutate(base, random);
            Files.writeString(file, text);
            ConfigCheck.Result result = ConfigCheck.check(file, List.of(), Map.of(), ConfigCheckTest.BUILT_INS);
            boolean loads;
            try {
                ConfigLoader.load(file, List.of());
                loads = true;
            } catch (ConfigError e) {
                loads = false;
            }
            if (result.ok()) {
                accepted++;
                assertThat(result.config()).isNotNull();
                assertThat(loads).as("the loader accepts what the check accepts:%n%s", text).isTrue();
            } else {
                refused++;
                assertThat(result.problems()).isNotEmpty().allSatisfy(p -> {
                    String line = p.toLine();
                    assertThat(line).doesNotContain("\n").doesNotContain("\r")
                            .startsWith(p.origin()).doesNotContain("Exception");
                    assertThat(p.message()).isNotBlank();
                });
                assertThat(result.problems()).extracting(ConfigCheck.Problem::key).doesNotHaveDuplicates();
            }
            if (!loads) {
                assertThat(result.ok()).as("the check refuses what the loader refuses:%n%s", text).isFalse();
            }
        }
        // both outcomes are exercised, so neither assertion above holds vacuously
        assertThat(accepted).isGreaterThan(CASES / 20);
        assertThat(refused).isGreaterThan(CASES / 4);
    }

    private static String mutate(List<String> base, SplittableRandom random) {
        List<String> lines = new ArrayList<>(base);
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            int at = random.nextInt(lines.size());
            String line = lines.get(at);
            int eq = line.indexOf('=');
            switch (random.nextInt(7)) {
                case 0 -> lines.remove(at);
                case 1 -> lines.add(at, lines.get(random.nextInt(lines.size())));
                case 2 -> {
                    if (eq > 0 && !line.startsWith("#")) {
                        lines.set(at, line.substring(0, eq + 1) + " " + VALUES[random.nextInt(VALUES.length)]);
                    }
                }
                case 3 -> {
                    if (eq > 1 && !line.startsWith("#")) {
                        int pos = random.nextInt(eq - 1);
                        lines.set(at, line.substring(0, pos) + (char) ('a' + random.nextInt(26)) + line.substring(pos + 1));
                    }
                }
                case 4 -> lines.add(at, JUNK[random.nextInt(JUNK.length)]);
                case 5 -> {
                    String joined = String.join("\n", lines);
                    return joined.substring(0, random.nextInt(joined.length()));
                }
                default -> {
                    if (eq > 0 && line.startsWith("max") || line.contains("fraction") || line.contains("window")) {
                        lines.set(at, line.substring(0, Math.max(0, eq + 1)) + " " + VALUES[random.nextInt(8)]);
                    }
                }
            }
        }
        return String.join("\n", lines) + "\n";
    }
}
