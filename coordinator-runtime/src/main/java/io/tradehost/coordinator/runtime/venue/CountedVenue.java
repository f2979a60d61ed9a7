package io.tradehost.coordinator.runtime.venue;

import io.tradehost.api.host.Throwables;
import io.tradehost.api.order.AccountSnapshot;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.FundingPayment;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.OrderRequest;
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
import java.util.TreeMap;

/**
 * Counts the host's calls into its venue, by operation, and their failures, by operation and
 * rejection code ({@code plugin_failure} for anything but a {@link VenueException}); otherwise
 * passes every call through unchanged. Kernel thread only.
 */
final class CountedVenue implements Venue {
    static final String PLUGIN_FAILURE = "plugin_failure";

    private final Venue venue;
    private final Map<String, Long> calls = new TreeMap<>();
    private final Map<String, Map<String, Long>> errors = new TreeMap<>();

    CountedVenue(Venue venue) {
        this.venue = venue;
    }

    @FunctionalInterface
    private interface Call<T> {
        T run() throws VenueException;
    }

    private <T> T count(String operation, Call<T> call) throws VenueException {
        calls.merge(operation, 1L, Long::sum);
        try {
            return call.run();
        } catch (VenueException e) {
            failed(operation, e.code().value());
            throw e;
        } catch (RuntimeException | Error e) {
            if (!Throwables.isFatal(e)) {
                failed(operation, PLUGIN_FAILURE);
            }
            throw e;
        }
    }

    private void failed(String operation, String code) {
        errors.computeIfAbsent(operation, k -> new TreeMap<>()).merge(code, 1L, Long::sum);
    }

    /** The venue the calls go to. */
    Venue inner() {
        return venue;
    }

    /** What was counted so far: a copy. */
    VenueCallCounts counts() {
        Map<String, Map<String, Long>> copy = new TreeMap<>();
        errors.forEach((op, byCode) -> copy.put(op, Map.copyOf(byCode)));
        return new VenueCallCounts(Map.copyOf(calls), Map.copyOf(copy));
    }

    @Override
    public void connect() throws VenueException {
        count("connect", () -> {
            venue.connect();
            return null;
        });
    }

    @Override
    public List<Product> products() throws VenueException {
        return count("products", venue::products);
    }

    @Override
    public void subscribe(Set<Symbol> symbols) throws VenueException {
        count("subscribe", () -> {
            venue.subscribe(symbols);
            return null;
        });
    }

    /** Not counted: a question about the venue's order types, asked per stop order, not a call that acts. */
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
        count("place", () -> {
            venue.place(request);
            return null;
        });
    }

    @Override
    public void cancel(ClientOrderId clientOrderId) throws VenueException {
        count("cancel", () -> {
            venue.cancel(clientOrderId);
            return null;
        });
    }

    /** Not counted: a capability question, as {@link #supportsNatively} is. */
    @Override
    public boolean supportsAmend() {
        return venue.supportsAmend();
    }

    @Override
    public void amend(ClientOrderId clientOrderId, Price limitPrice, Quantity quantity) throws VenueException {
        count("amend", () -> {
            venue.amend(clientOrderId, limitPrice, quantity);
            return null;
        });
    }

    @Override
    public Optional<Order> order(ClientOrderId clientOrderId) throws VenueException {
        return count("order", () -> venue.order(clientOrderId));
    }

    @Override
    public List<Fill> fills(ClientOrderId clientOrderId) throws VenueException {
        return count("fills", () -> venue.fills(clientOrderId));
    }

    @Override
    public List<Order> openOrders() throws VenueException {
        return count("open_orders", venue::openOrders);
    }

    @Override
    public AccountSnapshot account() throws VenueException {
        return count("account", venue::account);
    }

    @Override
    public List<FundingPayment> fundingPayments() throws VenueException {
        return count("fundingPayments", venue::fundingPayments);
    }

    @Override
    public void close() {
        venue.close();
    }
}
