package io.tradehost.api.host;

/**
 * Text from outside the host (a request, a data file, a venue's answer, a plugin's message) made
 * safe to print on one line of a log or a terminal: nothing in it can end the line, move the
 * cursor, clear the screen or reorder what the reader sees. Stateless and thread-safe.
 */
public final class PrintableText {
    private PrintableText() {
    }

    /**
     * {@code text} with {@code \n}, {@code \r} and {@code \t} written as those two characters, and
     * every other control character (C0, DEL, C1), line or paragraph separator and bidirectional
     * control as {@code \}{@code uXXXX}; other text unchanged (the same instance when nothing needs
     * escaping). Null gives {@code "null"}.
     */
    public static String escape(CharSequence text) {
        if (text == null) {
            return "null";
        }
        int first = firstUnsafe(text);
        if (first < 0) {
            return text.toString();
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isUnsafe(c)) {
                escapeOne(c, out);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static void escapeOne(char c, StringBuilder out) {
        switch (c) {
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            default -> out.append(String.format("\\u%04x", (int) c));
        }
    }

    /**
     * {@link #escape escaped}, then cut to at most {@code max} characters (of the escaped text)
     * followed by {@code "..."} when longer: for quoting untrusted text inside a one-line message.
     *
     * @throws IllegalArgumentException if {@code max} is below 1
     */
    public static String clip(CharSequence text, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1: " + max);
        }
        long keep = 4L * max + 4; // escaping only grows text: more than this cannot fit in max anyway
        CharSequence head = text != null && text.length() > keep ? text.subSequence(0, (int) keep) : text;
        String escaped = escape(head); // a cut head escapes to more than max: the "..." below follows
        return escaped.length() > max ? cut(escaped, max) + "..." : escaped;
    }

    /** The first {@code max} characters of {@code text}, one fewer if that would split a surrogate pair. */
    private static String cut(CharSequence text, int max) {
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.subSequence(0, end).toString();
    }

    /**
     * {@code text} as a message quotes data from outside (a row of a file, a value of a request):
     * unambiguous, so that the reader learns which characters were there. Beyond what
     * {@link #escape} escapes, a backslash is written {@code \\}, and characters that print as
     * nothing or as a stand-in (format characters, unassigned and private-use code points, lone
     * surrogates, U+FFFD that stands for bytes that were not UTF-8) as {@code \}{@code uXXXX} (or
     * {@code \}{@code UXXXXXXXX} beyond the BMP). At most {@code max} characters of the result,
     * then {@code "..."}; however long the input, only what is kept is examined.
     *
     * @throws IllegalArgumentException if {@code max} is below 1
     */
    public static String quote(CharSequence text, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1: " + max);
        }
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 8);
        for (int i = 0; i < text.length(); ) {
            if (out.length() >= max) {
                return cut(out, max) + "...";
            }
            int c = Character.codePointAt(text, i);
            i += Character.charCount(c);
            if (c == '\\') {
                out.append("\\\\");
            } else if (c <= Character.MAX_VALUE && isUnsafe((char) c)) {
                escapeOne((char) c, out);
            } else if (isInvisible(c)) {
                out.append(c > Character.MAX_VALUE ? String.format("\\U%08x", c) : String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        }
        return out.length() > max ? cut(out, max) + "..." : out.toString();
    }

    private static boolean isInvisible(int c) {
        return switch (Character.getType(c)) {
            case Character.FORMAT, Character.UNASSIGNED, Character.SURROGATE, Character.PRIVATE_USE -> true;
            default -> c == 0xfffd;
        };
    }

    /** Whether {@code text} holds a character {@link #escape} would change. */
    public static boolean isSafe(CharSequence text) {
        return text == null || firstUnsafe(text) < 0;
    }

    private static int firstUnsafe(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (isUnsafe(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isUnsafe(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029' || c == '\u061c'
                || (c >= '\u200e' && c <= '\u200f') || (c >= '\u202a' && c <= '\u202e')
                || (c >= '\u2066' && c <= '\u2069');
    }
}
