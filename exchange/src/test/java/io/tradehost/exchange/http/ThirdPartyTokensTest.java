package io.tradehost.exchange.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tradehost.exchange.auth.ApiKey;
import io.tradehost.exchange.auth.KeyType;
import io.tradehost.exchange.testing.RawHttp;
import io.tradehost.exchange.testing.RawWebSocket;
import io.tradehost.exchange.testing.TestExchange;
import io.tradehost.exchange.testing.Tokens;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.security.interfaces.ECPrivateKey;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each token form clients in the wild send, built independently of the exchange (nimbus-jose-jwt
 * for ES256, the JDK's Ed25519 for EdDSA), used on a private endpoint over 127.0.0.1: Coinbase's
 * SDK form (ES256, {@code uri}); the cdp-sdk and ccxt EdDSA form ({@code uris}, {@code aud
 * ["cdp_service"]}, {@code iat}); ccxt's ES256 cloud-key form ({@code iss coinbase-cloud}, {@code aud
 * ["retail_rest_api_proxy"]}); and ccxt on a plain-HTTP base URL, whose uri keeps {@code http://}.
 * Also the transaction summary, which ccxt reads its fee rates from before anything private.
 */
@Timeout(60)
class ThirdPartyTokensTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNTS = "/api/v3/brokerage/accounts";

    @TempDir
    Path dir;

    /** An ES256 token signed by nimbus with the claims {@code claims} adds to sub, nbf, exp. */
    private static String nimbus(ApiKey key, Consumer<JWTClaimsSet.Builder> claims) throws Exception {
        long now = Instant.now().getEpochSecond();
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder().subject(key.name()).notBeforeTime(new Date(now * 1000))
                .expirationTime(new Date((now + 120) * 1000));
        claims.accept(b);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.name())
                .type(JOSEObjectType.JWT).customParam("nonce", HexFormat.of().formatHex(new byte[16])).build(),
                b.build());
        jwt.sign(new ECDSASigner((ECPrivateKey) key.keys().getPrivate()));
        return jwt.serialize();
    }

    /** The cdp-sdk / ccxt EdDSA claims: iss cdp, aud [cdp_service], iat = nbf, uris holding the request. */
    private static String cdpSdk(ApiKey key, String... uris) {
        long now = Instant.now().getEpochSecond();
        ObjectNode claims = Tokens.claims(key, now).put("iat", now);
        claims.putArray("aud").add("cdp_service");
        if (uris.length > 0) {
            var list = claims.putArray("uris");
            for (String u : uris) {
                list.add(u);
            }
        }
        return Tokens.sign(key, Tokens.header(key), claims);
    }

    private static RawHttp.Response get(TestExchange x, String target, String token) throws Exception {
        return RawHttp.get(x.port(), target, "Authorization: Bearer " + token);
    }

    @Test
    void es256WithAUriClaimAsCoinbasesSdksSignIt() throws Exception {
        try (TestExchange x = new TestExchange(dir, KeyType.ES256, true)) {
            String token = nimbus(x.exchange.apiKey(), b -> b.issuer("cdp").claim("uri", "GET " + x.host() + ACCOUNTS));
            RawHttp.Response r = get(x, ACCOUNTS, token);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().path("accounts").size()).isPositive();
        }
    }

    @Test
    void edDsaWithUrisAndTheCdpServiceAudienceForReadsOrdersAndTheUserFeed() throws Exception {
        try (TestExchange x = new TestExchange(dir, KeyType.ED25519, true)) {
            ApiKey key = x.exchange.apiKey();
            RawHttp.Response accounts = get(x, ACCOUNTS, cdpSdk(key, "GET " + x.host() + ACCOUNTS));
            assertThat(accounts.status()).as(accounts.body()).isEqualTo(200);
            String orders = "/api/v3/brokerage/orders";
            String body = "{\"client_order_id\":\"ccxt-1\",\"product_id\":\"BTC-USD\",\"side\":\"BUY\","
                    + "\"order_configuration\":{\"market_market_ioc\":{\"quote_size\":\"100\"}}}";
            RawHttp.Response created = RawHttp.send(x.port(), "POST " + orders + " HTTP/1.1\r\nHost: " + x.host()
                    + "\r\nContent-Type: application/json\r\nAuthorization: Bearer "
                    + cdpSdk(key, "POST " + x.host() + orders), body);
            assertThat(created.status()).as(created.body()).isEqualTo(200);
            assertThat(created.json().path("success").asBoolean()).as(created.body()).isTrue();
            // the query string is not part of the uri claim
            RawHttp.Response open = get(x, "/api/v3/brokerage/orders/historical/batch?order_status=OPEN",
                    cdpSdk(key, "GET " + x.host() + "/api/v3/brokerage/orders/historical/batch"));
            assertThat(open.status()).as(open.body()).isEqualTo(200);
            try (RawWebSocket ws = new RawWebSocket(x.port(), "/ws/user")) {
                ws.sendText("{\"type\":\"subscribe\",\"channel\":\"user\",\"product_ids\":[\"BTC-USD\"],\"jwt\":\""
                        + cdpSdk(key) + "\"}");
                JsonNode ack = JSON.readTree(ws.read().text());
                assertThat(ack.path("channel").asText()).as(ack.toString()).isEqualTo("subscriptions");
            }
        }
    }

    @Test
    void theTransactionSummaryClientsReadTheirFeesFromShowsTheFeeTierAndTheVolumeTraded() throws Exception {
        try (TestExchange x = new TestExchange(dir, KeyType.ED25519, true)) {
            ApiKey key = x.exchange.apiKey();
            String summary = "/api/v3/brokerage/transaction_summary";
            JsonNode before = get(x, summary, cdpSdk(key, "GET " + x.host() + summary)).json();
            assertThat(before.path("fee_tier").path("taker_fee_rate").asText()).isEqualTo("0.006");
            assertThat(before.path("fee_tier").path("maker_fee_rate").asText()).isEqualTo("0.004");
            assertThat(before.path("total_volume").decimalValue()).isZero();
            String orders = "/api/v3/brokerage/orders";
            RawHttp.Response created = RawHttp.send(x.port(), "POST " + orders + " HTTP/1.1\r\nHost: " + x.host()
                    + "\r\nAuthorization: Bearer " + cdpSdk(key, "POST " + x.host() + orders),
                    "{\"client_order_id\":\"s-1\",\"product_id\":\"BTC-USD\",\"side\":\"BUY\","
                            + "\"order_configuration\":{\"market_market_ioc\":{\"base_size\":\"0.01\"}}}");
            assertThat(created.json().path("success").asBoolean()).as(created.body()).isTrue();
            BigDecimal volume = BigDecimal.ZERO;
            BigDecimal fees = BigDecimal.ZERO;
            for (var f : x.exchange.engine().fills(List.of(), List.of())) {
                volume = volume.add(f.price().multiply(f.size()));
                fees = fees.add(f.commission());
            }
            JsonNode after = get(x, summary, cdpSdk(key, "GET " + x.host() + summary)).json();
            assertThat(volume).isPositive();
            assertThat(after.path("total_volume").decimalValue()).isEqualByComparingTo(volume);
            assertThat(after.path("total_fees").decimalValue()).isEqualByComparingTo(fees);
        }
    }

    @Test
    void aUriThatKeepsThePlainHttpSchemeOfTheBaseUrl() throws Exception {
        try (TestExchange x = new TestExchange(dir, KeyType.ED25519, true)) {
            ApiKey key = x.exchange.apiKey();
            RawHttp.Response viaUris = get(x, ACCOUNTS, cdpSdk(key, "GET http://" + x.host() + ACCOUNTS));
            assertThat(viaUris.status()).as(viaUris.body()).isEqualTo(200);
            String viaUri = Tokens.rest(key, Instant.now().getEpochSecond(), "GET http://" + x.host() + ACCOUNTS);
            assertThat(get(x, ACCOUNTS, viaUri).status()).isEqualTo(200);
            String https = Tokens.rest(key, Instant.now().getEpochSecond(), "GET https://" + x.host() + ACCOUNTS);
            RawHttp.Response refused = get(x, ACCOUNTS, https);
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.json().path("message").asText()).contains("https");
        }
    }

    @Test
    void theOlderCloudKeyClaimsCcxtSignsWithEs256UnlessStrict() throws Exception {
        Path lenientDir = dir.resolve("lenient");
        String uri = "GET http://%s" + ACCOUNTS;
        try (TestExchange x = new TestExchange(lenientDir, KeyType.ES256, false)) {
            String token = nimbus(x.exchange.apiKey(), b -> b.issuer("coinbase-cloud")
                    .audience(List.of("retail_rest_api_proxy")).issueTime(new Date())
                    .claim("uri", uri.formatted(x.host())));
            RawHttp.Response r = get(x, ACCOUNTS, token);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
        }
        try (TestExchange strict = new TestExchange(dir.resolve("strict"), KeyType.ES256, true)) {
            String token = nimbus(strict.exchange.apiKey(), b -> b.issuer("coinbase-cloud")
                    .audience(List.of("retail_rest_api_proxy")).issueTime(new Date())
                    .claim("uri", uri.formatted(strict.host())));
            RawHttp.Response r = get(strict, ACCOUNTS, token);
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.json().path("message").asText()).contains("iss must be 'cdp'");
        }
    }
}
