package io.tradehost.app.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.app.cli.TradehostCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tradehost backtest} on data no one meant to replay: a file without line breaks, binary
 * bytes in a row. The error stays one short line; nothing from the data reaches the terminal raw.
 */
class BadDataTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int backtest(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        List<String> all = new ArrayList<>(List.of("backtest"));
        all.addAll(List.of(args));
        return TradehostCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true),
                all.toArray(String[]::new));
    }

    @Test
    void tenMegabytesWithoutALineBreakExitTwoWithAShortError() throws Exception {
        Path data = dir.resolve("noline.csv");
        byte[] bytes = new byte[10_000_000];
        Arrays.fill(bytes, (byte) 0x1b);
        Files.write(data, bytes);

        assertThat(backtest("--data", data.toString(), "--symbol", "BTC-USD")).isEqualTo(2);

        assertThat(err.toString()).isEqualTo("tradehost: bad data: " + data + ":1: line longer than 65536 bytes"
                + " (--skip-bad-rows skips such rows)\n");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void escAndNulBytesInARowAreQuotedEscapedInTheErrorAndInTheSkippedRows() throws Exception {
        Path data = dir.resolve("esc.csv");
        Files.writeString(data, "timestamp,price,amount\n1700000000,100,1\n1700000001,\u001b[2J9\u0000,1\n"
                + "1700000002,101,1\n");

        assertThat(backtest("--data", data.toString(), "--symbol", "BTC-USD")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("tradehost: bad data: " + data + ":3: price '\\u001b[2J9\\u0000' is not a"
                + " decimal price: not a decimal: '\\u001b[2J9\\u0000' (--skip-bad-rows skips such rows)\n");

        assertThat(backtest("--data", data.toString(), "--symbol", "BTC-USD", "--skip-bad-rows")).isZero();
        assertThat(err.toString()).contains("tradehost: skipped 1 bad rows; the first: " + data + ":3: price"
                + " '\\u001b[2J9\\u0000' is not a decimal price").doesNotContain("\u001b", "\u0000");
    }
}
