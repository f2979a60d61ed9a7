package io.tradehost.exchange.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehost.exchange.engine.Listing;
import io.tradehost.exchange.engine.MatchingEngine;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The public endpoints of Coinbase's v2 API that third-party clients call first (ccxt's fetchTime
 * and fetchCurrencies): {@code GET /v2/time}, {@code /v2/currencies} (fiat),
 * {@code /v2/currencies/crypto} and {@code /v2/exchange-rates?currency=X}, in v2's shapes
 * ({@code {"data": ...}}, errors as {@code {"errors": [{"id", "message"}]}}), no authentication.
 * Rates are the listed products' current mid prices, walked from the base currency through the
 * products (spot before perpetuals), so they agree with {@code /api/v3/brokerage/products}.
 */
final class PublicV2 {
    /** Significant digits of a rate: enough that rate x price gives 1 to 15 places. */
    private static final MathContext DIGITS = MathContext.DECIMAL64;

    private final MatchingEngine engine;
    private final LongSupplier millis;
    private final CurrencyCatalog catalog;
    private final List<Listing> spotFirst;

    PublicV2(MatchingEngine engine, LongSupplier millis) {
        this.engine = engine;
        this.millis = millis;
        this.catalog = new CurrencyCatalog(engine.listings());
        this.spotFirst = engine.listings().stream().sorted(Comparator.comparing(Listing::perpetual)).toList();
    }

    CurrencyCatalog catalog() {
        return catalog;
    }

    /** The answer to {@code method path}; {@code currency} is the query parameter of that name, or null. */
    Answer answer(String method, String path, String currency) {
        if (!method.equals("GET")) {
            return error(404, "not_found", "Not found");
        }
        return switch (path) {
            case "/v2/time" -> time();
            case "/v2/currencies" -> fiat();
            case "/v2/currencies/crypto" -> crypto();
            case "/v2/exchange-rates" -> rates(currency == null ? "USD" : currency.toUpperCase(Locale.ROOT));
            default -> error(404, "not_found", "Not found");
        };
    }

    private static Answer data(JsonNode payload) {
        ObjectNode n = Answer.JSON.createObjectNode();
        n.set("data", payload);
        return new Answer(200, n);
    }

    /** An error in v2's shape, {@code {"errors": [{"id", "message"}]}}. */
    static Answer error(int status, String id, String message) {
        ObjectNode n = Answer.JSON.createObjectNode();
        ObjectNode e = n.putArray("errors").addObject();
        e.put("id", id);
        e.put("message", message);
        return new Answer(status, n);
    }

    private Answer time() {
        long seconds = Math.floorDiv(millis.getAsLong(), 1000);
        ObjectNode t = Answer.JSON.createObjectNode();
        t.put("iso", Instant.ofEpochSecond(seconds).toString());
        t.put("epoch", seconds);
        return data(t);
    }

    private Answer fiat() {
        ArrayNode list = Answer.JSON.createArrayNode();
        for (CurrencyCatalog.Fiat f : catalog.fiat()) {
            list.addObject().put("id", f.id()).put("name", f.name()).put("min_size", f.minSize());
        }
        return data(list);
    }

    private Answer crypto() {
        ArrayNode list = Answer.JSON.createArrayNode();
        catalog.crypto().forEach(c -> list.add(crypto(c)));
        return data(list);
    }

    /** A crypto currency as the v2 API shows it, in the crypto list and inside a v2 account. */
    static ObjectNode crypto(CurrencyCatalog.Crypto c) {
        ObjectNode o = Answer.JSON.createObjectNode();
        o.put("code", c.code());
        o.put("name", c.name());
        o.put("color", c.color());
        o.put("sort_index", c.sortIndex());
        o.put("exponent", c.exponent());
        o.put("type", "crypto");
        o.put("address_regex", c.addressRegex());
        o.put("asset_id", c.assetId().toString());
        return o;
    }

    private Answer rates(String base) {
        if (!catalog.codes().contains(base)) {
            return error(400, "invalid_request", "Invalid currency (" + base + ")");
        }
        ObjectNode data = Answer.JSON.createObjectNode();
        data.put("currency", base);
        ObjectNode rates = data.putObject("rates");
        ratesFrom(base).forEach((code, rate) -> rates.put(code,
                rate.round(DIGITS).stripTrailingZeros().toPlainString()));
        return data(data);
    }

    /**
     * How many units of each reachable currency one unit of {@code base} buys: breadth first through
     * the products, a product base/quote at mid m turning 1 base into m quote.
     */
    private Map<String, BigDecimal> ratesFrom(String base) {
        Map<String, BigDecimal> rates = new LinkedHashMap<>();
        rates.put(base, BigDecimal.ONE);
        Deque<String> queue = new ArrayDeque<>(List.of(base));
        while (!queue.isEmpty()) {
            String at = queue.poll();
            BigDecimal rate = rates.get(at);
            for (Listing l : spotFirst) {
                BigDecimal mid = engine.mid(l.productId());
                if (mid == null || mid.signum() <= 0) {
                    continue;
                }
                if (l.base().equals(at) && !rates.containsKey(l.quote())) {
                    rates.put(l.quote(), rate.multiply(mid));
                    queue.add(l.quote());
                } else if (l.quote().equals(at) && !rates.containsKey(l.base())) {
                    rates.put(l.base(), rate.divide(mid, DIGITS));
                    queue.add(l.base());
                }
            }
        }
        return rates;
    }
}
