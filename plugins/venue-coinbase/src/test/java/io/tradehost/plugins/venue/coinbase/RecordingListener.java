package io.tradehost.plugins.venue.coinbase;

import io.tradehost.api.market.BookDepth;
import io.tradehost.api.market.FundingRate;
import io.tradehost.api.market.Quote;
import io.tradehost.api.market.Trade;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.venue.VenueListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Records what a venue reports, as lines ({@code accepted id}, {@code fill id tradeId qty@price},
 * {@code cancelled id}, {@code rejected id CODE}, {@code amended id qty@price}, {@code amend-rejected id
 * CODE} (its message kept apart), {@code connection false ...}) plus quotes,
 * fills, public trades, depth and funding rates as objects, and lets a test wait (bounded) until a condition holds.
 */
final class RecordingListener implements VenueListener {
    private final List<String> events = new ArrayList<>();
    private final List<Fill> fills = new ArrayList<>();
    private final List<Quote> quotes = new ArrayList<>();
    private final List<Trade> trades = new ArrayList<>();
    private final List<BookDepth> books = new ArrayList<>();
    private final List<FundingRate> fundingRates = new ArrayList<>();
    private final List<String> amendMessages = new ArrayList<>();

    @Override
    public synchronized void onQuote(Quote quote) {
        quotes.add(quote);
        notifyAll();
    }

    @Override
    public synchronized void onTrade(Trade trade) {
        trades.add(trade);
        notifyAll();
    }

    @Override
    public synchronized void onBook(BookDepth book) {
        books.add(book);
        notifyAll();
    }

    @Override
    public synchronized void onFundingRate(FundingRate funding) {
        fundingRates.add(funding);
        notifyAll();
    }

    @Override
    public synchronized void onOrderAccepted(ClientOrderId id, Symbol symbol, String venueOrderId) {
        add("accepted " + id);
    }

    @Override
    public synchronized void onOrderRejected(ClientOrderId id, Symbol symbol, RejectionCode code, String message) {
        add("rejected " + id + " " + code);
    }

    @Override
    public synchronized void onFill(Fill fill) {
        fills.add(fill);
        add("fill " + fill.clientOrderId() + " " + fill.tradeId() + " " + fill.quantity() + "@" + fill.price());
    }

    @Override
    public synchronized void onOrderCancelled(ClientOrderId id, Symbol symbol, String reason) {
        add("cancelled " + id);
    }

    @Override
    public synchronized void onOrderAmended(ClientOrderId id, Symbol symbol, Price limitPrice, Quantity quantity) {
        add("amended " + id + " " + quantity + "@" + limitPrice);
    }

    @Override
    public synchronized void onAmendRejected(ClientOrderId id, Symbol symbol, RejectionCode code, String message) {
        amendMessages.add(message);
        add("amend-rejected " + id + " " + code);
    }

    @Override
    public synchronized void onFunding(io.tradehost.api.order.FundingPayment payment) {
        add("funding " + payment.id() + " " + payment.symbol() + " " + payment.amount());
    }

    @Override
    public synchronized void onMarketDataStale(Symbol symbol, String reason) {
        add("stale " + symbol);
    }

    @Override
    public synchronized void onConnectionChanged(boolean connected, String detail) {
        add("connection " + connected);
    }

    private void add(String event) {
        events.add(event);
        notifyAll();
    }

    synchronized List<String> events() {
        return List.copyOf(events);
    }

    /** The messages of the refused amendments, in order. */
    synchronized List<String> amendMessages() {
        return List.copyOf(amendMessages);
    }

    synchronized List<Fill> fills() {
        return List.copyOf(fills);
    }

    synchronized List<Fill> fills(ClientOrderId id) {
        return fills.stream().filter(f -> f.clientOrderId().equals(id)).toList();
    }

    synchronized List<Quote> quotes() {
        return List.copyOf(quotes);
    }

    synchronized List<Trade> trades() {
        return List.copyOf(trades);
    }

    synchronized List<BookDepth> books() {
        return List.copyOf(books);
    }

    synchronized List<FundingRate> fundingRates() {
        return List.copyOf(fundingRates);
    }

    synchronized int quoteCount() {
        return quotes.size();
    }

    /** Waits up to {@code limit} for {@code condition} on this listener; whether it came true. */
    synchronized boolean await(Duration limit, Predicate<RecordingListener> condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.test(this)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    synchronized long count(String prefix) {
        return events.stream().filter(e -> e.startsWith(prefix)).count();
    }
}
