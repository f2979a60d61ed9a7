package io.tradehost.faults;

import io.tradehost.api.market.BookDepth;
import io.tradehost.api.market.FundingRate;
import io.tradehost.api.market.Quote;
import io.tradehost.api.market.Trade;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.FundingPayment;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.time.Scheduler;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.venue.VenueListener;
import java.util.Map;
import java.util.SplittableRandom;
/**
 * Sits between a venue and the host's listener: duplicates and delays fills, and while the
 * connection is down loses every report, as a dropped stream would. Called on the kernel thread
 * (the venues it wraps report from there).
 */
final class FaultyListener implements VenueListener {
    private final VenueListener host;
    private final FaultSettings settings;
    private final SplittableRandom random;
    private final Scheduler scheduler;
    private final FaultCounts counts;
    private boolean down;

    FaultyListener(VenueListener host, FaultSettings settings, SplittableRandom random, Scheduler scheduler) {
        this.host = host;
        this.settings = settings;
        this.random = random;
        this.scheduler = scheduler;
        this.counts = new FaultCounts();
    }

    FaultCounts counts() {
        return counts;
    }

    /** Drops or restores the connection, telling the host. */
    void connection(boolean up, String detail) {
        down = !up;
        host.onConnectionChanged(up, detail);
    }

    boolean isDown() {
        return down;
    }

    private boolean lost() {
        if (down) {
            counts.add("lost_report");
        }
        return down;
    }

    @Override
    public void onQuote(Quote quote) {
        if (!down) {
            host.onQuote(quote);
        }
    }

    /** Public trades are market data like quotes: lost while the connection is down. */
    @Override
    public void onTrade(Trade trade) {
        if (!down) {
            host.onTrade(trade);
        }
    }

    /** Depth is market data like quotes: lost while the connection is down. */
    @Override
    public void onBook(BookDepth book) {
        if (!down) {
            host.onBook(book);
        }
    }

    /** A funding rate is market data too (the payment itself is a report, {@link #onFunding}). */
    @Override
    public void onFundingRate(FundingRate funding) {
        if (!down) {
            host.onFundingRate(funding);
        }
    }

    @Override
    public void onOrderAccepted(ClientOrderId clientOrderId, Symbol symbol, String venueOrderId) {
        if (!lost()) {
            host.onOrderAccepted(clientOrderId, symbol, venueOrderId);
        }
    }

    @Override
    public void onOrderRejected(ClientOrderId clientOrderId, Symbol symbol, RejectionCode code, String message) {
        if (!lost()) {
            host.onOrderRejected(clientOrderId, symbol, code, message);
        }
    }

    @Override
    public void onFill(Fill fill) {
        if (lost()) {
            return;
        }
        if (random.nextDouble() < settings.delayedFillRate()) {
            counts.add("delayed_fill");
            scheduler.schedule(settings.fillDelay(), () -> {
                if (!lost()) {
                    host.onFill(fill);
                }
            });
            return;
        }
        host.onFill(fill);
        if (random.nextDouble() < settings.duplicateFillRate()) {
            counts.add("duplicate_fill");
            host.onFill(fill);
        }
    }

    @Override
    public void onOrderCancelled(ClientOrderId clientOrderId, Symbol symbol, String reason) {
        if (!lost()) {
            host.onOrderCancelled(clientOrderId, symbol, reason);
        }
    }

    /** An amend's outcome is a report like a cancel's: lost while the connection is down. */
    @Override
    public void onOrderAmended(ClientOrderId clientOrderId, Symbol symbol, Price limitPrice, Quantity quantity) {
        if (!lost()) {
            host.onOrderAmended(clientOrderId, symbol, limitPrice, quantity);
        }
    }

    @Override
    public void onAmendRejected(ClientOrderId clientOrderId, Symbol symbol, RejectionCode code, String message) {
        if (!lost()) {
            host.onAmendRejected(clientOrderId, symbol, code, message);
        }
    }

    @Override
    public void onConnectionChanged(boolean connected, String detail) {
        host.onConnectionChanged(connected, detail);
    }

    @Override
    public void onMarketDataStale(Symbol symbol, String reason) {
        if (!down) {
            host.onMarketDataStale(symbol, reason);
        }
    }

    /** A funding payment is a report like a fill: lost while the connection is down (reconciliation books it). */
    @Override
    public void onFunding(FundingPayment payment) {
        if (!lost()) {
            host.onFunding(payment);
        }
    }

    /** Each fill on its own, so that every one meets the duplicate and delay faults. */
    @Override
    public void onFills(Iterable<Fill> fills) {
        fills.forEach(this::onFill);
    }

    /** Counts of faults injected so far, by kind. */
    Map<String, Long> injected() {
        return counts.snapshot();
    }
}
