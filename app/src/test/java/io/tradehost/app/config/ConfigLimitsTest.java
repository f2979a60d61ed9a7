package io.tradehost.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.app.cli.TradehostCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ConfigLimits}: files too large, too deep or with too many keys are refused in one line
 * naming the file and the line, through {@code config check} and {@code run}, before anything
 * recursive runs. The timeouts only guard against a hang; the times are measured by hand.
 */
class ConfigLimitsTest {
    private static final String TOO_DEEP = "tables or arrays nested more than 32 deep";
    private static final String TOO_MANY = "more than 10000 keys, tables and arrays, the most a configuration may"
            + " hold";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private Path write(String name, String toml) throws IOException {
        return Files.writeString(dir.resolve(name), toml);
    }

    private int cli(String... args) {
        return TradehostCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    /** {@code config check FILE}: its exit status, and its lines on stdout. */
    private List<String> check(Path file, int status) {
        out.getBuffer().setLength(0);
        assertThat(cli("config", "check", file.toString())).as(err.toString()).isEqualTo(status);
        return out.toString().lines().toList();
    }

    @Test
    void tablesTwoThousandDeepAreOneLineWithExitTwoFromConfigCheckAndRun() throws IOException {
        Path file = write("deep.toml", "# deep\n[" + "a.".repeat(1999) + "a]\nx = 1\n");

        assertThat(check(file, 2)).containsExactly(file + ":2: " + TOO_DEEP);

        Path data = dir.resolve("data");
        assertThat(cli("run", "--config", file.toString(), "--data-dir", data.toString())).isEqualTo(2);
        assertThat(err.toString().lines().toList()).containsExactly("tradehost: config error: " + file + ":2: "
                + TOO_DEEP);
        assertThat(data).doesNotExist();
    }

    @Test
    void dottedKeysTwentyThousandDeepAreOneLine() throws IOException {
        Path file = write("dotted.toml", "[host]\n" + "a.".repeat(19_999) + "a = 1\n");

        assertThat(check(file, 2)).containsExactly(file + ":2: " + TOO_DEEP);
    }

    @Test
    void inlineTablesAndArraysTwoThousandDeepAreOneLine() throws IOException {
        Path inline = write("inline.toml", "x = " + "{a=".repeat(2000) + "1" + "}".repeat(2000) + "\n");
        Path arrays = write("arrays.toml", "\n\nx = " + "[".repeat(2000) + "1" + "]".repeat(2000) + "\n");
        Path tables = write("tables.toml", "[[a]]\nb = [" + "{c=[".repeat(1000) + "]}".repeat(1000) + "]\n");

        assertThat(check(inline, 2)).containsExactly(inline + ":1: " + TOO_DEEP);
        assertThat(check(arrays, 2)).containsExactly(arrays + ":3: " + TOO_DEEP);
        assertThat(check(tables, 2)).containsExactly(tables + ":2: " + TOO_DEEP);

        assertThat(cli("run", "--config", arrays.toString(), "--data-dir", dir.resolve("data").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).isEqualTo("tradehost: config error: " + arrays + ":3: " + TOO_DEEP + "\n");
    }

    @Test
    void thirtyTwoLevelsAreAllowedAndTheThirtyThirdIsRefusedWhereItOpens() {
        // a value sits in as many tables and arrays as its header's parts, its key's parts but the last, and the
        // inline tables and arrays around it (an array of tables is one level, each of its tables the next)
        for (String fine : List.of("[" + "a.".repeat(31) + "a]\n", "a.".repeat(32) + "a = 1\n",
                "[a]\n" + "a.".repeat(31) + "a = 1\n", "x = [\n" + "[".repeat(31) + "1" + "]".repeat(31) + "\n]\n",
                "[[a]]\n" + "b.".repeat(29) + "b = [1]\n", "x = " + "{a=".repeat(31) + "[1]" + "}".repeat(31))) {
            assertThat(ConfigLoader.parse(fine, "fine.toml")).as(fine).isNotNull();
        }
        Map<String, Integer> deep = Map.of("[" + "a.".repeat(32) + "a]\n", 1, "a.".repeat(33) + "a = 1\n", 1,
                "# a comment\n[a]\n" + "a.".repeat(32) + "a = 1\n", 3,
                "\nx = [\n" + "[".repeat(32) + "1" + "]".repeat(32) + "\n]\n", 3,
                "[[a]]\n" + "b.".repeat(30) + "b = [1]\n", 2, "x = " + "{a=".repeat(32) + "[1]" + "}".repeat(32), 1,
                "x = [1, [2, {a.b = " + "[".repeat(29) + "]".repeat(29) + "}]]", 1);
        deep.forEach((toml, line) -> assertThatThrownBy(() -> ConfigLoader.parse(toml, "deep.toml")).as(toml)
                .hasMessage("deep.toml:" + line + ": " + TOO_DEEP));
    }

    @Test
    void stringsCommentsAndQuotedKeysDoNotCountAsNesting() throws IOException {
        String toml = """
                # [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ a comment is not nesting
                "a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z.1.2.3.4.5.6.7" = 1
                'literal.[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[' = '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[['
                basic = "\\" [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ \\\\"
                multi = \"\"\"
                [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ {{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{
                \\\"\"\" still the string \"\"\"\"
                lines = '''
                [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[''''
                when = 1979-05-27 07:32:00Z
                list = [ 1979-05-27 07:32:00Z, "]]]]", # ]]]]]]
                  { a = "}}}", b = [] }, ]
                empty = {}
                [[tables]]
                x = 1
                """;
        assertThat(ConfigLoader.parse(toml, "strings.toml").get("multi").asText())
                .contains("\"\"\" still the string \"");
        assertThat(ConfigLoader.parse(toml, "strings.toml").get("list")).hasSize(3);
    }

    @Test
    void moreKeysTablesAndArraysThanTheLimitAreRefusedAtTheLineOfTheFirstOneTooMany() {
        // each part of a dotted key or header counts, and each array or inline table in a value
        StringBuilder dotted = new StringBuilder("[a.b]\n");
        StringBuilder inline = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            dotted.append(i == 0 ? "" : "c" + i + ".d = 1\n");
            inline.append("t").append(i).append(" = {}\n");
        }
        String arrays = "x = [" + "[1],".repeat(9_998);
        for (String full : List.of(dotted.toString(), inline.toString(), arrays + "]")) {
            assertThat(ConfigLoader.parse(full, "many.toml")).isNotNull();
        }
        Map<String, Integer> over = Map.of(dotted + "e = 1\n", 5_001, inline + "\n\nu = []\n", 5_003,
                arrays + "[1]]", 1);
        over.forEach((toml, line) -> assertThatThrownBy(() -> ConfigLoader.parse(toml, "many.toml"))
                .hasMessage("many.toml:" + line + ": " + TOO_MANY));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void fiftyThousandUnknownTablesStopAtTheKeyLimit() throws IOException {
        StringBuilder toml = new StringBuilder();
        for (int i = 0; i < 50_000; i++) {
            toml.append("[t").append(i).append("]\nk = 1\n");
        }
        Path file = write("unknown.toml", toml.toString());

        assertThat(check(file, 2)).containsExactly(file + ":10001: " + TOO_MANY);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void unknownTablesUpToTheKeyLimitAreCheckedWholeAndListedUpToTheProblemLimit() throws IOException {
        StringBuilder toml = new StringBuilder();
        for (int i = 0; i < 4_999; i++) {
            toml.append("[t").append(i).append("]\nk = 1\n");
        }
        Path file = write("unknown.toml", toml.toString());

        List<String> lines = check(file, 2);

        assertThat(lines).hasSize(ConfigCheck.MAX_PROBLEMS + 1).startsWith(
                file + ": host.symbols: must list at least one symbol", file + ": venue.name: is required",
                file + ": strategy.name: is required", file + ":1: t0: unknown key", file + ":3: t1: unknown key");
        assertThat(lines.getLast()).isEqualTo(file + ": and 4952 more problem(s) not listed (only the first 50 are)");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void fourHundredThousandUnknownTablesStopAtTheSizeLimitWithoutReadingThemAll() throws IOException {
        StringBuilder toml = new StringBuilder();
        for (int i = 0; i < 400_000; i++) {
            toml.append("[t").append(i).append("]\nk = 1\n");
        }
        Path file = write("unknown.toml", toml.toString());

        assertThat(check(file, 2)).containsExactly(file + ": larger than 1048576 bytes (1 MiB), the most a"
                + " configuration may be");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void thousandsOfUnknownKeysAreListedUpToTheLimitAndCountedAfterIt() throws IOException {
        StringBuilder keys = new StringBuilder();
        for (int i = 0; i < 9_000; i++) {
            keys.append("\nshort").append(i).append(" = 5");
        }
        String defaults = ConfigLoader.embeddedText();
        Path file = write("unknown.toml", defaults.replace("short = 5", "short = 5" + keys));
        int first = (int) defaults.substring(0, defaults.indexOf("short = 5")).lines().count() + 2;

        List<String> lines = check(file, 2);

        assertThat(lines).hasSize(ConfigCheck.MAX_PROBLEMS + 1);
        assertThat(lines.getFirst()).isEqualTo(file + ":" + first + ": strategy.config.ma-crossover.short0: unknown"
                + " key for strategy 'ma-crossover' (did you mean strategy.config.ma-crossover.short?)");
        assertThat(lines.get(49)).startsWith(file + ":" + (first + 49) + ": strategy.config.ma-crossover.short49: ");
        assertThat(lines.getLast()).isEqualTo(file + ": and 8950 more problem(s) not listed (only the first 50 are)");
    }

    @Test
    void aFullListingLooksOnceMoreToSayWhetherThereIsMore() throws IOException {
        StringBuilder exactly = new StringBuilder(ConfigLoader.embeddedText());
        for (int i = 0; i < ConfigCheck.MAX_PROBLEMS; i++) {
            exactly.append("\n[unknown").append(i).append("]\n");
        }
        assertThat(check(write("fifty.toml", exactly.toString()), 2)).hasSize(ConfigCheck.MAX_PROBLEMS);

        Path more = write("more.toml", exactly.toString().replace("queue = 65536", "queue = 1"));
        assertThat(check(more, 2)).hasSize(ConfigCheck.MAX_PROBLEMS + 1)
                .startsWith(more + ":102: journal.queue: must be between 16 and 10000000 (was 1)")
                .endsWith(more + ": and 1 more problem(s) not listed (only the first 50 are)");
    }

    @Test
    void aHugeKeyOrValueIsCutAndItsControlCharactersEscapedInItsLine() throws IOException {
        Path key = write("key.toml", "\"" + "k".repeat(60_000) + "\" = 1\n" + ConfigLoader.embeddedText());
        Path value = write("value.toml", ConfigLoader.embeddedText().replace("status_interval = \"10s\"",
                "status_interval = \"\\u0007" + "9".repeat(60_000) + "\""));

        assertThat(check(key, 2)).singleElement().isEqualTo(key + ":1: " + "k".repeat(200) + "...: unknown key");
        assertThat(check(value, 2)).singleElement().asString().hasSizeLessThan(value.toString().length() + 600)
                .startsWith(value + ":" + lineOf("status_interval = ") + ": telemetry.status_interval: must be a duration")
                .contains("(was \"\\u00079999").endsWith("999...");
    }

    @Test
    void aStringLongerThanTheLimitOrBytesNotUtf8AreOneLineNamingTheLine() throws IOException {
        String longest = "x".repeat(ConfigLimits.MAX_STRING_CHARS);
        assertThat(ConfigLoader.parse("a = \"" + longest + "\"\nb = '''" + longest + "'''", "s.toml")).hasSize(2);
        Path string = write("string.toml", "[host]\n\n# long\nrun_id = \"" + longest + "x\"\n");
        Path binary = dir.resolve("binary.toml");
        Files.write(binary, "[host]\nrun_id = \"\u00e9\"\n\nx = \"".getBytes(StandardCharsets.UTF_8));
        Files.write(binary, new byte[] {(byte) 0xc3, 0x28, '"', '\n'}, StandardOpenOption.APPEND);

        assertThat(check(string, 2)).containsExactly(string + ":4: a string longer than 65536 characters, the most a"
                + " configuration may hold");
        assertThat(check(binary, 2)).containsExactly(binary + ":4: not UTF-8 (byte 28 of the file)");
    }

    @Test
    void overridesAreHeldToTheSameDepthAndTheParserToItsOwnLimits() {
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("host." + "a.".repeat(40) + "a=1")))
                .hasMessage("--set: " + TOO_DEEP);
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("host." + "a.".repeat(20) + "a="
                + "{b=".repeat(15) + "1" + "}".repeat(15))))
                .hasMessage("--set: " + TOO_DEEP);
        // past the parser's own nesting limit a value is not TOML, so it is taken as text
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("host.symbols=" + "[".repeat(33) + "]".repeat(33))))
                .hasMessage("embedded defaults: host.symbols: must be a list of strings (was \"" + "[".repeat(33)
                        + "]".repeat(33) + "\")");
    }

    /** The line of the embedded defaults that starts with {@code start}, from 1. */
    private static int lineOf(String start) {
        List<String> lines = ConfigLoader.embeddedText().lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(start)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line starts with " + start);
    }
}
