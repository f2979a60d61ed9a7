package io.tradehost.backtest.tape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Symbol;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTapeTest {
    private static final Symbol BTC = Symbol.of("BTC-USD");

    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static List<MarketEvent> all(CsvTape tape) {
        List<MarketEvent> events = new ArrayList<>();
        MarketEvent e;
        while ((e = tape.next()) != null) {
            events.add(e);
        }
        tape.close();
        return events;
    }

    @Test
    void readsTradesWithAHeaderInAnyColumnOrderAndDetectsTheFormat() throws IOException {
        Path p = file("t.csv", "amount,timestamp,price,side\n0.5,1385337600,800.01,buy\n1.25,1385337613,800.05,SELL\n");
        CsvTape tape = CsvTape.open(p, null, BTC, false);
        assertThat(tape.format()).isEqualTo(TapeFormat.TRADES);
        assertThat(all(tape)).containsExactly(
                new MarketEvent(1_385_337_600_000_000_000L, BTC, TapeFormat.TRADES, Price.of("800.01"),
                        Price.of("800.01"), Price.of("800.01"), null, null, Quantity.ZERO, Quantity.ZERO,
                        Quantity.of("0.5"), 2),
                new MarketEvent(1_385_337_613_000_000_000L, BTC, TapeFormat.TRADES, Price.of("800.05"),
                        Price.of("800.05"), Price.of("800.05"), null, null, Quantity.ZERO, Quantity.ZERO,
                        Quantity.of("1.25"), 3));
    }

    @Test
    void readsHeaderlessFilesByPositionWhenTheFormatIsGiven() throws IOException {
        Path trades = file("t.csv", "1700000000000,100.5,2\n");
        assertThat(all(CsvTape.open(trades, TapeFormat.TRADES, BTC, false))).singleElement()
                .satisfies(e -> {
                    assertThat(e.timestampNanos()).isEqualTo(1_700_000_000_000_000_000L);
                    assertThat(e.price()).isEqualTo(Price.of("100.5"));
                    assertThat(e.volume()).isEqualTo(Quantity.of("2"));
                });
        Path quotes = file("q.csv", "2026-01-05T00:00:01Z,ETH-USD,3000.1,3000.3,4,5\n");
        MarketEvent q = all(CsvTape.open(quotes, TapeFormat.QUOTES, null, false)).getFirst();
        assertThat(q.symbol()).isEqualTo(Symbol.of("ETH-USD"));
        assertThat(q.bid()).isEqualTo(Price.of("3000.1"));
        assertThat(q.ask()).isEqualTo(Price.of("3000.3"));
        assertThat(q.price()).isEqualTo(Price.of("3000.2"));
        assertThat(q.bidSize()).isEqualTo(Quantity.of("4"));
        assertThat(q.askSize()).isEqualTo(Quantity.of("5"));
        assertThat(q.tradesBelow(Price.of("3000.31"))).as("a buy above the ask is traded through").isTrue();
        assertThat(q.tradesBelow(Price.of("3000.3"))).as("a buy at the ask only touches").isFalse();
        assertThat(q.tradesAbove(Price.of("3000.09"))).isTrue();
        assertThatThrownBy(() -> CsvTape.open(quotes, null, null, false)).isInstanceOf(TapeException.class)
                .hasMessageContaining("q.csv").hasMessageContaining("no header; give --format");
    }

    @Test
    void readsBarsUsingTheirRangeForLimitsAndTheCloseAsThePrice() throws IOException {
        Path p = file("b.csv", "date,open,high,low,close,volume\n2013-01-02,553.82,555.00,541.63,549.03,20018500\n");
        MarketEvent bar = all(CsvTape.open(p, null, Symbol.of("AAPL"), false)).getFirst();
        assertThat(bar.format()).isEqualTo(TapeFormat.BARS);
        assertThat(bar.timestampNanos()).isEqualTo(1_357_084_800_000_000_000L);
        assertThat(bar.price()).isEqualTo(Price.of("549.03"));
        assertThat(bar.low()).isEqualTo(Price.of("541.63"));
        assertThat(bar.high()).isEqualTo(Price.of("555"));
        assertThat(bar.volume()).isEqualTo(Quantity.of("20018500"));
    }

    @Test
    void readsGzipByItsMagicBytesWhateverTheName() throws IOException {
        Path p = dir.resolve("trades.data");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            out.write("timestamp,price,amount\n1,10,1\n2,11,1\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(all(CsvTape.open(p, null, BTC, false))).extracting(MarketEvent::price)
                .containsExactly(Price.of("10"), Price.of("11"));
    }

    @Test
    void aFundingRateColumnSetsTheRateFromItsRowOnAndABadOneIsNamed() throws IOException {
        Path p = file("f.csv", "timestamp,price,amount,funding_rate\n1,10,1,\n2,11,1,0.0001\n3,12,1,-0.2\n");
        CsvTape tape = CsvTape.open(p, null, BTC, false);
        assertThat(tape.next().fundingRate()).as("a blank cell: no rate").isNull();
        assertThat(tape.next().fundingRate()).isEqualTo(io.tradehost.api.value.Ratio.of("0.0001"));
        assertThatThrownBy(tape::next).isInstanceOf(TapeException.class)
                .hasMessageStartingWith(p + ":4: funding_rate -0.2 is beyond +-0.1 per interval");
        tape.close();
    }

    @Test
    void aBadRowIsAnErrorNamingFileLineAndWhatIsWrong() throws IOException {
        Path p = file("bad.csv", "timestamp,price,amount\n1,10,1\n2,abc,1\n3,11,1\n");
        CsvTape tape = CsvTape.open(p, null, BTC, false);
        tape.next();
        assertThatThrownBy(tape::next).isInstanceOf(TapeException.class)
                .hasMessageStartingWith(p + ":3: price 'abc' is not a decimal price")
                .hasMessageContaining("--skip-bad-rows");
        tape.close();
    }

    @Test
    void everyKindOfBadRowIsNamedAndWithSkipBadRowsCountedAndPassedOver() throws IOException {
        Path p = file("bad.csv", String.join("\n", "timestamp,price,amount,side", "1,10,1,buy", "2,0,1,buy",
                "3,-1,1,buy", "4,10,1", "5,10,x,buy", "6,10,1,hold", "later,10,1,buy", "7,,1,buy", "8,10,-1,sell",
                "9,10.00000000001,1,buy", "10,12,1,sell") + "\n");
        CsvTape tape = CsvTape.open(p, null, BTC, true);
        List<MarketEvent> kept = all(tape);
        assertThat(kept).extracting(MarketEvent::line).containsExactly(2L, 12L);
        assertThat(tape.skipped()).isEqualTo(9);
        assertThat(tape.badRows()).containsExactly(
                p + ":3: price 0 is not positive",
                p + ":4: price '-1': price must not be negative: -1",
                p + ":5: has 3 fields, the header 4",
                p + ":6: amount 'x' is not a decimal: not a decimal: 'x'",
                p + ":7: side 'hold' is neither buy nor sell");
    }

    @Test
    void rowsOutOfTimeOrderAreAnErrorEvenWhenSkippingBadRows() throws IOException {
        Path p = file("ooo.csv", "timestamp,price,amount\n5,10,1\n5,10,1\n4,10,1\n");
        CsvTape tape = CsvTape.open(p, null, BTC, true);
        tape.next();
        tape.next();
        assertThatThrownBy(tape::next).isInstanceOf(TapeException.class)
                .hasMessage(p + ":4: out of time order: 1970-01-01T00:00:04Z is before the previous row's "
                        + "1970-01-01T00:00:05Z");
        tape.close();
    }

    @Test
    void quotesAndBarsAreCheckedForConsistency() throws IOException {
        Path q = file("q.csv", "timestamp,symbol,bid,ask\n1,BTC-USD,11,10\n");
        assertThatThrownBy(() -> CsvTape.open(q, null, null, false).next())
                .hasMessageStartingWith(q + ":2: crossed quote: bid 11 above ask 10");
        Path b = file("b.csv", "timestamp,open,high,low,close\n1,10,9,8,9\n");
        assertThatThrownBy(() -> CsvTape.open(b, null, BTC, false).next())
                .hasMessageStartingWith(b + ":2: bar outside its range: open 10 high 9 low 8 close 9");
        Path s = file("s.csv", "timestamp,symbol,bid,ask\n1,not a symbol!,9,10\n");
        assertThatThrownBy(() -> CsvTape.open(s, null, null, false).next())
                .hasMessageStartingWith(s + ":2: symbol 'not a symbol!'");
    }

    @Test
    void aFileWithoutSymbolsNeedsOneGivenAndAHeaderMustHoldTheFormatsColumns() throws IOException {
        Path p = file("t.csv", "timestamp,price\n1,10\n");
        assertThatThrownBy(() -> CsvTape.open(p, null, null, false)).isInstanceOf(TapeException.class)
                .hasMessage(p + ": has no symbol column; give --symbol for it");
        Path odd = file("o.csv", "when,what\n1,10\n");
        assertThatThrownBy(() -> CsvTape.open(odd, null, BTC, false))
                .hasMessageContaining("cannot tell the format from the header 'when,what'");
        Path noBid = file("nb.csv", "timestamp,symbol,ask\n1,BTC-USD,10\n");
        assertThatThrownBy(() -> CsvTape.open(noBid, TapeFormat.QUOTES, null, false))
                .hasMessage(noBid + ":1: the header has no 'bid' column, which quotes need");
        assertThatThrownBy(() -> CsvTape.open(dir.resolve("missing.csv"), null, BTC, false))
                .isInstanceOf(TapeException.class).hasMessageContaining("missing.csv: cannot read");
    }

    @Test
    void tenMegabytesWithoutALineBreakAreOneBadRowWithAShortError() throws IOException {
        Path p = dir.resolve("noline.csv");
        byte[] binary = new byte[10_000_000];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (i % 7 == 0 ? 0x1b : i % 5 == 0 ? 0 : 'x');
        }
        Files.write(p, binary);

        assertThatThrownBy(() -> CsvTape.open(p, null, BTC, false)).isInstanceOf(TapeException.class)
                .hasMessage(p + ":1: line longer than 65536 bytes (--skip-bad-rows skips such rows)");
        assertThatThrownBy(() -> CsvTape.open(p, TapeFormat.TRADES, BTC, false).next())
                .hasMessage(p + ":1: line longer than 65536 bytes (--skip-bad-rows skips such rows)");
        CsvTape skipping = CsvTape.open(p, TapeFormat.TRADES, BTC, true);
        assertThat(all(skipping)).isEmpty();
        assertThat(skipping.skipped()).isEqualTo(1);
        assertThat(skipping.badRows()).containsExactly(p + ":1: line longer than 65536 bytes");
    }

    @Test
    void aTooLongLineAmongRowsIsSkippedLikeAnyBadRowAndTheLinesAfterItKeepTheirNumbers() throws IOException {
        Path p = file("long.csv", "x".repeat(70_000) + "\ntimestamp,price\n1,10\n2," + "9".repeat(70_000)
                + "\r\n3,11\n");
        CsvTape tape = CsvTape.open(p, null, BTC, true);
        assertThat(tape.format()).isEqualTo(TapeFormat.TRADES);
        assertThat(all(tape)).extracting(MarketEvent::line).containsExactly(3L, 5L);
        assertThat(tape.badRows()).containsExactly(p + ":1: line longer than 65536 bytes",
                p + ":4: line longer than 65536 bytes");
        CsvTape strict = CsvTape.open(p, TapeFormat.TRADES, BTC, true);
        assertThat(all(strict)).hasSize(2);
    }

    @Test
    void controlBytesInARowAreQuotedEscapedAndLongFieldsCut() throws IOException {
        Path p = file("esc.csv", "timestamp,symbol,bid,ask\n1,BTC-USD,\u001b[2J1\u0000,10\n2,\u202eDSU-CTB,9,10\n"
                + "3,BTC-USD,9," + "1".repeat(500) + "x\n4,BTC-USD,9,10\n5\u0007,BTC-USD,9,10\n");
        CsvTape strict = CsvTape.open(p, null, null, false);
        assertThatThrownBy(strict::next).hasMessage(p + ":2: bid '\\u001b[2J1\\u0000' is not a decimal price: not a"
                + " decimal: '\\u001b[2J1\\u0000' (--skip-bad-rows skips such rows)");
        strict.close();

        CsvTape tape = CsvTape.open(p, null, null, true);
        assertThat(all(tape)).extracting(MarketEvent::line).containsExactly(5L);
        assertThat(tape.badRows()).hasSize(4).allSatisfy(row -> assertThat(row).hasSizeLessThan(p.toString().length()
                + 330).doesNotContain("\u001b", "\u0000", "\u202e", "\u0007"));
        assertThat(tape.badRows().get(1)).startsWith(p + ":3: symbol '\\u202eDSU-CTB': not a symbol: '\\u202eDSU-CTB'");
        assertThat(tape.badRows().get(2)).startsWith(p + ":4: ask '" + "1".repeat(Excerpt.MAX_CHARS) + "...'");
        assertThat(tape.badRows().get(3)).startsWith(p + ":6: timestamp '5\\u0007' is not epoch seconds");
    }

    @Test
    void formatNamesAreParsedAndRefusedWithTheKnownOnes() {
        assertThat(TapeFormat.of(" Quotes ")).isEqualTo(TapeFormat.QUOTES);
        assertThat(TapeFormat.BARS).hasToString("bars");
        assertThatThrownBy(() -> TapeFormat.of("ticks")).hasMessage("unknown format 'ticks' (known: trades, quotes, bars)");
    }
}
