package io.tradehost.api.order;

import io.tradehost.api.value.Money;
import io.tradehost.api.value.Symbol;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A venue's account at one instant: cash balances and positions. Immutable.
 *
 * @param balances cash per currency
 * @param positions open and historical positions per product
 * @param timestampNanos venue time, nanoseconds since the epoch
 */
public record AccountSnapshot(List<Balance> balances, List<Position> positions, long timestampNanos) {
    public AccountSnapshot {
        balances = List.copyOf(Objects.requireNonNull(balances, "balances"));
        positions = List.copyOf(Objects.requireNonNull(positions, "positions"));
    }

    /** Cash in {@code currency}, zero if the account holds none. */
    public Money cash(String currency) {
        return balances.stream().filter(b -> b.currency().equals(currency)).map(Balance::amount)
                .findFirst().orElse(Money.ZERO);
    }

    /** The position in {@code symbol}, if the account has one. */
    public Optional<Position> position(Symbol symbol) {
        return positions.stream().filter(p -> p.symbol().equals(symbol)).findFirst();
    }
}
