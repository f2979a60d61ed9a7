package io.tradehost.exchange.auth;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehost.exchange.testing.Tokens;
import java.time.Instant;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The verifier's lifetime rules at their edges (with numbers chosen to overflow a naive {@code exp
 * - nbf}) and every claim form a client in the wild sends: {@code uri} or {@code uris}, {@code aud}
 * absent, a string or an array, the older cloud-key claims, a scheme in the uri. A fixed clock;
 * tokens built by {@link Tokens}, which shares no code with the verifier.
 */
class JwtVerifierTest {
    private static final long NOW = 1_764_000_000L;
    private static final String URI = "GET 127.0.0.1:18080/api/v3/brokerage/accounts";
    private static final ApiKey KEY = ApiKey.generate(KeyType.ED25519);
    private static final JwtVerifier VERIFIER = new JwtVerifier(KEY, false, () -> Instant.ofEpochSecond(NOW));
    private static final JwtVerifier STRICT = new JwtVerifier(KEY, true, () -> Instant.ofEpochSecond(NOW));

    private static String token(Consumer<ObjectNode> edit) {
        ObjectNode claims = Tokens.claims(KEY, NOW);
        claims.put("uri", URI);
        edit.accept(claims);
        return Tokens.sign(KEY, Tokens.header(KEY), claims);
    }

    private static ObjectNode noUri(ObjectNode claims) {
        claims.remove("uri");
        return claims;
    }

    private static ObjectNode withoutType(ObjectNode header) {
        header.remove("typ");
        return header;
    }

    private static void accepted(Consumer<ObjectNode> edit) {
        assertThatCode(() -> VERIFIER.verify(token(edit), URI)).doesNotThrowAnyException();
    }

    private static void refused(Consumer<ObjectNode> edit, String why) {
        assertThatThrownBy(() -> VERIFIER.verify(token(edit), URI)).isInstanceOf(JwtVerifier.Refused.class)
                .hasMessageContaining(why);
    }

    @Test
    void theWidestLifetimeThereIsNeitherOverflowsNorNeverExpires() {
        refused(c -> c.put("nbf", Long.MIN_VALUE).put("exp", Long.MAX_VALUE), "lifetime");
        refused(c -> c.put("nbf", Long.MIN_VALUE).put("exp", NOW + 60), "lifetime");
        refused(c -> c.put("nbf", NOW).put("exp", Long.MAX_VALUE), "lifetime");
        refused(c -> c.put("nbf", -1L).put("exp", Long.MAX_VALUE - 1), "lifetime");
        refused(c -> c.put("nbf", NOW).put("exp", 1e300), "nbf and exp");
        refused(c -> c.put("nbf", NOW).put("exp", "later"), "nbf and exp");
        refused(c -> c.remove("exp"), "nbf and exp");
    }

    @Test
    void theLifetimeIsAtMostFiveMinutesAndPositive() {
        accepted(c -> c.put("nbf", NOW - 100).put("exp", NOW + 200));
        refused(c -> c.put("nbf", NOW - 100).put("exp", NOW + 201), "lifetime");
        refused(c -> c.put("nbf", NOW).put("exp", NOW), "lifetime");
        refused(c -> c.put("nbf", NOW + 3).put("exp", NOW + 1), "lifetime");
    }

    @Test
    void nbfAndExpAreJudgedWithFiveSecondsOfSkew() {
        accepted(c -> c.put("nbf", NOW + 5).put("exp", NOW + 125));
        refused(c -> c.put("nbf", NOW + 6).put("exp", NOW + 126), "not valid yet");
        accepted(c -> c.put("nbf", NOW - 125).put("exp", NOW - 5));
        refused(c -> c.put("nbf", NOW - 126).put("exp", NOW - 6), "expired");
        accepted(c -> c.put("nbf", NOW).put("exp", NOW + 120.5));
    }

    @Test
    void anIssuedAtClaimMustBeNearNow() {
        accepted(c -> c.put("iat", NOW));
        accepted(c -> c.put("iat", NOW + 5));
        refused(c -> c.put("iat", NOW + 6), "iat");
        accepted(c -> c.put("iat", NOW - 305));
        refused(c -> c.put("iat", NOW - 306), "iat");
        refused(c -> c.put("iat", Long.MIN_VALUE), "iat");
        refused(c -> c.put("iat", "now"), "iat");
    }

    @Test
    void theRequestMustMatchTheUriOrOneOfTheUris() {
        refused(c -> c.remove("uri"), "uri");
        accepted(c -> noUri(c).putArray("uris").add(URI));
        accepted(c -> noUri(c).putArray("uris").add("POST 127.0.0.1:18080/api/v3/brokerage/orders").add(URI));
        refused(c -> noUri(c).putArray("uris").add("GET 127.0.0.1:18080/api/v3/brokerage/products"),
                "does not match");
        refused(c -> noUri(c).putArray("uris"), "uri");
        refused(c -> noUri(c).put("uris", URI), "uris");
        refused(c -> noUri(c).putArray("uris").add(7), "uris");
        refused(c -> c.put("uri", "GET 127.0.0.1:18080/api/v3/brokerage/accounts/"), "does not match");
    }

    @Test
    void aPlainHttpSchemeInTheUriIsToleratedButNotHttps() {
        accepted(c -> c.put("uri", "GET http://127.0.0.1:18080/api/v3/brokerage/accounts"));
        accepted(c -> noUri(c).putArray("uris").add("GET http://127.0.0.1:18080/api/v3/brokerage/accounts"));
        refused(c -> c.put("uri", "GET https://127.0.0.1:18080/api/v3/brokerage/accounts"), "https");
        refused(c -> c.put("uri", "GET ws://127.0.0.1:18080/api/v3/brokerage/accounts"), "does not match");
        refused(c -> c.put("uri", "GET http://127.0.0.1:18081/api/v3/brokerage/accounts"), "does not match");
    }

    @Test
    void theAudienceIsAbsentOrNamesACoinbaseService() {
        accepted(c -> c.putArray("aud").add("cdp_service"));
        accepted(c -> c.put("aud", "cdp_service"));
        accepted(c -> c.putArray("aud").add("retail_rest_api_proxy"));
        accepted(c -> c.putArray("aud").add("something_else").add("cdp_service"));
        refused(c -> c.putArray("aud").add("some_other_api"), "aud");
        refused(c -> c.putArray("aud"), "aud");
        refused(c -> c.put("aud", 5), "aud");
    }

    @Test
    void theOlderCloudKeyClaimsAreAcceptedUnlessStrict() {
        String cloud = token(c -> c.put("iss", "coinbase-cloud").put("iat", NOW).putArray("aud")
                .add("retail_rest_api_proxy"));
        assertThatCode(() -> VERIFIER.verify(cloud, URI)).doesNotThrowAnyException();
        assertThatThrownBy(() -> STRICT.verify(cloud, URI)).hasMessageContaining("iss must be 'cdp'");
        String current = token(c -> noUri(c).put("iat", NOW).putArray("uris").add(URI));
        assertThatCode(() -> STRICT.verify(current, URI)).doesNotThrowAnyException();
    }

    @Test
    void aWebSocketTokenNeedsNoUriButIsHeldToTheSameLifetime() {
        ObjectNode claims = Tokens.claims(KEY, NOW);
        assertThatCode(() -> VERIFIER.verify(Tokens.sign(KEY, Tokens.header(KEY), claims), null))
                .doesNotThrowAnyException();
        claims.put("nbf", Long.MIN_VALUE).put("exp", Long.MAX_VALUE);
        assertThatThrownBy(() -> VERIFIER.verify(Tokens.sign(KEY, Tokens.header(KEY), claims), null))
                .hasMessageContaining("lifetime");
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void theHeaderNeedsNoTypeButNoCriticalExtension(KeyType type) {
        ApiKey key = ApiKey.generate(type);
        JwtVerifier verifier = new JwtVerifier(key, false, () -> Instant.ofEpochSecond(NOW));
        ObjectNode claims = Tokens.claims(key, NOW).put("uri", URI);
        assertThatCode(() -> verifier.verify(Tokens.sign(key, Tokens.header(key), claims), URI))
                .doesNotThrowAnyException();
        assertThatCode(() -> verifier.verify(Tokens.sign(key, withoutType(Tokens.header(key)), claims), URI))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> verifier.verify(Tokens.sign(key, Tokens.header(key).put("crit", "b64"), claims),
                URI)).hasMessageContaining("crit");
    }
}
