package io.tradehost.coordinator.execution;

import io.tradehost.api.host.Throwables;
import io.tradehost.api.host.VenueAccess;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.time.Scheduler;
import io.tradehost.api.venue.VenueException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
/**
 * Sends an order (already journaled) to the venue until the venue has it or has refused it. A
 * transient failure is retried with the {@link RetryPolicy}; a rate limit waits the venue's
 * retry-after; an unknown outcome (timeout, connection lost mid-call) is resolved by asking the
 * venue for the order by client id before anything is sent again, so an order is never placed
 * twice. While the venue cannot answer that question the order stays in flight and the venue is
 * asked again; it is never re-sent blind. Kernel thread only.
 */
final class OrderPlacer {
    private static final Logger LOG = LoggerFactory.getLogger(OrderPlacer.class);

    /**
     * What placement concluded ({@link VenueFindings} publishes it; cancels report what asking the
     * venue found through it too). Called on the kernel thread.
     */
    interface Outcome {
        /** The order will not be at the venue. */
        void refused(OrderRequest request, RejectionCode code, String message);

        /** The venue turned out to hold the order; {@code fills} are its executions so far. */
        void found(Order venueView, List<Fill> fills, String note);

        /** The order was cancelled before it reached the venue, and will not be sent. */
        void cancelledUnsent(OrderRequest request, String reason);
    }

    private final VenueAccess venues;
    private final Scheduler scheduler;
    private RetryPolicy policy;
    private final RandomGenerator jitter;
    private final Outcome outcome;
    private final Set<OrderRequest> awaitingResend = new LinkedHashSet<>();
    /** Orders whose placement's outcome is unknown until the venue is asked, by id. */
    private final java.util.Map<ClientOrderId, OrderRequest> unresolved = new java.util.LinkedHashMap<>();
    /** Of those, the ones cancelled meanwhile, with why: not sent if absent, cancelled at the venue if there. */
    private final java.util.Map<ClientOrderId, String> cancelledUnresolved = new java.util.HashMap<>();
    private final java.util.function.Consumer<OrderRequest> cancelAtVenue;
    private boolean stopped;
    private long retries;
    private long resolutions;

    /**
     * @param cancelAtVenue cancels an order at the venue: one cancelled while its placement's outcome was
     *     unknown, which asking the venue then found there
     */
    OrderPlacer(VenueAccess venues, Scheduler scheduler, RetryPolicy policy, RandomGenerator jitter, Outcome outcome,
                java.util.function.Consumer<OrderRequest> cancelAtVenue) {
        this.cancelAtVenue = cancelAtVenue;
        this.venues = venues;
        this.scheduler = scheduler;
        this.policy = policy;
        this.jitter = jitter;
        this.outcome = outcome;
    }

    /** Retries from now on follow {@code next}; a retry already scheduled keeps its time. */
    void retryWith(RetryPolicy next) {
        this.policy = next;
    }

    /** Sends {@code request} (first attempt now). */
    void place(OrderRequest request) {
        send(request, 1);
    }

    /**
     * Stops: nothing more is sent or asked. Returns the orders that were waiting to be sent again
     * after a failure the venue answered (so they are not at the venue); orders whose outcome is
     * still unknown are not among them, the next reconciliation settles those.
     */
    List<OrderRequest> stop() {
        stopped = true;
        List<OrderRequest> unsent = List.copyOf(awaitingResend);
        awaitingResend.clear();
        return unsent;
    }

    /**
     * Withdraws the orders waiting to be sent again after a failure the venue answered (so not at the
     * venue) that {@code which} selects: they will not be sent. Returns them, oldest first.
     */
    List<OrderRequest> withdraw(java.util.function.Predicate<OrderRequest> which) {
        List<OrderRequest> withdrawn = awaitingResend.stream().filter(which).toList();
        withdrawn.forEach(awaitingResend::remove);
        return withdrawn;
    }

    /**
     * Marks the orders whose placement's outcome is unknown that {@code which} selects as cancelled:
     * when asking the venue finds one absent it is not sent again but reported cancelled; one found there
     * is cancelled at the venue. Returns them.
     */
    List<OrderRequest> cancelWhenResolved(java.util.function.Predicate<OrderRequest> which, String reason) {
        List<OrderRequest> marked = unresolved.values().stream().filter(which).toList();
        marked.forEach(r -> cancelledUnresolved.putIfAbsent(r.clientOrderId(), reason));
        return marked;
    }

    /** Sends repeated after a failure so far. */
    long retries() {
        return retries;
    }

    /** Unknown outcomes resolved by asking the venue so far. */
    long resolutions() {
        return resolutions;
    }

    private void send(OrderRequest request, int attempt) {
        try {
            venues.venue().place(request);
            LOG.debug("order {} sent (attempt {}): {} {} {}", request.clientOrderId(), attempt, request.side(),
                    request.quantity(), request.symbol());
        } catch (VenueException e) {
            sendFailed(request, attempt, e);
        } catch (Throwable e) {
            Throwables.rethrowIfFatal(e);
            LOG.error("venue plugin threw placing {}; treating the outcome as unknown", request.clientOrderId(), e);
            sendFailed(request, attempt, VenueException.outcomeUnknown(RejectionCode.VENUE_PLUGIN_FAILURE,
                    "venue plugin threw " + Throwables.describe(e)));
        }
    }

    private void sendFailed(OrderRequest request, int attempt, VenueException e) {
        ClientOrderId id = request.clientOrderId();
        if (RejectionCode.DUPLICATE_ORDER.equals(e.code())) {
            LOG.warn("venue says order {} already exists; asking it for the order instead of sending again", id);
            resolve(request, attempt);
            return;
        }
        if (!e.isTransient()) {
            outcome.refused(request, e.code(), "placing failed: " + e.getMessage());
            return;
        }
        if (attempt >= policy.maxAttempts() && !e.isOutcomeUnknown()) {
            outcome.refused(request, RejectionCode.RETRIES_EXHAUSTED, "gave up after " + attempt + " attempt(s); last: "
                    + e.code() + " " + e.getMessage());
            return;
        }
        Duration delay = e.retryAfter().orElseGet(() -> policy.backoff(attempt, jitter));
        if (e.isOutcomeUnknown()) {
            LOG.warn("placing {} (attempt {}) has an unknown outcome ({}: {}); asking the venue in {}", id, attempt,
                    e.code(), e.getMessage(), delay);
            unresolved.put(id, request);
            scheduler.schedule(delay, () -> {
                if (!stopped) {
                    resolve(request, attempt);
                }
            });
        } else {
            LOG.warn("placing {} (attempt {}) failed ({}: {}); retrying in {}", id, attempt, e.code(), e.getMessage(),
                    delay);
            awaitingResend.add(request);
            scheduler.schedule(delay, () -> {
                if (awaitingResend.remove(request) && !stopped) {
                    retries++;
                    send(request, attempt + 1);
                }
            });
        }
    }

    /** Asks the venue whether it has the order; sends it again only if the venue says it has not. */
    private void resolve(OrderRequest request, int attempt) {
        ClientOrderId id = request.clientOrderId();
        Optional<Order> known;
        List<Fill> fills;
        try {
            known = venues.venue().order(id);
            fills = known.isPresent() ? venues.venue().fills(id) : List.of();
        } catch (Throwable failure) {
            Throwables.rethrowIfFatal(failure);
            VenueException e = failure instanceof VenueException v ? v
                    : VenueException.transientFailure(RejectionCode.VENUE_PLUGIN_FAILURE, "venue plugin threw "
                    + Throwables.describe(failure));
            Duration delay = e.retryAfter().orElseGet(() -> policy.backoff(attempt, jitter));
            LOG.warn("cannot ask the venue about order {} ({}: {}); it stays in flight, asking again in {}", id,
                    e.code(), e.getMessage(), delay);
            scheduler.schedule(delay, () -> {
                if (!stopped) {
                    resolve(request, Math.min(attempt + 1, policy.maxAttempts()));
                }
            });
            return;
        }
        resolutions++;
        unresolved.remove(id);
        String cancelled = cancelledUnresolved.remove(id);
        if (cancelled != null && known.isEmpty()) {
            LOG.info("the venue never received order {}, cancelled meanwhile; not sending it", id);
            outcome.cancelledUnsent(request, "cancelled before it reached the venue: " + cancelled);
            return;
        }
        if (known.isPresent()) {
            LOG.info("order {} is at the venue ({}, {} fill(s)); not sending it again", id, known.get().status(),
                    fills.size());
            outcome.found(known.get(), fills, "the venue has the order after an unknown outcome");
            if (cancelled != null && !known.get().status().isTerminal()) {
                LOG.info("order {} was cancelled while its outcome was unknown: cancelling it at the venue", id);
                cancelAtVenue.accept(request);
            }
        } else if (attempt >= policy.maxAttempts()) {
            outcome.refused(request, RejectionCode.RETRIES_EXHAUSTED, "gave up after " + attempt
                    + " attempt(s); the venue confirms it never received the order");
        } else {
            LOG.info("the venue never received order {}; sending it again (attempt {})", id, attempt + 1);
            retries++;
            send(request, attempt + 1);
        }
    }
}
