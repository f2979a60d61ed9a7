package io.tradehost.api.host;

import io.tradehost.api.value.Product;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.venue.Venue;
import java.util.List;

/** The venue the runtime coordinator bootstrapped, and the products the host trades. Valid after runtime's initialisation. */
public interface VenueAccess {
    /** The connected venue. @throws IllegalStateException before bootstrap */
    Venue venue();

    /** The traded symbols, in configuration order. */
    List<Symbol> symbols();

    /** The product of a traded symbol. @throws IllegalArgumentException if the host does not trade it */
    Product product(Symbol symbol);
}
