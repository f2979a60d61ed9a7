package io.tradehost.api.event;

import io.tradehost.api.market.Mark;
import io.tradehost.api.market.Quote;
import java.util.Objects;

/**
 * Telemetry accepted a quote and moved the mark of its product.
 *
 * @param mark the new mark
 * @param quote the validated quote the mark was taken from (its bid, ask, sizes and time): handed
 *     on to event strategies as it is, so that a quote reaches them without a copy
 */
public record MarkUpdated(Mark mark, Quote quote) implements Event {
    /** @throws IllegalArgumentException if the quote is not the mark's: another symbol, bid, ask or time */
    public MarkUpdated {
        Objects.requireNonNull(mark, "mark");
        Objects.requireNonNull(quote, "quote");
        if (!quote.symbol().equals(mark.symbol()) || quote.timestampNanos() != mark.timestampNanos()
                || !quote.bid().equals(mark.bid()) || !quote.ask().equals(mark.ask())) {
            throw new IllegalArgumentException("the quote " + quote + " is not the one mark " + mark
                    + " was taken from");
        }
    }

    /** A mark whose quote is rebuilt from it, for tests and tools that have only the mark. */
    public MarkUpdated(Mark mark) {
        this(mark, new Quote(mark.symbol(), mark.bid(), mark.bidSize(), mark.ask(), mark.askSize(),
                mark.timestampNanos()));
    }
}
