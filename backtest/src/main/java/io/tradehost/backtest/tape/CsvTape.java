package io.tradehost.backtest.tape;

import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Symbol;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * One CSV file of recorded market data, read row by row in file order. The first line is a header
 * when its first field is not a timestamp; columns are then found by name (aliases in
 * {@link #ALIASES}), else by position in the format's order. Without {@code --format} the header
 * decides (bid and ask: quotes; open, high, low, close: bars; price: trades). Gzip is recognised by
 * its magic bytes. A timestamp earlier than the row before is always an error; any other bad row is
 * an error, or with {@code skipBadRows} skipped and counted. Not thread-safe.
 */
public final class CsvTape implements Closeable {
    /** How many skipped rows are kept with their reasons. */
    public static final int KEPT_BAD_ROWS = 5;

    private final Path file;
    private final BufferedReader reader;
    private final TapeFormat format;
    private final Symbol fixedSymbol;
    private final boolean skipBadRows;
    private final int[] columns;
    private final int width;
    private final List<String> badRows = new ArrayList<>();
    private Timestamps timestamps;
    private String pendingLine;
    private long line;
    private long lastNanos = Long.MIN_VALUE;
    private long skipped;
    private Symbol lastSymbol;
    private String lastSymbolText;

    /** Column slots, in the order of {@link #columns}. */
    private static final int TIME = 0;
    private static final int SYMBOL = 1;
    private static final int PRICE = 2;
    private static final int AMOUNT = 3;
    private static final int SIDE = 4;
    private static final int BID = 5;
    private static final int ASK = 6;
    private static final int BID_SIZE = 7;
    private static final int ASK_SIZE = 8;
    private static final int OPEN = 9;
    private static final int HIGH = 10;
    private static final int LOW = 11;
    private static final int CLOSE = 12;
    private static final int VOLUME = 13;
    private static final String[] SLOT_NAMES = {"timestamp", "symbol", "price", "amount", "side", "bid", "ask",
        "bid_size", "ask_size", "open", "high", "low", "close", "volume"};
    /** Header names by slot name; after {@link #SLOT_NAMES}, which it reads. */
    private static final Map<String, String> ALIASES = aliases();

    /**
     * Opens {@code file}.
     *
     * @param format the format, or null to take it from the header
     * @param symbol the symbol of every row, or null when the file has a symbol column
     * @throws TapeException if the file cannot be read, its header is unusable, or it names no symbol
     */
    public static CsvTape open(Path file, TapeFormat format, Symbol symbol, boolean skipBadRows) {
        BufferedReader reader;
        try {
            InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            in.mark(2);
            int b1 = in.read();
            int b2 = in.read();
            in.reset();
            if (b1 == 0x1f && b2 == 0x8b) {
                in = new GZIPInputStream(in, 1 << 16);
            }
            reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        } catch (IOException e) {
            throw new TapeException(file, "cannot read: " + e.getMessage());
        }
        try {
            return new CsvTape(file, reader, format, symbol, skipBadRows);
        } catch (RuntimeException e) {
            closeQuietly(reader);
            throw e;
        }
    }

    private CsvTape(Path file, BufferedReader reader, TapeFormat givenFormat, Symbol symbol, boolean skipBadRows) {
        this.file = file;
        this.reader = reader;
        this.fixedSymbol = symbol;
        this.skipBadRows = skipBadRows;
        String first = readLine();
        while (first != null && first.isBlank()) {
            first = readLine();
        }
        int[] slots = new int[SLOT_NAMES.length];
        Arrays.fill(slots, -1);
        TapeFormat found = givenFormat;
        int headerWidth = -1;
        if (first != null && isHeader(first)) {
            String[] names = first.split(",", -1);
            headerWidth = names.length;
            for (int i = 0; i < names.length; i++) {
                String slot = ALIASES.get(names[i].strip().toLowerCase(Locale.ROOT));
                if (slot != null) {
                    int index = slotIndex(slot);
                    if (slots[index] < 0) {
                        slots[index] = i;
                    }
                }
            }
            if (found == null) {
                found = slots[BID] >= 0 && slots[ASK] >= 0 ? TapeFormat.QUOTES
                        : slots[OPEN] >= 0 && slots[HIGH] >= 0 && slots[LOW] >= 0 && slots[CLOSE] >= 0 ? TapeFormat.BARS
                        : slots[PRICE] >= 0 ? TapeFormat.TRADES : null;
                if (found == null) {
                    throw new TapeException(file, line, "cannot tell the format from the header '" + first
                            + "'; give --format trades|quotes|bars");
                }
            }
        } else {
            if (found == null) {
                throw new TapeException(file, "has no header; give --format trades|quotes|bars");
            }
            positional(found, slots);
            pendingLine = first;
        }
        this.format = found;
        this.columns = slots;
        for (int required : required(found)) {
            if (slots[required] < 0) {
                throw new TapeException(file, 1, "the header has no '" + SLOT_NAMES[required] + "' column, which "
                        + found + " need");
            }
        }
        if (slots[SYMBOL] < 0 && symbol == null) {
            throw new TapeException(file, "has no symbol column; give --symbol for it");
        }
        this.width = headerWidth;
    }

    private static int[] required(TapeFormat format) {
        return switch (format) {
            case TRADES -> new int[] {TIME, PRICE};
            case QUOTES -> new int[] {TIME, BID, ASK};
            case BARS -> new int[] {TIME, OPEN, HIGH, LOW, CLOSE};
        };
    }

    private static void positional(TapeFormat format, int[] slots) {
        int[] order = switch (format) {
            case TRADES -> new int[] {TIME, PRICE, AMOUNT, SIDE};
            case QUOTES -> new int[] {TIME, SYMBOL, BID, ASK, BID_SIZE, ASK_SIZE};
            case BARS -> new int[] {TIME, OPEN, HIGH, LOW, CLOSE, VOLUME};
        };
        for (int i = 0; i < order.length; i++) {
            slots[order[i]] = i;
        }
    }

    private static boolean isHeader(String line) {
        int comma = line.indexOf(',');
        String first = (comma < 0 ? line : line.substring(0, comma)).strip();
        try {
            Timestamps.detect(first);
            return false;
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    /** The file's format, given or detected. */
    public TapeFormat format() {
        return format;
    }

    public Path file() {
        return file;
    }

    /** Rows skipped as bad so far (with {@code skipBadRows}). */
    public long skipped() {
        return skipped;
    }

    /** The first {@value #KEPT_BAD_ROWS} skipped rows, each as {@code file:line: reason}. */
    public List<String> badRows() {
        return List.copyOf(badRows);
    }

    /**
     * The next row, or null at the end of the file.
     *
     * @throws TapeException for a row out of time order, or a bad row unless bad rows are skipped
     */
    public MarketEvent next() {
        while (true) {
            String text;
            if (pendingLine != null) {
                text = pendingLine;
                pendingLine = null;
            } else {
                text = readLine();
            }
            if (text == null) {
                return null;
            }
            if (text.isBlank()) {
                continue;
            }
            MarketEvent event;
            try {
                event = parse(text);
            } catch (IllegalArgumentException e) {
                String reason = e.getMessage();
                if (!skipBadRows) {
                    throw new TapeException(file, line, reason + " (--skip-bad-rows skips such rows)");
                }
                skipped++;
                if (badRows.size() < KEPT_BAD_ROWS) {
                    badRows.add(file + ":" + line + ": " + reason);
                }
                continue;
            }
            if (event.timestampNanos() < lastNanos) {
                throw new TapeException(file, line, "out of time order: " + Instant.ofEpochSecond(0,
                        event.timestampNanos()) + " is before the previous row's " + Instant.ofEpochSecond(0,
                        lastNanos));
            }
            lastNanos = event.timestampNanos();
            return event;
        }
    }

    private MarketEvent parse(String text) {
        String[] f = text.split(",", -1);
        if (width > 0 && f.length != width) {
            throw new IllegalArgumentException("has " + f.length + " fields, the header " + width);
        }
        String time = field(f, TIME);
        if (timestamps == null) {
            timestamps = Timestamps.detect(time);
        }
        long nanos = timestamps.toNanos(time);
        Symbol symbol = symbol(f);
        return switch (format) {
            case TRADES -> {
                Price price = positivePrice(f, PRICE);
                Quantity amount = optionalQuantity(f, columns[AMOUNT] >= 0 ? AMOUNT : VOLUME);
                side(f);
                yield new MarketEvent(nanos, symbol, format, price, price, price, null, null, Quantity.ZERO,
                        Quantity.ZERO, amount, line);
            }
            case QUOTES -> {
                Price bid = positivePrice(f, BID);
                Price ask = positivePrice(f, ASK);
                if (bid.isGreaterThan(ask)) {
                    throw new IllegalArgumentException("crossed quote: bid " + bid + " above ask " + ask);
                }
                yield new MarketEvent(nanos, symbol, format, Price.mid(bid, ask), ask, bid, bid, ask,
                        optionalQuantity(f, BID_SIZE), optionalQuantity(f, ASK_SIZE), Quantity.ZERO, line);
            }
            case BARS -> {
                Price open = positivePrice(f, OPEN);
                Price high = positivePrice(f, HIGH);
                Price low = positivePrice(f, LOW);
                Price close = positivePrice(f, CLOSE);
                if (low.isGreaterThan(high) || open.isGreaterThan(high) || open.isLessThan(low)
                        || close.isGreaterThan(high) || close.isLessThan(low)) {
                    throw new IllegalArgumentException("bar outside its range: open " + open + " high " + high
                            + " low " + low + " close " + close);
                }
                yield new MarketEvent(nanos, symbol, format, close, low, high, null, null, Quantity.ZERO,
                        Quantity.ZERO, optionalQuantity(f, VOLUME), line);
            }
        };
    }

    private Symbol symbol(String[] f) {
        if (columns[SYMBOL] < 0) {
            return fixedSymbol;
        }
        String text = field(f, SYMBOL);
        if (text.equals(lastSymbolText)) {
            return lastSymbol;
        }
        try {
            lastSymbol = Symbol.of(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("symbol '" + text + "': " + e.getMessage(), e);
        }
        lastSymbolText = text;
        return lastSymbol;
    }

    private String field(String[] f, int slot) {
        int index = columns[slot];
        if (index < 0 || index >= f.length) {
            throw new IllegalArgumentException("has no " + SLOT_NAMES[slot] + " (only " + f.length + " fields)");
        }
        String value = f[index].strip();
        if (value.isEmpty()) {
            throw new IllegalArgumentException(SLOT_NAMES[slot] + " is empty");
        }
        return value;
    }

    private Price positivePrice(String[] f, int slot) {
        String text = field(f, slot);
        Price price;
        try {
            price = Price.of(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(SLOT_NAMES[slot] + " '" + text + "' is not a decimal price: "
                    + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(SLOT_NAMES[slot] + " '" + text + "': " + e.getMessage(), e);
        }
        if (!price.isPositive()) {
            throw new IllegalArgumentException(SLOT_NAMES[slot] + " " + text + " is not positive");
        }
        return price;
    }

    private Quantity optionalQuantity(String[] f, int slot) {
        int index = columns[slot];
        if (index < 0 || index >= f.length || f[index].isBlank()) {
            return Quantity.ZERO;
        }
        String text = f[index].strip();
        Quantity q;
        try {
            q = Quantity.of(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(SLOT_NAMES[slot] + " '" + text + "' is not a decimal: "
                    + e.getMessage(), e);
        }
        if (q.isNegative()) {
            throw new IllegalArgumentException(SLOT_NAMES[slot] + " " + text + " is negative");
        }
        return q;
    }

    private void side(String[] f) {
        int index = columns[SIDE];
        if (index < 0 || index >= f.length || f[index].isBlank()) {
            return;
        }
        String side = f[index].strip().toLowerCase(Locale.ROOT);
        if (!side.equals("buy") && !side.equals("sell") && !side.equals("b") && !side.equals("s")) {
            throw new IllegalArgumentException("side '" + f[index].strip() + "' is neither buy nor sell");
        }
    }

    private String readLine() {
        try {
            String text = reader.readLine();
            if (text != null) {
                line++;
            }
            return text;
        } catch (IOException e) {
            throw new TapeException(file, line + 1, "cannot read: " + e.getMessage());
        }
    }

    private static int slotIndex(String slot) {
        for (int i = 0; i < SLOT_NAMES.length; i++) {
            if (SLOT_NAMES[i].equals(slot)) {
                return i;
            }
        }
        throw new IllegalStateException(slot);
    }

    private static Map<String, String> aliases() {
        Map<String, String> a = new HashMap<>();
        for (String s : SLOT_NAMES) {
            a.put(s, s);
        }
        for (String s : List.of("time", "date", "datetime", "ts", "timestamp_ms", "unix")) {
            a.put(s, "timestamp");
        }
        for (String s : List.of("size", "quantity", "qty")) {
            a.put(s, "amount");
        }
        for (String s : List.of("bidsize", "bid_qty", "bid_quantity")) {
            a.put(s, "bid_size");
        }
        for (String s : List.of("asksize", "ask_qty", "ask_quantity")) {
            a.put(s, "ask_size");
        }
        a.put("product", "symbol");
        a.put("product_id", "symbol");
        a.put("instrument", "symbol");
        return Map.copyOf(a);
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void closeQuietly(BufferedReader reader) {
        try {
            reader.close();
        } catch (IOException e) {
            // the open failed already; that failure is the one to report
        }
    }
}
