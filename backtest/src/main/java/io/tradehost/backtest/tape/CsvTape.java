package io.tradehost.backtest.tape;

import static io.tradehost.backtest.tape.Columns.AMOUNT;
import static io.tradehost.backtest.tape.Columns.ASK;
import static io.tradehost.backtest.tape.Columns.ASK_SIZE;
import static io.tradehost.backtest.tape.Columns.BID;
import static io.tradehost.backtest.tape.Columns.BID_SIZE;
import static io.tradehost.backtest.tape.Columns.CLOSE;
import static io.tradehost.backtest.tape.Columns.FUNDING_RATE;
import static io.tradehost.backtest.tape.Columns.HIGH;
import static io.tradehost.backtest.tape.Columns.LOW;
import static io.tradehost.backtest.tape.Columns.OPEN;
import static io.tradehost.backtest.tape.Columns.PRICE;
import static io.tradehost.backtest.tape.Columns.SIDE;
import static io.tradehost.backtest.tape.Columns.SYMBOL;
import static io.tradehost.backtest.tape.Columns.TIME;
import static io.tradehost.backtest.tape.Columns.VOLUME;

import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Ratio;
import io.tradehost.api.value.Symbol;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * One CSV file of recorded market data, read row by row in file order. The first line is a header
 * when its first field is not a timestamp; columns are then found by name (see {@link Columns}),
 * else by position in the format's order. Without {@code --format} the header
 * decides (bid and ask: quotes; open, high, low, close: bars; price: trades). Gzip is recognised by
 * its magic bytes. A timestamp earlier than the row before is always an error; any other bad row
 * (a line longer than {@link LineReader#MAX_LINE_BYTES} among them, never held whole) is an error,
 * or with {@code skipBadRows} skipped and counted. What a message quotes of a row is cut and
 * escaped ({@link Excerpt}). Not thread-safe.
 */
public final class CsvTape implements Closeable {
    /** How many skipped rows are kept with their reasons. */
    public static final int KEPT_BAD_ROWS = 5;

    private final Path file;
    private final LineReader reader;
    private final TapeFormat format;
    private final Symbol fixedSymbol;
    private final boolean skipBadRows;
    private final int[] columns;
    private final int width;
    private final List<String> badRows = new ArrayList<>();
    private Timestamps timestamps;
    private String pendingLine;
    private long lastNanos = Long.MIN_VALUE;
    private long skipped;
    private Symbol lastSymbol;
    private String lastSymbolText;

    /**
     * Opens {@code file}.
     *
     * @param format the format, or null to take it from the header
     * @param symbol the symbol of every row, or null when the file has a symbol column
     * @throws TapeException if the file cannot be read, its header is unusable, or it names no symbol
     */
    public static CsvTape open(Path file, TapeFormat format, Symbol symbol, boolean skipBadRows) {
        LineReader reader;
        try {
            InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            in.mark(2);
            int b1 = in.read();
            int b2 = in.read();
            in.reset();
            if (b1 == 0x1f && b2 == 0x8b) {
                in = new GZIPInputStream(in, 1 << 16);
            }
            reader = new LineReader(in);
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

    private CsvTape(Path file, LineReader reader, TapeFormat givenFormat, Symbol symbol, boolean skipBadRows) {
        this.file = file;
        this.reader = reader;
        this.fixedSymbol = symbol;
        this.skipBadRows = skipBadRows;
        String first = readLine();
        while (first != null && (first.isBlank() || reader.tooLong())) {
            if (reader.tooLong()) {
                bad(tooLong()); // a header is never that long: a row, then
            }
            first = readLine();
        }
        int[] slots;
        TapeFormat found = givenFormat;
        int headerWidth = -1;
        if (first != null && isHeader(first)) {
            String[] names = first.split(",", -1);
            headerWidth = names.length;
            slots = Columns.ofHeader(names);
            if (found == null) {
                found = Columns.formatOf(slots);
                if (found == null) {
                    throw new TapeException(file, reader.number(), "cannot tell the format from the header '"
                            + Excerpt.of(first) + "'; give --format trades|quotes|bars");
                }
            }
        } else {
            if (found == null) {
                throw new TapeException(file, "has no header; give --format trades|quotes|bars");
            }
            slots = Columns.positional(found);
            pendingLine = first;
        }
        this.format = found;
        this.columns = slots;
        for (int required : Columns.required(found)) {
            if (slots[required] < 0) {
                throw new TapeException(file, 1, "the header has no '" + Columns.name(required) + "' column, which "
                        + found + " need");
            }
        }
        if (slots[SYMBOL] < 0 && symbol == null) {
            throw new TapeException(file, "has no symbol column; give --symbol for it");
        }
        this.width = headerWidth;
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
            if (reader.tooLong()) {
                bad(tooLong());
                continue;
            }
            if (text.isBlank()) {
                continue;
            }
            MarketEvent event;
            try {
                event = parse(text);
            } catch (IllegalArgumentException e) {
                bad(e.getMessage());
                continue;
            }
            if (event.timestampNanos() < lastNanos) {
                throw new TapeException(file, reader.number(), "out of time order: " + Instant.ofEpochSecond(0,
                        event.timestampNanos()) + " is before the previous row's " + Instant.ofEpochSecond(0,
                        lastNanos));
            }
            lastNanos = event.timestampNanos();
            return event;
        }
    }

    /**
     * The row just read is bad for {@code reason}: counted when bad rows are skipped.
     *
     * @throws TapeException when they are not
     */
    private void bad(String reason) {
        if (!skipBadRows) {
            throw new TapeException(file, reader.number(), reason + " (--skip-bad-rows skips such rows)");
        }
        skipped++;
        if (badRows.size() < KEPT_BAD_ROWS) {
            badRows.add(Excerpt.oneLine(file + ":" + reader.number() + ": " + reason));
        }
    }

    private static String tooLong() {
        return "line longer than " + LineReader.MAX_LINE_BYTES + " bytes";
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
        MarketEvent event = switch (format) {
            case TRADES -> {
                Price price = positivePrice(f, PRICE);
                Quantity amount = optionalQuantity(f, columns[AMOUNT] >= 0 ? AMOUNT : VOLUME);
                side(f);
                yield new MarketEvent(nanos, symbol, format, price, price, price, null, null, Quantity.ZERO,
                        Quantity.ZERO, amount, reader.number());
            }
            case QUOTES -> {
                Price bid = positivePrice(f, BID);
                Price ask = positivePrice(f, ASK);
                if (bid.isGreaterThan(ask)) {
                    throw new IllegalArgumentException("crossed quote: bid " + bid + " above ask " + ask);
                }
                yield new MarketEvent(nanos, symbol, format, Price.mid(bid, ask), ask, bid, bid, ask,
                        optionalQuantity(f, BID_SIZE), optionalQuantity(f, ASK_SIZE), Quantity.ZERO, reader.number());
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
                        Quantity.ZERO, optionalQuantity(f, VOLUME), reader.number());
            }
        };
        Ratio funding = fundingRate(f);
        return funding == null ? event : event.withFundingRate(funding);
    }

    /** The row's funding rate, or null without one: a decimal within +-10 % per interval. */
    private Ratio fundingRate(String[] f) {
        int index = columns[FUNDING_RATE];
        if (index < 0 || index >= f.length || f[index].isBlank()) {
            return null;
        }
        String text = f[index].strip();
        Ratio rate;
        try {
            rate = Ratio.of(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("funding_rate '" + Excerpt.of(text) + "' is not a decimal: "
                    + Excerpt.of(e.getMessage()), e);
        }
        if (rate.isGreaterThan(Ratio.of("0.1")) || rate.isLessThan(Ratio.of("-0.1"))) {
            throw new IllegalArgumentException("funding_rate " + Excerpt.of(text) + " is beyond +-0.1 per interval");
        }
        return rate;
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
            throw new IllegalArgumentException("symbol '" + Excerpt.of(text) + "': " + Excerpt.of(e.getMessage()), e);
        }
        lastSymbolText = text;
        return lastSymbol;
    }

    private String field(String[] f, int slot) {
        int index = columns[slot];
        if (index < 0 || index >= f.length) {
            throw new IllegalArgumentException("has no " + Columns.name(slot) + " (only " + f.length + " fields)");
        }
        String value = f[index].strip();
        if (value.isEmpty()) {
            throw new IllegalArgumentException(Columns.name(slot) + " is empty");
        }
        return value;
    }

    private Price positivePrice(String[] f, int slot) {
        String text = field(f, slot);
        Price price;
        try {
            price = Price.of(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(Columns.name(slot) + " '" + Excerpt.of(text)
                    + "' is not a decimal price: " + Excerpt.of(e.getMessage()), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(Columns.name(slot) + " '" + Excerpt.of(text) + "': "
                    + Excerpt.of(e.getMessage()), e);
        }
        if (!price.isPositive()) {
            throw new IllegalArgumentException(Columns.name(slot) + " " + Excerpt.of(text) + " is not positive");
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
            throw new IllegalArgumentException(Columns.name(slot) + " '" + Excerpt.of(text) + "' is not a decimal: "
                    + Excerpt.of(e.getMessage()), e);
        }
        if (q.isNegative()) {
            throw new IllegalArgumentException(Columns.name(slot) + " " + Excerpt.of(text) + " is negative");
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
            throw new IllegalArgumentException("side '" + Excerpt.of(f[index].strip()) + "' is neither buy nor sell");
        }
    }

    private String readLine() {
        try {
            return reader.next();
        } catch (IOException e) {
            throw new TapeException(file, reader.number() + 1, "cannot read: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void closeQuietly(LineReader reader) {
        try {
            reader.close();
        } catch (IOException e) {
            // the open failed already; that failure is the one to report
        }
    }
}
