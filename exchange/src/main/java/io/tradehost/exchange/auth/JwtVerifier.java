package io.tradehost.exchange.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;

/**
 * Checks a CDP JWT as Coinbase does, accepting every form its clients send: a compact JWS with
 * {@code alg} EdDSA or ES256 matching the key, {@code kid} and {@code sub} naming the issued key, a
 * valid signature, no {@code crit} header; {@code iss} {@code cdp} (or, unless strict, the older
 * {@code coinbase-cloud} that ccxt signs ES256 tokens with); {@code aud} absent or naming
 * {@code cdp_service} or {@code retail_rest_api_proxy}; a lifetime ({@code TokenTimes}) of at most
 * five minutes around now; and, for REST, the request in the {@code uri} claim or among the
 * {@code uris} (cdp-sdk, ccxt's EdDSA tokens). Thread-safe.
 */
public final class JwtVerifier {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PLAIN_HTTP = "http://";
    private static final String TLS = "https://";

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
     *     for a WebSocket subscription (no {@code uri} claim needed)
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
        if (header.has("crit")) {
            // RFC 7515 4.1.11: an extension the recipient does not understand makes the JWS invalid
            throw new Refused("JWT crit header names extensions the exchange does not support");
        }
        checkSignature(parts, alg);
        if (!key.name().equals(claims.path("sub").asText(null))) {
            throw new Refused("JWT sub does not name the API key");
        }
        String iss = claims.path("iss").asText("");
        if (!iss.equals("cdp") && (strict || !iss.equals("coinbase-cloud"))) {
            throw new Refused("JWT iss must be 'cdp'" + (strict ? "" : " (or 'coinbase-cloud')") + ", was '" + iss + "'");
        }
        checkAudience(claims.get("aud"));
        TokenTimes.check(claims, now.get().getEpochSecond());
        if (expectedUri != null) {
            checkUri(claims, expectedUri);
        }
    }

    /** Absent, or a string or array of strings naming one of Coinbase's two API audiences. */
    private static void checkAudience(JsonNode aud) throws Refused {
        if (aud == null) {
            return;
        }
        if (aud.isTextual() && knownAudience(aud.asText())) {
            return;
        }
        if (aud.isArray()) {
            for (JsonNode a : aud) {
                if (a.isTextual() && knownAudience(a.asText())) {
                    return;
                }
            }
        }
        throw new Refused("JWT aud must name 'cdp_service' (or 'retail_rest_api_proxy'), was " + aud);
    }

    private static boolean knownAudience(String aud) {
        return aud.equals("cdp_service") || aud.equals("retail_rest_api_proxy");
    }

    /** The request must be the {@code uri} claim or one of the {@code uris}. */
    private static void checkUri(JsonNode claims, String expectedUri) throws Refused {
        JsonNode uri = claims.get("uri");
        JsonNode uris = claims.get("uris");
        if (uri == null && uris == null) {
            throw new Refused("JWT for a REST call needs a uri (or uris) claim");
        }
        if (uri != null && !uri.isTextual()) {
            throw new Refused("JWT uri claim must be a string");
        }
        if (uris != null && (!uris.isArray() || uris.isEmpty() || !allText(uris))) {
            throw new Refused("JWT uris claim must be a non-empty array of strings");
        }
        List<String> claimed = new ArrayList<>();
        if (uri != null) {
            claimed.add(uri.asText());
        }
        if (uris != null) {
            uris.forEach(u -> claimed.add(u.asText()));
        }
        String tls = null;
        for (String text : claimed) {
            String target = text.substring(text.indexOf(' ') + 1);
            if (target.startsWith(TLS)) {
                tls = text;
            } else if (withoutPlainHttp(text).equals(expectedUri)) {
                return;
            }
        }
        if (tls != null) {
            // the request did not come over TLS, and Coinbase's own clients never put a scheme in the uri
            throw new Refused("JWT uri claim '" + tls + "' names https://, but the exchange serves plain HTTP"
                    + " (write the uri without a scheme, as Coinbase's SDKs do)");
        }
        throw new Refused("JWT uri claim '" + claimed.get(0) + "' does not match the request '" + expectedUri + "'");
    }

    private static boolean allText(JsonNode array) {
        for (JsonNode n : array) {
            if (!n.isTextual()) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code "METHOD http://host/path"} as {@code "METHOD host/path"}: the exchange serves plain HTTP
     * and clients such as ccxt strip only {@code https://} from their base URL.
     */
    private static String withoutPlainHttp(String claim) {
        int space = claim.indexOf(' ');
        if (space < 0 || !claim.startsWith(PLAIN_HTTP, space + 1)) {
            return claim;
        }
        return claim.substring(0, space + 1) + claim.substring(space + 1 + PLAIN_HTTP.length());
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
