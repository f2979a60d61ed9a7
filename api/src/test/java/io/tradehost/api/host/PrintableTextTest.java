package io.tradehost.api.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PrintableTextTest {
    /** What the JDK's own character tables call a control, a separator of lines, or a bidi override. */
    private static boolean unsafeByTheJdk(char c) {
        int type = Character.getType(c);
        byte bidi = Character.getDirectionality(c);
        return type == Character.CONTROL || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || Set.of(Character.DIRECTIONALITY_LEFT_TO_RIGHT_EMBEDDING, Character.DIRECTIONALITY_LEFT_TO_RIGHT_OVERRIDE,
                        Character.DIRECTIONALITY_RIGHT_TO_LEFT_EMBEDDING, Character.DIRECTIONALITY_RIGHT_TO_LEFT_OVERRIDE,
                        Character.DIRECTIONALITY_POP_DIRECTIONAL_FORMAT, Character.DIRECTIONALITY_LEFT_TO_RIGHT_ISOLATE,
                        Character.DIRECTIONALITY_RIGHT_TO_LEFT_ISOLATE, Character.DIRECTIONALITY_FIRST_STRONG_ISOLATE,
                        Character.DIRECTIONALITY_POP_DIRECTIONAL_ISOLATE).contains(bidi)
                || c == '\u200e' || c == '\u200f' || c == '\u061c';
    }

    @Test
    void everyCharacterTheJdkCallsAControlSeparatorOrBidiControlIsEscapedAndNothingElse() {
        for (int i = 0; i <= Character.MAX_VALUE; i++) {
            char c = (char) i;
            String escaped = PrintableText.escape("a" + c + "b");
            if (unsafeByTheJdk(c)) {
                assertThat(escaped).as("U+%04X", i).startsWith("a\\").endsWith("b").hasSizeBetween(4, 8);
                assertThat(escaped.chars().allMatch(x -> x >= 0x20 && x < 0x7f)).as("U+%04X", i).isTrue();
                assertThat(PrintableText.isSafe(String.valueOf(c))).isFalse();
            } else {
                assertThat(escaped).as("U+%04X", i).isEqualTo("a" + c + "b");
            }
        }
    }

    @Test
    void aForgedLogLineAndAScreenClearBecomeVisibleTextOnOneLine() {
        String hostile = "halt\n12:00:00.000 WARN  RuntimeCoordinator forged\u001b[2J\u001b[H\r\t\u0000\u202e";
        assertThat(PrintableText.escape(hostile)).isEqualTo(
                "halt\\n12:00:00.000 WARN  RuntimeCoordinator forged\\u001b[2J\\u001b[H\\r\\t\\u0000\\u202e");
        String plain = "market halted: fat finger";
        assertThat(PrintableText.escape(plain)).isSameAs(plain);
        assertThat(PrintableText.escape(null)).isEqualTo("null");
        assertThat(PrintableText.isSafe(plain)).isTrue();
    }

    @Test
    void clipCutsTheEscapedTextAndMarksTheCutEvenForHugeInput() {
        assertThat(PrintableText.clip("short", 10)).isEqualTo("short");
        assertThat(PrintableText.clip("exactly10!", 10)).isEqualTo("exactly10!");
        assertThat(PrintableText.clip("0123456789A", 10)).isEqualTo("0123456789...");
        assertThat(PrintableText.clip("\u0001\u0002\u0003", 8)).isEqualTo("\\u0001\\u...");
        assertThat(PrintableText.clip("x".repeat(10_000_000), 5)).isEqualTo("xxxxx...");
        assertThat(PrintableText.clip(null, 5)).isEqualTo("null");
        assertThat(PrintableText.clip("x".repeat(10), Integer.MAX_VALUE)).isEqualTo("x".repeat(10));
        assertThat(PrintableText.clip("ab\ud83d\ude00c", 3)).as("a pair is never split").isEqualTo("ab...");
        assertThat(PrintableText.quote("ab\ud83d\ude00c", 3)).isEqualTo("ab...");
        assertThatThrownBy(() -> PrintableText.clip("x", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void quoteIsUnambiguousAboutBackslashesAndCharactersThatPrintAsNothingOrAsAStandIn() {
        assertThat(PrintableText.quote("C:\\data\u001b\u200b\ufffd\ue000\ud800x", 100))
                .isEqualTo("C:\\\\data\\u001b\\u200b\\ufffd\\ue000\\ud800x");
        assertThat(PrintableText.quote("\udb80\udc00 BTC-USD 64250.1 \u00e9\u20ac \ud83d\ude00", 100))
                .isEqualTo("\\U000f0000 BTC-USD 64250.1 \u00e9\u20ac \ud83d\ude00");
        for (int i = 0; i <= Character.MAX_VALUE; i++) {
            char c = (char) i;
            if (unsafeByTheJdk(c)) {
                assertThat(PrintableText.quote(String.valueOf(c), 10)).as("U+%04X", i)
                        .isEqualTo(PrintableText.escape(String.valueOf(c)));
            }
        }
    }

    @Test
    void quoteCutsAtTheLimitHoweverLongTheInput() {
        assertThat(PrintableText.quote("x".repeat(120), 120)).isEqualTo("x".repeat(120));
        assertThat(PrintableText.quote("x".repeat(10_000_000), 120)).isEqualTo("x".repeat(120) + "...");
        assertThat(PrintableText.quote("\u0000".repeat(1000), 120)).hasSize(123).endsWith("\\u0000...");
        assertThat(PrintableText.quote("abc\u0001", 5)).isEqualTo("abc\\u...");
        assertThat(PrintableText.quote(null, 5)).isEqualTo("null");
        assertThatThrownBy(() -> PrintableText.quote("x", 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
