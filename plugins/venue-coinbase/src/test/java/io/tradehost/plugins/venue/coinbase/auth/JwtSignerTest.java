package io.tradehost.plugins.venue.coinbase.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tradehost.exchange.auth.ApiKey;
import io.tradehost.exchange.auth.JwtVerifier;
import io.tradehost.exchange.auth.KeyType;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The JWT signing checked against independent answers: the published Ed25519 vector of RFC 8037
 * (A.4, deterministic, so byte for byte), nimbus-jose-jwt verifying our ES256 tokens and signing ones
 * the exchange accepts, and the exchange's own verifier (its code shares nothing with the signer),
 * which must refuse every tampered part.
 */
class JwtSignerTest {
    private static final long NOW = 1_764_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void ed25519MatchesTheRfc8037Vector() {
        Base64.Decoder url = Base64.getUrlDecoder();
        byte[] d = url.decode("nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A");
        byte[] x = url.decode("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo");
        byte[] secret = new byte[64];
        System.arraycopy(d, 0, secret, 0, 32);
        System.arraycopy(x, 0, secret, 32, 32);
        ApiCredentials key = ApiCredentials.parse("organizations/rfc/apiKeys/8037",
                Base64.getEncoder().encodeToString(secret), "name", "secret");
        assertThat(key.algorithm()).isEqualTo(ApiCredentials.Algorithm.ED25519);
        String jws = new JwtSigner(key, () -> NOW).sign("{\"alg\":\"EdDSA\"}", "Example of Ed25519 signing");
        assertThat(jws).isEqualTo("eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc."
                + "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg");
        ApiCredentials seedOnly = ApiCredentials.parse("organizations/rfc/apiKeys/8037",
                Base64.getEncoder().encodeToString(d), "name", "secret");
        assertThat(new JwtSigner(seedOnly, () -> NOW).sign("{\"alg\":\"EdDSA\"}", "Example of Ed25519 signing"))
                .isEqualTo(jws);
    }

    @Test
    void anEd25519SecretWhosePublicHalfDoesNotMatchIsRefused() {
        byte[] secret = new byte[64];
        secret[0] = 1;
        secret[40] = 9;
        assertThatThrownBy(() -> ApiCredentials.parse("organizations/o/apiKeys/k",
                Base64.getEncoder().encodeToString(secret), "name", "COINBASE_API_PRIVATE_KEY"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("COINBASE_API_PRIVATE_KEY");
    }

    @Test
    void es256TokensVerifyWithNimbusAndCarryCoinbasesClaims() throws Exception {
        ApiKey issued = ApiKey.generate(KeyType.ES256);
        ApiCredentials key = ApiCredentials.parse(issued.name(), issued.secret(), "name", "secret");
        assertThat(key.algorithm()).isEqualTo(ApiCredentials.Algorithm.ES256);
        String token = new JwtSigner(key, () -> NOW).sign("GET api.coinbase.com/api/v3/brokerage/accounts");
        SignedJWT parsed = SignedJWT.parse(token);
        assertThat(parsed.verify(new ECDSAVerifier((ECPublicKey) issued.keys().getPublic()))).isTrue();
        assertThat(parsed.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(parsed.getHeader().getKeyID()).isEqualTo(issued.name());
        assertThat(parsed.getHeader().getCustomParam("nonce")).asString().hasSize(32);
        JWTClaimsSet claims = parsed.getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo(issued.name());
        assertThat(claims.getIssuer()).isEqualTo("cdp");
        assertThat(claims.getNotBeforeTime()).isEqualTo(new Date(NOW * 1000));
        assertThat(claims.getExpirationTime()).isEqualTo(new Date((NOW + 120) * 1000));
        assertThat(claims.getStringClaim("uri")).isEqualTo("GET api.coinbase.com/api/v3/brokerage/accounts");
        ApiKey other = ApiKey.generate(KeyType.ES256);
        assertThat(parsed.verify(new ECDSAVerifier((ECPublicKey) other.keys().getPublic()))).isFalse();
    }

    @Test
    void aWebSocketTokenHasNoUriClaimAndNoncesDiffer() throws Exception {
        ApiKey issued = ApiKey.generate(KeyType.ED25519);
        JwtSigner signer = new JwtSigner(ApiCredentials.parse(issued.name(), issued.secret(), "n", "s"), () -> NOW);
        String a = signer.sign(null);
        String b = signer.sign(null);
        assertThat(part(a, 1).has("uri")).isFalse();
        assertThat(part(a, 0).path("nonce").asText()).isNotEqualTo(part(b, 0).path("nonce").asText());
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void theExchangesVerifierAcceptsOurTokensAndRefusesEveryTamperedPart(KeyType type) throws Exception {
        ApiKey issued = ApiKey.generate(type);
        long now = Instant.now().getEpochSecond();
        JwtSigner signer = new JwtSigner(ApiCredentials.parse(issued.name(), issued.secret(), "n", "s"), () -> now);
        JwtVerifier verifier = new JwtVerifier(issued, true, Instant::now);
        String uri = "POST 127.0.0.1:18080/api/v3/brokerage/orders";
        String token = signer.sign(uri);
        verifier.verify(token, uri);
        verifier.verify(signer.sign(null), null);
        String[] parts = token.split("\\.");
        assertRefused(verifier, token, "GET 127.0.0.1:18080/api/v3/brokerage/orders", "uri claim");
        assertRefused(verifier, parts[0] + "." + reencode(parts[1], "\"iss\":\"cdp\"", "\"iss\":\"evil\"") + "."
                + parts[2], uri, "signature");
        byte[] sig = Base64.getUrlDecoder().decode(parts[2]);
        sig[5] ^= 1;
        assertRefused(verifier, parts[0] + "." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(sig), uri, "signature");
        JwtSigner stale = new JwtSigner(ApiCredentials.parse(issued.name(), issued.secret(), "n", "s"),
                () -> now - 600);
        assertRefused(verifier, stale.sign(uri), uri, "expired");
        JwtSigner early = new JwtSigner(ApiCredentials.parse(issued.name(), issued.secret(), "n", "s"),
                () -> now + 600);
        assertRefused(verifier, early.sign(uri), uri, "not valid yet");
        ApiKey stranger = ApiKey.generate(type);
        JwtSigner impostor = new JwtSigner(ApiCredentials.parse(stranger.name(), stranger.secret(), "n", "s"),
                () -> now);
        assertRefused(verifier, impostor.sign(uri), uri, "unknown API key");
        assertRefused(verifier, "not-a-jwt", uri, "three");
        assertRefused(verifier, null, uri, "missing");
    }

    @Test
    void theExchangeAcceptsTheOlderCloudKeyClaimsUnlessStrict() throws Exception {
        ApiKey issued = ApiKey.generate(KeyType.ES256);
        long now = Instant.now().getEpochSecond();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(issued.name()).issuer("coinbase-cloud")
                .audience(List.of("retail_rest_api_proxy")).notBeforeTime(new Date(now * 1000))
                .issueTime(new Date(now * 1000)).expirationTime(new Date((now + 120) * 1000))
                .claim("uri", "GET 127.0.0.1:1/api/v3/brokerage/accounts").build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(issued.name()).build(), claims);
        jwt.sign(new ECDSASigner((ECPrivateKey) issued.keys().getPrivate()));
        String token = jwt.serialize();
        new JwtVerifier(issued, false, Instant::now).verify(token, "GET 127.0.0.1:1/api/v3/brokerage/accounts");
        assertRefused(new JwtVerifier(issued, true, Instant::now), token, "GET 127.0.0.1:1/api/v3/brokerage/accounts",
                "iss must be 'cdp'");
    }

    private static void assertRefused(JwtVerifier verifier, String token, String uri, String why) {
        assertThatThrownBy(() -> verifier.verify(token, uri)).isInstanceOf(JwtVerifier.Refused.class)
                .hasMessageContaining(why);
    }

    private static JsonNode part(String token, int index) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[index]));
    }

    private static String reencode(String part, String from, String to) {
        String text = new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
        assertThat(text).contains(from);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.replace(from, to)
                .getBytes(StandardCharsets.UTF_8));
    }
}
