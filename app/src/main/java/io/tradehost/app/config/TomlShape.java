package io.tradehost.app.config;

/**
 * One pass over a configuration's TOML text, before the parser sees it, measuring what the parser
 * and the host's tree walks would recurse on and what the check's work grows with: how deep tables,
 * dotted keys, inline tables and arrays nest, how many keys, tables and arrays there are, how long
 * a string is (see {@link ConfigLimits}). It follows TOML's lexical rules (strings, comments, brackets) and checks
 * nothing else: text that is not TOML gets the parser's own error afterwards. Linear in the text,
 * without recursion: a nesting deeper than the limit is refused as it opens. Not thread-safe; one
 * per text.
 */
final class TomlShape {
    /** What the scan of a value expects next. */
    private enum Expect { VALUE, KEY, SEPARATOR }

    private final String text;
    private final String origin;
    private int pos;
    private int keys;

    private TomlShape(String text, String origin) {
        this.text = text;
        this.origin = origin;
    }

    /**
     * Measures {@code text}.
     *
     * @throws ConfigError naming the line where the text first goes past a limit
     */
    static void check(String text, String origin) {
        new TomlShape(text, origin).statements();
    }

    /** Table headers and {@code key = value} lines, one a line; anything else up to the newline is passed over. */
    private void statements() {
        int table = 0;
        while (pos < text.length()) {
            skipSpace();
            char c = pos < text.length() ? text.charAt(pos) : '\n';
            if (c == '[') {
                boolean arrayOfTables = text.startsWith("[[", pos);
                pos += arrayOfTables ? 2 : 1;
                // an array of tables is one level, each of its tables the next
                int parts = key();
                table = parts + (arrayOfTables ? 1 : 0);
                limitDepth(table);
                countKeys(parts);
            } else if (c != '#' && c != '\n' && c != '\r') {
                int parts = key();
                limitDepth(table + parts - 1);
                countKeys(parts);
                skipSpace();
                if (at('=')) {
                    pos++;
                    value(table + parts);
                }
            }
            skipLine();
        }
    }

    /**
     * One value, however many lines its arrays take, with a stack of the containers open in it.
     *
     * @param depth how deep a table or array this value opens would be
     */
    private void value(int depth) {
        int[] levels = new int[ConfigLimits.MAX_DEPTH + 1];
        boolean[] tables = new boolean[ConfigLimits.MAX_DEPTH + 1];
        int open = 0;
        int next = depth;
        Expect expect = Expect.VALUE;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r') {
                pos++;
            } else if (c == '#') {
                skipComment();
            } else if (c == '\n') {
                if (open == 0) {
                    return;
                }
                pos++;
            } else if (c == ']' || c == '}') {
                if (open == 0) {
                    return;
                }
                pos++;
                open--;
                if (open == 0) {
                    return;
                }
                expect = Expect.SEPARATOR;
            } else if (expect == Expect.VALUE && (c == '[' || c == '{')) {
                limitDepth(next);
                countKeys(1);
                levels[open] = next;
                tables[open] = c == '{';
                open++;
                pos++;
                next++;
                expect = c == '{' ? Expect.KEY : Expect.VALUE;
            } else if (expect == Expect.VALUE) {
                scalar();
                if (open == 0) {
                    return;
                }
                expect = Expect.SEPARATOR;
            } else if (expect == Expect.KEY) {
                int parts = key();
                limitDepth(levels[open - 1] + parts - 1);
                countKeys(parts);
                skipSpace();
                if (at('=')) {
                    pos++;
                }
                next = levels[open - 1] + parts;
                expect = Expect.VALUE;
            } else if (c == ',') {
                pos++;
                next = levels[open - 1] + 1;
                expect = tables[open - 1] ? Expect.KEY : Expect.VALUE;
            } else {
                pos++; // the time of a date-time after its space, or text the parser will refuse
            }
        }
    }

    /** A dotted key, from its first part to the last; returns how many parts it has. */
    private int key() {
        int parts = 0;
        while (true) {
            skipSpace();
            if (at('"')) {
                string('"');
            } else if (at('\'')) {
                string('\'');
            } else {
                while (pos < text.length() && bare(text.charAt(pos))) {
                    pos++;
                }
            }
            parts++;
            skipSpace();
            if (!at('.')) {
                return parts;
            }
            pos++;
        }
    }

    /** A string, or a number, boolean or date up to what ends it. */
    private void scalar() {
        if (at('"') || at('\'')) {
            string(text.charAt(pos));
            return;
        }
        int start = pos;
        while (pos < text.length() && ",]}# \t\r\n".indexOf(text.charAt(pos)) < 0) {
            pos++;
        }
        if (pos == start) {
            pos++; // a stray separator: the parser says what is wrong with it
        }
    }

    /** A string quoted by {@code quote} ({@code "} escapes, {@code '} does not), on one line or three-quoted. */
    private void string(char quote) {
        int start = pos;
        String three = String.valueOf(quote).repeat(3);
        boolean multiline = text.startsWith(three, pos);
        pos += multiline ? 3 : 1;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\\' && quote == '"') {
                pos += 2;
            } else if (multiline && text.startsWith(three, pos)) {
                pos += 3;
                // up to two more quotes right before the closing three are the string's own
                for (int extra = 0; extra < 2 && at(quote); extra++) {
                    pos++;
                }
                break;
            } else if (!multiline && (c == quote || c == '\n')) {
                pos += c == quote ? 1 : 0;
                break;
            } else {
                pos++;
            }
        }
        pos = Math.min(pos, text.length());
        // the parser's limit counts what is between the quotes
        if (pos - start - (multiline ? 6 : 2) > ConfigLimits.MAX_STRING_CHARS) {
            throw new ConfigError(origin, lineAt(start), "a string longer than " + ConfigLimits.MAX_STRING_CHARS
                    + " characters, the most a configuration may hold");
        }
    }

    private static boolean bare(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-';
    }

    private boolean at(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void skipSpace() {
        while (at(' ') || at('\t')) {
            pos++;
        }
    }

    private void skipComment() {
        while (pos < text.length() && text.charAt(pos) != '\n') {
            pos++;
        }
    }

    /** Past the rest of the line: a comment, or text the parser will refuse. */
    private void skipLine() {
        skipComment();
        pos = Math.min(pos + 1, text.length());
    }

    private void limitDepth(int depth) {
        if (depth > ConfigLimits.MAX_DEPTH) {
            throw new ConfigError(origin, lineAt(pos), ConfigLimits.tooDeep());
        }
    }

    /** Counts {@code n} more tables, arrays or values the text makes. */
    private void countKeys(int n) {
        keys += n;
        if (keys > ConfigLimits.MAX_KEYS) {
            throw new ConfigError(origin, lineAt(pos), "more than " + ConfigLimits.MAX_KEYS + " keys, tables and"
                    + " arrays, the most a configuration may hold");
        }
    }

    /** The 1-based line of {@code at}: counted only when a limit is passed, so once. */
    private int lineAt(int at) {
        int line = 1;
        for (int i = 0; i < at && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
