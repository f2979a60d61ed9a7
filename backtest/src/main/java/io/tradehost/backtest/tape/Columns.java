package io.tradehost.backtest.tape;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where each field of a row is: a slot per kind of field ({@link #TIME}, {@link #PRICE}, ...) holding
 * its column, found by name in a header (with aliases such as {@code qty} or {@code product_id}) or
 * by position in a format's order. Stateless.
 */
final class Columns {
    static final int TIME = 0;
    static final int SYMBOL = 1;
    static final int PRICE = 2;
    static final int AMOUNT = 3;
    static final int SIDE = 4;
    static final int BID = 5;
    static final int ASK = 6;
    static final int BID_SIZE = 7;
    static final int ASK_SIZE = 8;
    static final int OPEN = 9;
    static final int HIGH = 10;
    static final int LOW = 11;
    static final int CLOSE = 12;
    static final int VOLUME = 13;
    /** A perpetual's funding rate per interval from this row on (optional, any format, by header only). */
    static final int FUNDING_RATE = 14;
    private static final String[] NAMES = {"timestamp", "symbol", "price", "amount", "side", "bid", "ask",
        "bid_size", "ask_size", "open", "high", "low", "close", "volume", "funding_rate"};
    /** Slots by header name; after {@link #NAMES}, which it reads. */
    private static final Map<String, Integer> ALIASES = aliases();

    private Columns() {
    }

    /** The name of {@code slot}, as messages and headers say it. */
    static String name(int slot) {
        return NAMES[slot];
    }

    /** The column of each slot named in {@code header} (the first of a name wins), -1 for the others. */
    static int[] ofHeader(String[] header) {
        int[] slots = none();
        for (int i = 0; i < header.length; i++) {
            Integer slot = ALIASES.get(header[i].strip().toLowerCase(Locale.ROOT));
            if (slot != null && slots[slot] < 0) {
                slots[slot] = i;
            }
        }
        return slots;
    }

    /** The format a header's columns make: bid and ask quotes, open, high, low, close bars, price trades; or null. */
    static TapeFormat formatOf(int[] slots) {
        return slots[BID] >= 0 && slots[ASK] >= 0 ? TapeFormat.QUOTES
                : slots[OPEN] >= 0 && slots[HIGH] >= 0 && slots[LOW] >= 0 && slots[CLOSE] >= 0 ? TapeFormat.BARS
                : slots[PRICE] >= 0 ? TapeFormat.TRADES : null;
    }

    /** The slots of a file without a header, in {@code format}'s order of columns. */
    static int[] positional(TapeFormat format) {
        int[] order = switch (format) {
            case TRADES -> new int[] {TIME, PRICE, AMOUNT, SIDE};
            case QUOTES -> new int[] {TIME, SYMBOL, BID, ASK, BID_SIZE, ASK_SIZE};
            case BARS -> new int[] {TIME, OPEN, HIGH, LOW, CLOSE, VOLUME};
        };
        int[] slots = none();
        for (int i = 0; i < order.length; i++) {
            slots[order[i]] = i;
        }
        return slots;
    }

    /** The slots every row of {@code format} needs. */
    static int[] required(TapeFormat format) {
        return switch (format) {
            case TRADES -> new int[] {TIME, PRICE};
            case QUOTES -> new int[] {TIME, BID, ASK};
            case BARS -> new int[] {TIME, OPEN, HIGH, LOW, CLOSE};
        };
    }

    private static int[] none() {
        int[] slots = new int[NAMES.length];
        Arrays.fill(slots, -1);
        return slots;
    }

    private static Map<String, Integer> aliases() {
        Map<String, Integer> a = new HashMap<>();
        for (int slot = 0; slot < NAMES.length; slot++) {
            a.put(NAMES[slot], slot);
        }
        for (String s : List.of("time", "date", "datetime", "ts", "timestamp_ms", "unix")) {
            a.put(s, TIME);
        }
        for (String s : List.of("size", "quantity", "qty")) {
            a.put(s, AMOUNT);
        }
        for (String s : List.of("bidsize", "bid_qty", "bid_quantity")) {
            a.put(s, BID_SIZE);
        }
        for (String s : List.of("asksize", "ask_qty", "ask_quantity")) {
            a.put(s, ASK_SIZE);
        }
        for (String s : List.of("product", "product_id", "instrument")) {
            a.put(s, SYMBOL);
        }
        return Map.copyOf(a);
    }
}
