package io.tradehost.faults;

import io.tradehost.api.order.AccountSnapshot;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.FundingPayment;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.time.Scheduler;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Product;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.venue.Venue;
import io.tradehost.api.venue.VenueException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
/**
 * A venue that misbehaves on purpose, around a real one: calls fail before reaching it (the order
 * path's, amends included, also at the error rate), placements time out (after the venue acted, or
 * before), rate limits answer with a retry-after, the connection drops for a while (calls fail and
 * reports, amend outcomes included, are lost), fills come late or twice. Faults
 * are drawn from a seeded generator, so a run with the same seed fails the same way. Kernel thread
 * only, like the venue it wraps.
 */
public final class FaultInjectingVenue implements Venue {
    private static final Logger LOG = LoggerFactory.getLogger(FaultInjectingVenue.class);

    private final Venue venue;
    private final FaultyListener listener;
    private final FaultSettings settings;
    private final SplittableRandom random;
    private final Scheduler scheduler;

    FaultInjectingVenue(Venue venue, FaultyListener listener, FaultSettings settings, SplittableRandom random,
                        Scheduler scheduler) {
        this.venue = venue;
        this.listener = listener;
        this.settings = settings;
        this.random = random;
        this.scheduler = scheduler;
    }

    /** The venue underneath, which sees only the calls that got through. */
    public Venue delegate() {
        return venue;
    }

    /** Faults injected so far, by kind ({@code error}, {@code timeout_effective}, ...). */
    public Map<String, Long> injected() {
        return listener.injected();
    }

    @Override
    public void connect() throws VenueException {
        venue.connect();
        if (!settings.disconnectEvery().isZero()) {
            scheduler.scheduleAtFixedRate(settings.disconnectEvery(), settings.disconnectEvery(), this::disconnect);
        }
    }

    private void disconnect() {
        if (listener.isDown()) {
            return;
        }
        listener.counts().add("disconnect");
        LOG.info("fault injection: connection down for {}", settings.disconnectFor());
        listener.connection(false, "injected disconnect");
        scheduler.schedule(settings.disconnectFor(), () -> listener.connection(true, "injected reconnect"));
    }

    @Override
    public List<Product> products() throws VenueException {
        return venue.products();
    }

    @Override
    public void subscribe(Set<Symbol> symbols) throws VenueException {
        venue.subscribe(symbols);
    }

    @Override
    public boolean supportsNatively(OrderType type) {
        return venue.supportsNatively(type);
    }

    @Override
    public boolean publishesTrades() {
        return venue.publishesTrades();
    }

    @Override
    public boolean publishesDepth() {
        return venue.publishesDepth();
    }

    @Override
    public void place(OrderRequest request) throws VenueException {
        reachable("place");
        if (hit(settings.rateLimitRate(), "rate_limit")) {
            throw VenueException.rateLimited(RejectionCode.of("RATE_LIMITED"), "injected rate limit", settings.retryAfter());
        }
        if (hit(settings.timeoutRate(), "timeout")) {
            if (random.nextDouble() < settings.timeoutTakesEffect()) {
                listener.counts().add("timeout_effective");
                venue.place(request);
            }
            throw VenueException.outcomeUnknown(RejectionCode.of("TIMEOUT"), "injected timeout placing " + request.clientOrderId());
        }
        venue.place(request);
    }

    @Override
    public void cancel(ClientOrderId clientOrderId) throws VenueException {
        reachable("cancel");
        venue.cancel(clientOrderId);
    }

    @Override
    public boolean supportsAmend() {
        return venue.supportsAmend();
    }

    /** A cancel-like call: fails at the error rate and while disconnected, before reaching the venue. */
    @Override
    public void amend(ClientOrderId clientOrderId, Price limitPrice, Quantity quantity) throws VenueException {
        reachable("amend");
        venue.amend(clientOrderId, limitPrice, quantity);
    }

    @Override
    public Optional<Order> order(ClientOrderId clientOrderId) throws VenueException {
        reachable("order");
        return venue.order(clientOrderId);
    }

    @Override
    public List<Fill> fills(ClientOrderId clientOrderId) throws VenueException {
        reachable("fills");
        return venue.fills(clientOrderId);
    }

    @Override
    public List<Order> openOrders() throws VenueException {
        connected("openOrders");
        return venue.openOrders();
    }

    @Override
    public AccountSnapshot account() throws VenueException {
        connected("account");
        return venue.account();
    }

    @Override
    public List<FundingPayment> fundingPayments() throws VenueException {
        connected("fundingPayments");
        return venue.fundingPayments();
    }

    @Override
    public void close() {
        LOG.info("fault injection: injected {}", injected());
        venue.close();
    }

    private void connected(String call) throws VenueException {
        if (listener.isDown()) {
            throw VenueException.transientFailure(RejectionCode.of("NOT_CONNECTED"), "injected disconnect: " + call + " not sent");
        }
    }

    /** Order-path calls also fail at the error rate; account queries fail only while disconnected. */
    private void reachable(String call) throws VenueException {
        connected(call);
        if (hit(settings.errorRate(), "error")) {
            throw VenueException.transientFailure(RejectionCode.of("UNAVAILABLE"), "injected error: " + call + " not sent");
        }
    }

    private boolean hit(double rate, String kind) {
        if (rate > 0 && random.nextDouble() < rate) {
            listener.counts().add(kind);
            return true;
        }
        return false;
    }
}
