package io.tradehost.exchange.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * Checks a CDP JWT as Coinbase does: compact JWS with {@code alg} EdDSA or ES256 matching the key,
 * {@code kid} and {@code sub} naming the issued key, a valid signature, {@code iss} {@code cdp}
 * (or, unless strict, the older {@code coinbase-cloud} form ccxt still sends), {@code nbf} not in
 * the future and {@code exp} not past (with a little skew) and at most five minutes apart, and, for
 * REST, a {@code uri} claim equal to {@code "METHOD host/path"}. Thread-safe.
 */
public final class JwtVerifier {
    private static final Duration SKEW = Duration.ofSeconds(5);
    private static final long MAX_LIFETIME_SECONDS = 300;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ApiKey key;
    private final boolean strict;
    private final Supplier<Instant> now;

    /**
     * @param key the key whose tokens are accepted
     * @param strict whether to refuse the older cloud-key claim form
     * @param now the exchange's clock
     */
    public JwtVerifier(ApiKey key, boolean strict, Supplier<Instant> now) {
        this.key = key;
        this.strict = strict;
        this.now = now;
    }

    /** Why a token was refused: the message is safe to send back (it never repeats the token). */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /**
     * Verifies {@code token}.
     *
     * @param expectedUri {@code "POST 127.0.0.1:8080/api/v3/brokerage/orders"} for REST, {@code null}
     *     for a WebSocket subscription (no {@code uri} claim)
     * @throws Refused naming the first thing that is wrong
     */
    public void verify(String token, String expectedUri) throws Refused {
        if (token == null || token.isBlank()) {
            throw new Refused("missing JWT");
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new Refused("malformed JWT: expected three dot-separated parts");
        }
        JsonNode header = decode(parts[0], "header");
        JsonNode claims = decode(parts[1], "claims");
        String alg = header.path("alg").asText("");
        if (!alg.equals(key.type().jwsAlgorithm())) {
            throw new Refused("JWT alg '" + alg + "' does not match the key (" + key.type().jwsAlgorithm() + ")");
        }
        if (!key.name().equals(header.path("kid").asText(null))) {
            throw new Refused("JWT kid names an unknown API key");
        }
        checkSignature(parts, alg);
        if (!key.name().equals(claims.path("sub").asText(null))) {
            throw new Refused("JWT sub does not name the API key");
        }
        String iss = claims.path("iss").asText("");
        if (!iss.equals("cdp") && (strict || !iss.equals("coinbase-cloud"))) {
            throw new Refused("JWT iss must be 'cdp'" + (strict ? "" : " (or 'coinbase-cloud')") + ", was '" + iss + "'");
        }
        if (!claims.path("nbf").canConvertToLong() || !claims.path("exp").canConvertToLong()) {
            throw new Refused("JWT needs numeric nbf and exp claims");
        }
        long nbf = claims.path("nbf").asLong();
        long exp = claims.path("exp").asLong();
        long t = now.get().getEpochSecond();
        if (nbf > t + SKEW.toSeconds()) {
            throw new Refused("JWT not valid yet (nbf " + nbf + ", now " + t + ")");
        }
        if (exp < t - SKEW.toSeconds()) {
            throw new Refused("JWT expired (exp " + exp + ", now " + t + ")");
        }
        if (exp - nbf > MAX_LIFETIME_SECONDS || exp < nbf) {
            throw new Refused("JWT lifetime must be at most " + MAX_LIFETIME_SECONDS + " s");
        }
        if (expectedUri != null) {
            String uri = claims.path("uri").asText(null);
            if (uri == null) {
                throw new Refused("JWT for a REST call needs a uri claim");
            }
            if (!uri.equals(expectedUri)) {
                throw new Refused("JWT uri claim '" + uri + "' does not match the request '" + expectedUri + "'");
            }
        }
    }

    private void checkSignature(String[] parts, String alg) throws Refused {
        byte[] signature;
        try {
            signature = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new Refused("JWT signature is not base64url");
        }
        try {
            Signature verifier = Signature.getInstance(alg.equals("EdDSA") ? "Ed25519" : "SHA256withECDSAinP1363Format");
            verifier.initVerify(key.keys().getPublic());
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!verifier.verify(signature)) {
                throw new Refused("JWT signature does not verify");
            }
        } catch (GeneralSecurityException e) {
            throw new Refused("JWT signature does not verify (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static JsonNode decode(String part, String what) throws Refused {
        try {
            JsonNode node = JSON.readTree(Base64.getUrlDecoder().decode(part));
            if (node == null || !node.isObject()) {
                throw new Refused("JWT " + what + " is not a JSON object");
            }
            return node;
        } catch (IOException | IllegalArgumentException e) {
            throw new Refused("JWT " + what + " is not base64url JSON");
        }
    }
}
