package io.tradehost.exchange.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehost.exchange.auth.ApiKey;
import io.tradehost.exchange.auth.KeyType;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;

/**
 * JWTs built by hand for tests, header and claims as plain JSON signed with the JDK's own
 * Signature: nothing here shares code with the exchange's verifier, so a test can send any claim
 * set a client in the wild sends (and the malformed ones it must refuse).
 */
public final class Tokens {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {
    }

    /** The header Coinbase documents: {@code alg} of the key, {@code kid}, a random hex {@code nonce}, {@code typ}. */
    public static ObjectNode header(ApiKey key) {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        ObjectNode h = JSON.createObjectNode();
        h.put("alg", key.type().jwsAlgorithm());
        h.put("kid", key.name());
        h.put("nonce", HexFormat.of().formatHex(nonce));
        h.put("typ", "JWT");
        return h;
    }

    /** The CDP claims without a request: {@code sub}, {@code iss cdp}, {@code nbf now}, {@code exp now + 120}. */
    public static ObjectNode claims(ApiKey key, long now) {
        ObjectNode c = JSON.createObjectNode();
        c.put("sub", key.name());
        c.put("iss", "cdp");
        c.put("nbf", now);
        c.put("exp", now + 120);
        return c;
    }

    /** A CDP token for one REST request, {@code uri} as Coinbase's own SDKs write it. */
    public static String rest(ApiKey key, long now, String uri) {
        ObjectNode c = claims(key, now);
        c.put("uri", uri);
        return sign(key, header(key), c);
    }

    /** The compact JWS of {@code header} and {@code claims} signed with {@code key}'s private half. */
    public static String sign(ApiKey key, ObjectNode header, ObjectNode claims) {
        String input = B64.encodeToString(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        try {
            Signature s = Signature.getInstance(key.type() == KeyType.ED25519 ? "Ed25519"
                    : "SHA256withECDSAinP1363Format");
            s.initSign(key.keys().getPrivate());
            s.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + B64.encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
