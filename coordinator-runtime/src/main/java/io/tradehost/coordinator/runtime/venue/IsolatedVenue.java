package io.tradehost.coordinator.runtime.venue;

import io.tradehost.api.host.PluginCalls.Outcome;
import io.tradehost.api.host.PluginCalls;
import io.tradehost.api.host.Throwables;
import io.tradehost.api.order.AccountSnapshot;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.FundingPayment;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Product;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.venue.Venue;
import io.tradehost.api.venue.VenueException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
/**
 * A venue plugin run isolated: every call goes to its worker and the kernel waits at most the
 * venue's call budget. A call that does not answer in time is abandoned; for {@link #place},
 * {@link #cancel} and {@link #amend} that is an unknown outcome ({@link RejectionCode#VENUE_TIMEOUT}: the
 * host asks the venue before it sends again, never re-sends blind), for a query a transient failure that is tried
 * again. While the abandoned call is still running every call fails at once, transient, with
 * {@link RejectionCode#VENUE_BUSY}: nothing was sent. Whatever the plugin throws but a
 * {@link VenueException} comes back as it is, for the caller's rules (an unknown outcome on the
 * order path). Kernel thread only.
 */
public final class IsolatedVenue implements Venue {
    private final Venue venue;
    private final PluginCalls calls;
    private final String name;
    /** The venue's answers, asked once per type: a capability, and the question comes with every stop order. */
    private final Map<OrderType, Boolean> takes = new EnumMap<>(OrderType.class);
    /** Whether it publishes trades and depth, asked once each: null until answered. */
    private Boolean trades;
    private Boolean depth;
    /** Whether it amends: null until it answered. */
    private Boolean amends;

    /** Runs {@code venue}'s calls through {@code calls}. */
    public IsolatedVenue(Venue venue, PluginCalls calls, String name) {
        this.venue = venue;
        this.calls = calls;
        this.name = name;
    }

    /** Something the venue does that may throw a {@link VenueException}. */
    @FunctionalInterface
    private interface VenueCall<T> {
        T run() throws VenueException;
    }

    @Override
    public void connect() throws VenueException {
        call(() -> {
            venue.connect();
            return null;
        }, false, calls.startupBudget());
    }

    @Override
    public List<Product> products() throws VenueException {
        return call(venue::products, false, calls.startupBudget());
    }

    @Override
    public void subscribe(Set<Symbol> symbols) throws VenueException {
        call(() -> {
            venue.subscribe(symbols);
            return null;
        }, false, calls.startupBudget());
    }

    /**
     * Asks the venue on its worker, within the budget, once per order type; a venue that throws or
     * does not answer in time leaves it unanswered (asked again next time) and the failure goes to
     * the caller, who holds the stop itself.
     */
    @Override
    public boolean supportsNatively(OrderType type) {
        Boolean known = takes.get(type);
        if (known != null) {
            return known;
        }
        boolean answer;
        try {
            answer = call(() -> venue.supportsNatively(type), false, calls.budget());
        } catch (VenueException e) {
            throw new IllegalStateException(e.getMessage(), e); // late or busy: the caller holds the stop itself
        }
        takes.put(type, answer);
        return answer;
    }

    /** Asked once, within the budget; a plugin that fails to answer publishes no trades as far as the host knows. */
    @Override
    public boolean publishesTrades() {
        if (trades == null) {
            try {
                trades = call(venue::publishesTrades, false, calls.budget());
            } catch (VenueException e) {
                trades = false;
            }
        }
        return trades;
    }

    /** Asked once, within the budget; a plugin that fails to answer publishes no depth as far as the host knows. */
    @Override
    public boolean publishesDepth() {
        if (depth == null) {
            try {
                depth = call(venue::publishesDepth, false, calls.budget());
            } catch (VenueException e) {
                depth = false;
            }
        }
        return depth;
    }

    @Override
    public void place(OrderRequest request) throws VenueException {
        call(() -> {
            venue.place(request);
            return null;
        }, true, calls.budget());
    }

    @Override
    public void cancel(ClientOrderId clientOrderId) throws VenueException {
        call(() -> {
            venue.cancel(clientOrderId);
            return null;
        }, true, calls.budget());
    }

    /**
     * Asked on its worker, within the budget, until it answers; then never again. A venue that does
     * not answer in time (or is busy) does not amend this time (the host cancels and places anew, which
     * is always safe) and is asked again next time; what it throws comes back as it is.
     */
    @Override
    public boolean supportsAmend() {
        if (amends == null) {
            try {
                amends = call(venue::supportsAmend, false, calls.budget());
            } catch (VenueException e) {
                return false;
            }
        }
        return amends;
    }

    /** As {@link #cancel}: an order-path call, so a hang is an unknown outcome and a throw comes back as it is. */
    @Override
    public void amend(ClientOrderId clientOrderId, Price limitPrice, Quantity quantity) throws VenueException {
        call(() -> {
            venue.amend(clientOrderId, limitPrice, quantity);
            return null;
        }, true, calls.budget());
    }

    @Override
    public Optional<Order> order(ClientOrderId clientOrderId) throws VenueException {
        return call(() -> venue.order(clientOrderId), false, calls.budget());
    }

    @Override
    public List<Fill> fills(ClientOrderId clientOrderId) throws VenueException {
        return call(() -> venue.fills(clientOrderId), false, calls.budget());
    }

    @Override
    public List<Order> openOrders() throws VenueException {
        return call(venue::openOrders, false, calls.budget());
    }

    @Override
    public AccountSnapshot account() throws VenueException {
        return call(venue::account, false, calls.budget());
    }

    @Override
    public List<FundingPayment> fundingPayments() throws VenueException {
        return call(venue::fundingPayments, false, calls.budget());
    }

    /** Closes the venue (within the budget, never waiting longer) and stops its worker. */
    @Override
    public void close() {
        calls.call(() -> {
            venue.close();
            return null;
        });
        calls.close();
    }

    private <T> T call(VenueCall<T> body, boolean acts, Duration budget) throws VenueException {
        Outcome<Object> outcome = calls.call(() -> {
            try {
                return new Answer(body.run(), null);
            } catch (VenueException e) {
                return new Answer(null, e);
            }
        }, budget);
        return switch (outcome) {
            case Outcome.Returned<Object> r -> answer((Answer) r.value());
            case Outcome.Threw<Object> t when t.error() instanceof RuntimeException e -> throw e;
            case Outcome.Threw<Object> t when t.error() instanceof Error e -> throw e;
            case Outcome.Threw<Object> t -> throw new IllegalStateException(Throwables.describe(t.error()),
                    t.error());
            case Outcome.Late<Object> late -> {
                String what = "venue '" + name + "' did not answer within " + budget.toMillis() + " ms";
                throw acts ? VenueException.outcomeUnknown(RejectionCode.VENUE_TIMEOUT, what)
                        : VenueException.transientFailure(RejectionCode.VENUE_TIMEOUT, what);
            }
            case Outcome.Busy<Object> busy -> throw VenueException.transientFailure(RejectionCode.VENUE_BUSY, "venue '"
                    + name + "' is still busy with a call that has run " + busy.runningNanos() / 1_000_000
                    + " ms; nothing was sent");
        };
    }

    @SuppressWarnings("unchecked")
    private static <T> T answer(Answer answer) throws VenueException {
        if (answer.failure() != null) {
            throw answer.failure();
        }
        return (T) answer.value();
    }

    private record Answer(Object value, VenueException failure) {
    }
}
