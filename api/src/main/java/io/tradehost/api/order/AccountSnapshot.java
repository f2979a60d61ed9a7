package io.tradehost.api.order;

import io.tradehost.api.value.Money;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Symbol;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A venue's account at one instant: cash balances and positions. Immutable.
 *
 * @param balances cash per currency
 * @param positions open and historical positions per product
 * @param timestampNanos venue time, nanoseconds since the epoch
 * @param liquidationPrices the venue's liquidation price of each open perpetual position it reports
 *     one for; the others have none (the host then works from the maintenance margin rate)
 */
public record AccountSnapshot(List<Balance> balances, List<Position> positions, long timestampNanos,
                              Map<Symbol, Price> liquidationPrices) {
    public AccountSnapshot {
        balances = List.copyOf(Objects.requireNonNull(balances, "balances"));
        positions = List.copyOf(Objects.requireNonNull(positions, "positions"));
        liquidationPrices = Map.copyOf(Objects.requireNonNull(liquidationPrices, "liquidationPrices"));
    }

    /** A snapshot without liquidation prices. */
    public AccountSnapshot(List<Balance> balances, List<Position> positions, long timestampNanos) {
        this(balances, positions, timestampNanos, Map.of());
    }

    /** The venue's liquidation price of the position in {@code symbol}, if it reported one. */
    public Optional<Price> liquidationPrice(Symbol symbol) {
        return Optional.ofNullable(liquidationPrices.get(symbol));
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
