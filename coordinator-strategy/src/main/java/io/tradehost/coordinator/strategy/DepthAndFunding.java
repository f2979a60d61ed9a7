package io.tradehost.coordinator.strategy;

import io.tradehost.api.market.BookDepth;
import io.tradehost.api.market.FundingRate;
import io.tradehost.api.value.Symbol;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Book depth and funding rates for the event-driven instances that subscribed: each hears the top
 * levels it asked for when they change (a change further down is not repeated), and a new subscriber
 * hears the last book or rate the host heard at once. Kernel thread only.
 */
final class DepthAndFunding {
    private static final Supervision.Call ON_BOOK = Supervision.Call.callback("onBook");
    private static final Supervision.Call ON_FUNDING = Supervision.Call.callback("onFundingRate");

    private final List<EventInstance> instances;
    private final CallbackQueue queue;
    private final Map<Symbol, BookDepth> lastBooks = new HashMap<>();
    private final Map<Symbol, FundingRate> lastFunding = new HashMap<>();

    DepthAndFunding(List<EventInstance> instances, CallbackQueue queue) {
        this.instances = instances;
        this.queue = queue;
    }

    /**
     * {@code instance} wants {@code levels} of {@code symbol}'s book: a new subscription (or other levels)
     * hears the book as it is now, not only from its next change; the same one again hears nothing, else
     * re-subscribing from {@code onBook} would loop.
     */
    void subscribeBook(EventInstance instance, Symbol symbol, int levels) {
        Integer before = instance.books.put(symbol, levels);
        BookDepth last = lastBooks.get(symbol);
        if (last != null && (before == null || before != levels)) {
            instance.booksSent.remove(symbol);
            queue.later(() -> deliverBook(instance, last));
        }
    }

    /** {@code instance} wants {@code symbol}'s funding: reported seldom (each payment), so the current rate at once. */
    void subscribeFunding(EventInstance instance, Symbol symbol) {
        FundingRate last = lastFunding.get(symbol);
        if (instance.funding.add(symbol) && last != null) {
            queue.later(() -> instance.deliver(ON_FUNDING, () -> instance.strategy.onFundingRate(last)));
        }
    }

    /** A venue's book depth: each instance subscribed to the symbol hears its top levels. */
    void onBook(BookDepth book) {
        lastBooks.put(book.symbol(), book);
        for (EventInstance instance : instances) {
            deliverBook(instance, book);
        }
    }

    /** The subscribed top levels of {@code book}, unless they are those the instance heard last. */
    private void deliverBook(EventInstance instance, BookDepth book) {
        Integer levels = instance.books.get(book.symbol());
        if (!instance.started || levels == null) {
            return;
        }
        BookDepth top = book.top(levels);
        if (!top.sameLevels(instance.booksSent.get(book.symbol()))) {
            long discarded = instance.discarded;
            instance.booksSent.put(book.symbol(), top);
            instance.deliver(ON_BOOK, () -> instance.strategy.onBook(top));
            if (instance.discarded != discarded) { // not heard (the strategy was busy): the next book goes again
                instance.booksSent.remove(book.symbol());
            }
        }
    }

    /**
     * The venue's market data of {@code symbol} can no longer be trusted: its last book is forgotten, so
     * that a new subscriber does not get it as current (the next book comes with the venue's recovery).
     */
    void onStale(Symbol symbol) {
        lastBooks.remove(symbol);
    }

    /** A perpetual's funding rate: each instance subscribed to the symbol hears it. */
    void onFundingRate(FundingRate funding) {
        lastFunding.put(funding.symbol(), funding);
        for (EventInstance instance : instances) {
            if (instance.started && instance.funding.contains(funding.symbol())) {
                instance.deliver(ON_FUNDING, () -> instance.strategy.onFundingRate(funding));
            }
        }
    }
}
