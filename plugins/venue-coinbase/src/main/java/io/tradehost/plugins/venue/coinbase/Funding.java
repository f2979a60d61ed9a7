package io.tradehost.plugins.venue.coinbase;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradehost.api.market.FundingRate;
import io.tradehost.api.order.FundingPayment;
import io.tradehost.api.time.Clock;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.venue.VenueException;
import io.tradehost.api.venue.VenueListener;
import io.tradehost.plugins.venue.coinbase.net.RestClient;
import io.tradehost.plugins.venue.coinbase.wire.Wire;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The venue's funding: payments on the perpetuals portfolio, and each subscribed perpetual's
 * current rate and next funding time as its product shows them ({@code perpetual_details}).
 *
 * <p>A rate is published when its perpetual is subscribed, from the product list read at connect,
 * and then whenever the product data shows another rate or next funding time: every
 * {@code funding_poll} the subscribed perpetuals' products are read again, with one request for
 * all of them (through the rate limiter, and none while no perpetual is subscribed). A product with
 * no {@code funding_time} is published with {@code nextFundingNanos} 0 (not known) rather than a
 * time guessed from its interval. Thread-safe: the poll runs off the scheduler, subscribing on the
 * host's thread; rates are published under this object's lock, so they reach the host in order.
 */
final class Funding {
    private static final Logger LOG = LoggerFactory.getLogger(Funding.class);

    private final RestClient rest;
    private final String portfolioUuid;
    private final VenueListener listener;
    private final Clock clock;
    private final Set<String> reportedPayments = ConcurrentHashMap.newKeySet();
    private volatile boolean paymentsUnavailable;
    /** The rate each perpetual's product showed when last read. */
    private final Map<Symbol, FundingRate> latest = new HashMap<>();
    /** What was published of each subscribed perpetual. */
    private final Map<Symbol, FundingRate> published = new HashMap<>();
    private Set<Symbol> subscribed = Set.of();

    Funding(RestClient rest, String portfolioUuid, VenueListener listener, Clock clock) {
        this.rest = rest;
        this.portfolioUuid = portfolioUuid;
        this.listener = listener;
        this.clock = clock;
    }

    /** Remembers the rate of {@code product} as the product list read at connect shows it. */
    synchronized void listed(JsonNode product, long readNanos) {
        try {
            Wire.fundingRate(product, readNanos).ifPresent(r -> latest.put(r.symbol(), r));
        } catch (IllegalArgumentException e) {
            LOG.warn("coinbase: unreadable funding rate of {}: {}", product.path("product_id").asText("?"),
                    e.getMessage());
        }
    }

    /**
     * The subscribed perpetuals are now {@code perpetuals}: each one's rate is published as last
     * read (unless already published and unchanged); a perpetual no longer subscribed is forgotten,
     * so subscribing it again publishes its rate again.
     */
    synchronized void subscribe(Set<Symbol> perpetuals) {
        subscribed = Set.copyOf(perpetuals);
        published.keySet().retainAll(subscribed);
        publishChanges();
    }

    /**
     * One funding poll: the portfolio's payments (with a portfolio) and the subscribed perpetuals' rates.
     * Skipped while the previous one still runs (a slow or rate-limited read), so that an older read
     * can never publish over a newer one.
     */
    void poll() {
        if (!polling.compareAndSet(false, true)) {
            return;
        }
        try {
            if (!portfolioUuid.isBlank()) {
                pollPayments();
            }
            pollRates();
        } finally {
            polling.set(false);
        }
    }

    private final java.util.concurrent.atomic.AtomicBoolean polling = new java.util.concurrent.atomic.AtomicBoolean();

    /** Reads the subscribed perpetuals' products (one request) and publishes the rates that changed. */
    void pollRates() {
        Set<Symbol> wanted;
        synchronized (this) {
            wanted = new LinkedHashSet<>(subscribed);
        }
        if (wanted.isEmpty()) {
            return;
        }
        List<Map.Entry<String, String>> query = new ArrayList<>();
        query.add(Map.entry("product_type", "FUTURE"));
        wanted.stream().map(Symbol::value).sorted().forEach(id -> query.add(Map.entry("product_ids", id)));
        JsonNode answer;
        try {
            answer = rest.get("/products", query);
        } catch (VenueException | RuntimeException e) {
            LOG.debug("coinbase: funding rate poll failed: {}", e.getMessage());
            return;
        }
        long now = clock.nanos();
        synchronized (this) {
            for (JsonNode p : answer.path("products")) {
                listed(p, now);
            }
            publishChanges();
        }
    }

    private void publishChanges() {
        for (Symbol s : subscribed) {
            FundingRate now = latest.get(s);
            FundingRate before = published.get(s);
            if (now != null && (before == null || !now.rate().equals(before.rate())
                    || now.nextFundingNanos() != before.nextFundingNanos())) {
                published.put(s, now);
                listener.onFundingRate(now);
            }
        }
    }

    /**
     * Funding payments on the perpetuals portfolio, oldest first; empty without a portfolio. The path
     * ({@code /intx/funding/{portfolio}}) is the local exchange's: Coinbase's public reference names
     * no funding-history endpoint we could verify, so a 404 reads as "none" (logged once).
     */
    List<FundingPayment> payments() throws VenueException {
        if (portfolioUuid.isBlank()) {
            return List.of();
        }
        JsonNode answer;
        try {
            answer = rest.get("/intx/funding/" + portfolioUuid, List.of());
        } catch (VenueException e) {
            if ("NOT_FOUND".equals(e.code().value())) {
                if (!paymentsUnavailable) {
                    paymentsUnavailable = true;
                    LOG.warn("coinbase: the venue lists no funding payments ({}); funding shows in the cash only",
                            e.getMessage());
                }
                return List.of();
            }
            throw e;
        }
        List<FundingPayment> out = new ArrayList<>();
        for (JsonNode f : answer.path("funding")) {
            out.add(Wire.funding(f));
        }
        return out;
    }

    /** Reads the funding list and reports payments not reported before. */
    private void pollPayments() {
        try {
            for (FundingPayment p : payments()) {
                if (reportedPayments.add(p.id())) {
                    listener.onFunding(p);
                }
            }
        } catch (VenueException | RuntimeException e) {
            LOG.debug("coinbase: funding poll failed: {}", e.getMessage());
        }
    }
}
