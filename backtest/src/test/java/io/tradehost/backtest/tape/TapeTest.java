package io.tradehost.backtest.tape;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.api.value.Price;
import io.tradehost.api.value.Symbol;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TapeTest {
    private static final Symbol BTC = Symbol.of("BTC-USD");
    private static final Symbol ETH = Symbol.of("ETH-USD");

    @TempDir
    Path dir;

    private Tape tape(long from, long to) throws IOException {
        Path a = dir.resolve("a.csv");
        Files.writeString(a, "timestamp,price,amount\n1,100,1\n3,102,1\n3,101,1\n7,90,1\n");
        Path b = dir.resolve("b.csv");
        Files.writeString(b, "timestamp,symbol,bid,ask\n2,ETH-USD,9,11\n3,ETH-USD,10,12\n9,ETH-USD,19,21\n");
        return new Tape(List.of(CsvTape.open(a, null, BTC, false), CsvTape.open(b, null, null, false)), from, to);
    }

    private static List<String> drain(Tape tape) {
        List<String> rows = new ArrayList<>();
        MarketEvent e;
        while ((e = tape.next()) != null) {
            rows.add(e.timestampNanos() / 1_000_000_000L + " " + e.symbol() + " " + e.price());
        }
        return rows;
    }

    @Test
    void mergesFilesInTimeOrderWithTiesInFileThenLineOrderAndCountsEachSymbol() throws IOException {
        try (Tape tape = tape(Long.MIN_VALUE, Long.MAX_VALUE)) {
            assertThat(tape.peekNanos()).isEqualTo(1_000_000_000L);
            assertThat(drain(tape)).containsExactly("1 BTC-USD 100", "2 ETH-USD 10", "3 BTC-USD 102", "3 BTC-USD 101",
                    "3 ETH-USD 11", "7 BTC-USD 90", "9 ETH-USD 20");
            assertThat(tape.peekNanos()).isEqualTo(Long.MAX_VALUE);
            assertThat(tape.events()).isEqualTo(7);
            assertThat(tape.firstNanos()).isEqualTo(1_000_000_000L);
            assertThat(tape.lastNanos()).isEqualTo(9_000_000_000L);
            assertThat(tape.stats().values()).containsExactly(
                    new SymbolStats(BTC, 4, Price.of("90"), Price.of("102"), Price.of("100"), Price.of("90"),
                            1_000_000_000L, 7_000_000_000L),
                    new SymbolStats(ETH, 3, Price.of("10"), Price.of("20"), Price.of("10"), Price.of("20"),
                            2_000_000_000L, 9_000_000_000L));
        }
    }

    @Test
    void fromIsInclusiveAndToExclusive() throws IOException {
        try (Tape tape = tape(3_000_000_000L, 9_000_000_000L)) {
            assertThat(drain(tape)).containsExactly("3 BTC-USD 102", "3 BTC-USD 101", "3 ETH-USD 11", "7 BTC-USD 90");
            assertThat(tape.events()).isEqualTo(4);
        }
    }
}
