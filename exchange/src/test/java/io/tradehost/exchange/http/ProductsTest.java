package io.tradehost.exchange.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradehost.exchange.ExchangeSettings;
import io.tradehost.exchange.LocalExchange;
import io.tradehost.exchange.auth.KeyType;
import io.tradehost.exchange.engine.FundingSchedule;
import io.tradehost.exchange.engine.Listing;
import io.tradehost.exchange.testing.RawHttp;
import io.tradehost.exchange.testing.TestExchange;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The product list narrowed as Coinbase's is: ccxt loads its markets with one unfiltered call for
 * spot and two with {@code product_type=FUTURE} (one also {@code contract_expiry_type=PERPETUAL}),
 * so an exchange that ignored the filters would hand it every spot product again as a future.
 */
@Timeout(60)
class ProductsTest {
    @TempDir
    Path dir;

    private static List<String> ids(RawHttp.Response r) throws Exception {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode body = r.json();
        List<String> out = new ArrayList<>();
        body.path("products").forEach(p -> out.add(p.path("product_id").asText()));
        assertThat(body.path("num_products").asInt()).isEqualTo(out.size());
        return out;
    }

    @Test
    void theListIsNarrowedByTypeExpiryAndIds() throws Exception {
        try (TestExchange x = new TestExchange(dir)) {
            String list = "/api/v3/brokerage/market/products";
            assertThat(ids(RawHttp.get(x.port(), list)))
                    .containsExactly("BTC-USD", "ETH-USD", "SOL-USD", "BTC-PERP-INTX");
            assertThat(ids(RawHttp.get(x.port(), list + "?product_type=SPOT")))
                    .containsExactly("BTC-USD", "ETH-USD", "SOL-USD");
            assertThat(ids(RawHttp.get(x.port(), list + "?product_type=FUTURE"))).containsExactly("BTC-PERP-INTX");
            assertThat(ids(RawHttp.get(x.port(), list + "?product_type=FUTURE&contract_expiry_type=PERPETUAL")))
                    .containsExactly("BTC-PERP-INTX");
            assertThat(ids(RawHttp.get(x.port(), list + "?product_type=FUTURE&contract_expiry_type=EXPIRING")))
                    .isEmpty();
            assertThat(ids(RawHttp.get(x.port(), list + "?product_ids=ETH-USD&product_ids=BTC-PERP-INTX")))
                    .containsExactly("ETH-USD", "BTC-PERP-INTX");
            assertThat(ids(x.privateGet("/api/v3/brokerage/products?product_type=SPOT")))
                    .containsExactly("BTC-USD", "ETH-USD", "SOL-USD");
        }
    }

    @Test
    void oneProductByIdPublicOrPrivate() throws Exception {
        try (TestExchange x = new TestExchange(dir)) {
            RawHttp.Response btc = RawHttp.get(x.port(), "/api/v3/brokerage/market/products/BTC-USD");
            assertThat(btc.status()).isEqualTo(200);
            assertThat(btc.json().path("product_id").asText()).isEqualTo("BTC-USD");
            assertThat(btc.json().path("product_type").asText()).isEqualTo("SPOT");
            RawHttp.Response perp = x.privateGet("/api/v3/brokerage/products/BTC-PERP-INTX");
            assertThat(perp.status()).as(perp.body()).isEqualTo(200);
            assertThat(perp.json().path("future_product_details").path("contract_expiry_type").asText())
                    .isEqualTo("PERPETUAL");
            // ccxt names a contract market by its root unit
            assertThat(perp.json().path("future_product_details").path("contract_root_unit").asText()).isEqualTo("BTC");
            RawHttp.Response none = RawHttp.get(x.port(), "/api/v3/brokerage/market/products/NOPE-USD");
            assertThat(none.status()).isEqualTo(404);
            assertThat(none.json().path("error").asText()).isEqualTo("NOT_FOUND");
        }
    }

    @Test
    void aPerpetualShowsItsNextFundingTimeOnTheExchangesScheduleAndNoneWithoutFunding() throws Exception {
        ExchangeSettings d = ExchangeSettings.defaults(new InetSocketAddress("127.0.0.1", 0), dir.resolve("funded"));
        LocalExchange funded = LocalExchange.start(new ExchangeSettings(d.listen(), d.dataDirectory(), 3,
                Listing.DEFAULTS, KeyType.ED25519, Duration.ofHours(1), Duration.ofMinutes(90), d.startingCash(),
                d.takerFee(), d.makerFee(), 100, false, List.of(), false));
        try {
            FundingSchedule schedule = funded.fundingSchedule();
            assertThat(schedule).isEqualTo(new FundingSchedule(schedule.startMillis(), 5_400_000));
            String next = Instant.ofEpochMilli(schedule.startMillis() + 5_400_000).toString();
            JsonNode f = RawHttp.get(funded.port(), "/api/v3/brokerage/market/products/BTC-PERP-INTX").json()
                    .path("future_product_details");
            assertThat(f.path("funding_interval").asText()).isEqualTo("5400s");
            assertThat(f.path("funding_time").asText()).isEqualTo(next);
            assertThat(f.path("perpetual_details").path("funding_time").asText()).isEqualTo(next);
            assertThat(f.path("perpetual_details").path("funding_rate").asText()).isEqualTo("0.0001");
        } finally {
            funded.close();
        }
        try (TestExchange x = new TestExchange(dir)) {
            assertThat(x.exchange.fundingSchedule()).isEqualTo(FundingSchedule.NONE);
            JsonNode f = RawHttp.get(x.port(), "/api/v3/brokerage/market/products/BTC-PERP-INTX").json()
                    .path("future_product_details");
            assertThat(f.path("funding_interval").asText()).isEqualTo("0s");
            assertThat(f.has("funding_time")).isFalse();
            assertThat(f.path("perpetual_details").has("funding_time")).isFalse();
            assertThat(f.path("perpetual_details").path("funding_rate").asText()).isEqualTo("0.0001");
        }
    }

    @Test
    void theNextFundingTimeIsTheFirstScheduledPaymentAfterNow() {
        FundingSchedule s = new FundingSchedule(10_000, 1_000);
        assertThat(s.charges()).isTrue();
        assertThat(s.nextAfter(5_000)).isEqualTo(11_000);
        assertThat(s.nextAfter(10_000)).isEqualTo(11_000);
        assertThat(s.nextAfter(10_999)).isEqualTo(11_000);
        assertThat(s.nextAfter(11_000)).isEqualTo(12_000);
        assertThat(s.nextAfter(13_500)).isEqualTo(14_000);
        assertThat(FundingSchedule.NONE.charges()).isFalse();
        assertThat(FundingSchedule.NONE.nextAfter(13_500)).isZero();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new FundingSchedule(0, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
