package io.tradehost.backtest.tape;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link Excerpt}: what an error quotes of the data is one short, unambiguous line. */
class ExcerptTest {
    @Test
    void controlAndUnprintableCharactersAreEscapedAndPrintableOnesKept() {
        assertThat(Excerpt.of("a\u001b[31mb\u0000c\td\ne\rf\\g\u007f\u0085")).isEqualTo(
                "a\\u001b[31mb\\u0000c\\td\\ne\\rf\\\\g\\u007f\\u0085");
        assertThat(Excerpt.of("\u202egnp.exe \ufffd\u200b\ue000\u2028")).isEqualTo(
                "\\u202egnp.exe \\ufffd\\u200b\\ue000\\u2028");
        assertThat(Excerpt.of("BTC-USD 64250.1 \u00e9\u20ac \ud83d\ude00"))
                .isEqualTo("BTC-USD 64250.1 \u00e9\u20ac \ud83d\ude00");
        assertThat(Excerpt.of("\udb80\udc00 \ud800")).isEqualTo("\\U000f0000 \\ud800");
    }

    @Test
    void longTextIsCutAfterTheLimit() {
        assertThat(Excerpt.of("x".repeat(Excerpt.MAX_CHARS))).isEqualTo("x".repeat(Excerpt.MAX_CHARS));
        assertThat(Excerpt.of("x".repeat(10_000_000))).isEqualTo("x".repeat(Excerpt.MAX_CHARS) + "...");
        assertThat(Excerpt.of("\u0000".repeat(1000))).hasSize(Excerpt.MAX_CHARS + 3).endsWith("\\u0000...");
    }

    @Test
    void aWholeMessageKeepsItsBackslashesAndLengthButNotItsLineBreaks() {
        String message = "C:\\data\\t.csv:3: price '\\x1b' is not a decimal" + "!".repeat(500) + "\n\u0007";
        assertThat(Excerpt.oneLine(message)).isEqualTo("C:\\data\\t.csv:3: price '\\x1b' is not a decimal"
                + "!".repeat(500) + "\\n\\u0007");
    }
}
