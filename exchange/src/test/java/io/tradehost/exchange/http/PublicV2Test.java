package io.tradehost.exchange.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradehost.exchange.testing.RawHttp;
import io.tradehost.exchange.testing.TestExchange;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public v2 endpoints third-party clients call before anything else (ccxt's fetchTime and
 * fetchCurrencies), in Coinbase's shapes and consistent with the exchange's own v3 products: the
 * same currencies, rates that are the products' prices. The market stands still between calls.
 */
@Timeout(60)
class PublicV2Test {
    @TempDir
    Path dir;
    private TestExchange x;

    @BeforeEach
    void start() {
        x = new TestExchange(dir);
    }

    @AfterEach
    void stop() {
        x.close();
    }

    private JsonNode get(String target) throws Exception {
        RawHttp.Response r = RawHttp.get(x.port(), target);
        assertThat(r.status()).as(target + ": " + r.body()).isEqualTo(200);
        assertThat(r.header("content-type")).startsWith("application/json");
        return r.json();
    }

    /** Product id to price, from the public v3 product list. */
    private Map<String, JsonNode> products() throws Exception {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        get("/api/v3/brokerage/market/products").path("products").forEach(p -> out.put(p.path("product_id").asText(), p));
        assertThat(out).isNotEmpty();
        return out;
    }

    @Test
    void timeIsTheExchangesClockInSecondsAndIso() throws Exception {
        long before = Instant.now().getEpochSecond();
        JsonNode data = get("/v2/time").path("data");
        long after = Instant.now().getEpochSecond();
        assertThat(data.path("epoch").isIntegralNumber()).isTrue();
        assertThat(data.path("epoch").asLong()).isBetween(before, after);
        assertThat(data.path("iso").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(Instant.parse(data.path("iso").asText()).getEpochSecond()).isEqualTo(data.path("epoch").asLong());
    }

    @Test
    void currenciesListTheFiatTheProductsAreQuotedIn() throws Exception {
        JsonNode data = get("/v2/currencies").path("data");
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        data.forEach(c -> byId.put(c.path("id").asText(), c));
        assertThat(byId.get("USD").path("name").asText()).isEqualTo("US Dollar");
        assertThat(byId.get("USD").path("min_size").asText()).isEqualTo("0.01");
        data.forEach(c -> {
            assertThat(c.path("name").isTextual()).isTrue();
            assertThat(new BigDecimal(c.path("min_size").asText())).isPositive();
        });
        Set<String> quotes = new TreeSet<>();
        products().values().forEach(p -> quotes.add(p.path("quote_currency_id").asText()));
        quotes.remove("USDC");
        assertThat(byId.keySet()).containsAll(quotes).doesNotContain("BTC", "USDC");
    }

    @Test
    void cryptoCurrenciesCoverEveryBaseCurrencyOfAListedProduct() throws Exception {
        JsonNode data = get("/v2/currencies/crypto").path("data");
        Map<String, JsonNode> byCode = new LinkedHashMap<>();
        data.forEach(c -> byCode.put(c.path("code").asText(), c));
        Set<String> bases = new TreeSet<>();
        products().values().forEach(p -> bases.add(p.path("base_currency_id").asText()));
        assertThat(byCode.keySet()).containsAll(bases);
        for (JsonNode c : data) {
            assertThat(c.path("name").asText()).isNotBlank();
            assertThat(c.path("color").asText()).matches("#[0-9A-F]{6}");
            assertThat(c.path("sort_index").isInt()).isTrue();
            assertThat(c.path("exponent").isInt()).isTrue();
            assertThat(c.path("type").asText()).isEqualTo("crypto");
            Pattern.compile(c.path("address_regex").asText());
            assertThat(UUID.fromString(c.path("asset_id").asText())).isNotNull();
        }
        assertThat(byCode.get("BTC").path("name").asText()).isEqualTo("Bitcoin");
        assertThat(byCode.get("BTC").path("exponent").asInt()).isEqualTo(8);
        assertThat(byCode.get("BTC").path("address_regex").asText()).isNotBlank();
        assertThat("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq").matches(byCode.get("BTC").path("address_regex").asText());
    }

    @Test
    void exchangeRatesAreTheProductsPricesFromAnyListedCurrency() throws Exception {
        Map<String, JsonNode> products = products();
        JsonNode usd = get("/v2/exchange-rates").path("data");
        assertThat(usd.path("currency").asText()).isEqualTo("USD");
        assertThat(get("/v2/exchange-rates?currency=USD").path("data")).isEqualTo(usd);
        assertThat(usd.path("rates").path("USD").asText()).isEqualTo("1");
        usd.path("rates").properties().forEach(e -> assertThat(e.getValue().isTextual()).isTrue());
        for (JsonNode p : products.values()) {
            if (!p.path("quote_currency_id").asText().equals("USD")) {
                continue;
            }
            BigDecimal price = new BigDecimal(p.path("price").asText());
            BigDecimal rate = new BigDecimal(usd.path("rates").path(p.path("base_currency_id").asText()).asText());
            assertThat(rate.multiply(price).doubleValue()).as(p.path("product_id").asText()).isCloseTo(1.0, within(1e-9));
        }
        JsonNode btc = get("/v2/exchange-rates?currency=btc").path("data");
        assertThat(btc.path("currency").asText()).isEqualTo("BTC");
        BigDecimal btcUsd = new BigDecimal(products.get("BTC-USD").path("price").asText());
        BigDecimal ethUsd = new BigDecimal(products.get("ETH-USD").path("price").asText());
        assertThat(new BigDecimal(btc.path("rates").path("USD").asText())).isEqualByComparingTo(btcUsd);
        assertThat(new BigDecimal(btc.path("rates").path("ETH").asText()).doubleValue())
                .isCloseTo(btcUsd.divide(ethUsd, MathContext.DECIMAL64).doubleValue(), within(1e-9));
        assertThat(new BigDecimal(btc.path("rates").path("USDC").asText()))
                .isEqualByComparingTo(new BigDecimal(products.get("BTC-PERP-INTX").path("price").asText()));
        RawHttp.Response unknown = RawHttp.get(x.port(), "/v2/exchange-rates?currency=XYZ");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("errors").path(0).path("id").asText()).isEqualTo("invalid_request");
    }
}
