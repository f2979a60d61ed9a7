package io.tradehost.testkit;

import io.tradehost.api.host.VenueAccess;
import io.tradehost.api.value.Product;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.venue.Venue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A {@link VenueAccess} over a given venue and products. Immutable after construction. */
public final class StubVenueAccess implements VenueAccess {
    private final Venue venue;
    private final Map<Symbol, Product> products = new LinkedHashMap<>();

    public StubVenueAccess(Venue venue, List<Product> traded) {
        this.venue = venue;
        traded.forEach(p -> products.put(p.symbol(), p));
    }

    @Override
    public Venue venue() {
        return venue;
    }

    @Override
    public List<Symbol> symbols() {
        return List.copyOf(products.keySet());
    }

    @Override
    public Product product(Symbol symbol) {
        Product p = products.get(symbol);
        if (p == null) {
            throw new IllegalArgumentException("not traded: " + symbol);
        }
        return p;
    }
}
