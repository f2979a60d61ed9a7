package io.tradehost.backtest.tape;

import io.tradehost.api.host.PrintableText;

/**
 * Text from a data file as an error message quotes it: on one line, unambiguous whatever bytes the
 * file holds ({@link PrintableText#quote}), and at most {@link #MAX_CHARS} characters. Stateless.
 */
final class Excerpt {
    /** The most characters of data an error message quotes. */
    static final int MAX_CHARS = 120;

    private Excerpt() {
    }

    /** {@code text} escaped and cut to {@link #MAX_CHARS}. */
    static String of(String text) {
        return PrintableText.quote(text, MAX_CHARS);
    }

    /**
     * A whole message on one line: control characters escaped, the rest left alone (what it quotes
     * from the data went through {@link #of} already).
     */
    static String oneLine(String message) {
        return PrintableText.escape(message);
    }
}
