package io.tradehost.plugins.venue.coinbase;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradehost.api.order.AccountSnapshot;
import io.tradehost.api.order.Balance;
import io.tradehost.api.order.Position;
import io.tradehost.api.time.Clock;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Product;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.venue.VenueException;
import io.tradehost.plugins.venue.coinbase.net.RestClient;
import io.tradehost.plugins.venue.coinbase.wire.Wire;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The account as Coinbase shows it ({@link CoinbaseVenue#account}): each currency's total (available
 * plus hold), a spot position per listed spot product in the quote currency whose base is held, and
 * with a perpetuals portfolio its positions (cost from the VWAP) and their liquidation prices.
 * Stateless.
 */
final class Accounts {
    private static final int PAGE = 250;

    private Accounts() {
    }

    /** Reads the account; its time is the clock's once read. */
    static AccountSnapshot read(RestClient rest, CoinbaseSettings settings, List<Product> products, Clock clock)
            throws VenueException {
        Map<String, Money> totals = new LinkedHashMap<>();
        Pages.each(rest, "/accounts", List.of(), PAGE, "accounts", "more than " + Pages.MAX_PAGES * PAGE
                + " accounts", a -> {
                    Money total = Wire.money(a.path("available_balance").path("value").asText("0"))
                            .plus(Wire.money(a.path("hold").path("value").asText("0")));
                    totals.merge(Wire.text(a, "currency"), total, Money::plus);
                    return true;
                });
        List<Balance> balances = new ArrayList<>();
        totals.forEach((c, m) -> balances.add(new Balance(c, m)));
        List<Position> positions = new ArrayList<>();
        for (Product p : products) {
            if (!p.isPerpetual() && p.quote().equals(settings.quoteCurrency())) {
                Money held = totals.getOrDefault(p.base(), Money.ZERO);
                if (!held.isZero()) {
                    positions.add(new Position(p.symbol(), Quantity.of(held.toBigDecimal()), Money.ZERO, Money.ZERO,
                            Money.ZERO));
                }
            }
        }
        Map<Symbol, Price> liquidation = new LinkedHashMap<>();
        if (!settings.portfolioUuid().isBlank()) {
            JsonNode answer = rest.get("/intx/positions/" + settings.portfolioUuid(), List.of());
            for (JsonNode p : answer.path("positions")) {
                Symbol symbol = Symbol.of(Wire.text(p, "product_id"));
                Quantity size = Quantity.of(p.path("net_size").asText("0"));
                Money cost = Price.of(p.path("vwap").path("value").asText("0")).times(size);
                positions.add(new Position(symbol, size, cost, Money.ZERO, Money.ZERO));
                String liq = p.path("liquidation_price").path("value").asText("");
                if (!liq.isBlank() && !size.isZero()) {
                    Price price = Price.of(liq);
                    if (price.isGreaterThan(Price.ZERO)) {
                        liquidation.put(symbol, price);
                    }
                }
            }
        }
        return new AccountSnapshot(balances, positions, clock.nanos(), liquidation);
    }
}
