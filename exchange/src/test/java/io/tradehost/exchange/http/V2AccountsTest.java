package io.tradehost.exchange.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradehost.exchange.testing.RawHttp;
import io.tradehost.exchange.testing.TestExchange;
import io.tradehost.exchange.testing.Tokens;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /v2/accounts}, the Coinbase App account list ccxt's fetchBalance reads by default:
 * authenticated like the v3 calls, one account per currency whose balance is the v3 account's
 * available plus hold, paged by {@code limit} and {@code starting_after}.
 */
@Timeout(60)
class V2AccountsTest {
    @TempDir
    Path dir;

    private static RawHttp.Response get(TestExchange x, String target) throws Exception {
        String token = Tokens.rest(x.exchange.apiKey(), Instant.now().getEpochSecond(), "GET " + x.host() + "/v2/accounts");
        return RawHttp.get(x.port(), target, "Authorization: Bearer " + token);
    }

    @Test
    void theAccountsAreTheV3BalancesInV2Shape() throws Exception {
        try (TestExchange x = new TestExchange(dir)) {
            Map<String, BigDecimal> v3 = new LinkedHashMap<>();
            for (JsonNode a : x.privateGet("/api/v3/brokerage/accounts").json().path("accounts")) {
                v3.put(a.path("currency").asText(), new BigDecimal(a.path("available_balance").path("value").asText())
                        .add(new BigDecimal(a.path("hold").path("value").asText())));
            }
            RawHttp.Response r = get(x, "/v2/accounts?limit=250");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            Map<String, BigDecimal> v2 = new LinkedHashMap<>();
            for (JsonNode a : r.json().path("data")) {
                String code = a.path("currency").path("code").asText();
                assertThat(a.path("balance").path("currency").asText()).isEqualTo(code);
                assertThat(a.path("type").asText()).isEqualTo(code.equals("USD") ? "fiat" : "wallet");
                assertThat(a.path("resource").asText()).isEqualTo("account");
                v2.put(code, new BigDecimal(a.path("balance").path("amount").asText()));
            }
            assertThat(v2).hasSameSizeAs(v3);
            v3.forEach((c, total) -> assertThat(v2.get(c)).as(c).isEqualByComparingTo(total));
            assertThat(r.json().path("pagination").path("next_starting_after").isNull()).isTrue();
        }
    }

    @Test
    void pagesFollowStartingAfterAndNothingWithoutAToken() throws Exception {
        try (TestExchange x = new TestExchange(dir)) {
            JsonNode first = get(x, "/v2/accounts?limit=2").json();
            assertThat(first.path("data")).hasSize(2);
            String next = first.path("pagination").path("next_starting_after").asText();
            assertThat(next).isEqualTo(first.path("data").path(1).path("id").asText());
            JsonNode rest = get(x, "/v2/accounts?limit=2&starting_after=" + next).json();
            assertThat(rest.path("data").path(0).path("id").asText()).isNotEqualTo(next);
            RawHttp.Response anonymous = RawHttp.get(x.port(), "/v2/accounts");
            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(anonymous.json().path("errors").path(0).path("id").asText()).isEqualTo("authentication_error");
        }
    }
}
