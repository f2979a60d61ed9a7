package io.tradehost.api.value;

import java.util.regex.Pattern;

/**
 * A venue's product identifier such as {@code BTC-USD} or {@code ETH-PERP}. Immutable.
 *
 * @param value 1 to 32 characters: upper-case letters, digits, {@code - _ . /}
 */
public record Symbol(String value) implements Comparable<Symbol> {
    private static final Pattern VALID = Pattern.compile("[A-Z0-9][A-Z0-9._/-]{0,31}");

    /** @throws IllegalArgumentException if the value is not a valid symbol */
    public Symbol {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("not a symbol: '" + value
                    + "' (1-32 of A-Z 0-9 . _ / -, starting with a letter or digit)");
        }
    }

    public static Symbol of(String value) {
        return new Symbol(value);
    }

    @Override
    public int compareTo(Symbol other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
