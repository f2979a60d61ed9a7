package io.tradehost.plugins.venue.coinbase.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.LongSupplier;

/**
 * Signs the JWT Coinbase wants on every request: header {@code alg}, {@code kid} = key name,
 * {@code nonce}, {@code typ}; claims {@code sub} = key name, {@code iss} = {@code cdp}, {@code nbf} =
 * now, {@code exp} = now + 120 s and, for REST, {@code uri} = {@code "METHOD host/path"} (the
 * WebSocket token has none). A fresh token per call, never reused. Thread-safe.
 */
public final class JwtSigner {
    /** How long a token is valid, in seconds. */
    public static final long LIFETIME_SECONDS = 120;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final ApiCredentials credentials;
    private final LongSupplier epochSeconds;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param credentials the key
     * @param epochSeconds the host's clock in seconds since the epoch
     */
    public JwtSigner(ApiCredentials credentials, LongSupplier epochSeconds) {
        this.credentials = credentials;
        this.epochSeconds = epochSeconds;
    }

    /**
     * A token for one request.
     *
     * @param uri {@code "GET api.coinbase.com/api/v3/brokerage/accounts"} for REST, {@code null} for a
     *     WebSocket subscription
     */
    public String sign(String uri) {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        ObjectNode header = JSON.createObjectNode();
        header.put("alg", credentials.algorithm().jws());
        header.put("kid", credentials.name());
        header.put("nonce", HexFormat.of().formatHex(nonce));
        header.put("typ", "JWT");
        long now = epochSeconds.getAsLong();
        ObjectNode claims = JSON.createObjectNode();
        claims.put("sub", credentials.name());
        claims.put("iss", "cdp");
        claims.put("nbf", now);
        claims.put("exp", now + LIFETIME_SECONDS);
        if (uri != null) {
            claims.put("uri", uri);
        }
        return sign(header.toString(), claims.toString());
    }

    /** The compact JWS of exactly these header and claims texts (for tests against published vectors). */
    public String sign(String headerJson, String claimsJson) {
        String input = B64.encodeToString(headerJson.getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8));
        return input + "." + B64.encodeToString(signature(input.getBytes(StandardCharsets.US_ASCII)));
    }

    private byte[] signature(byte[] input) {
        try {
            Signature s = Signature.getInstance(credentials.algorithm().jdkSignature());
            s.initSign(credentials.key());
            s.update(input);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the " + credentials.algorithm() + " key", e);
        }
    }
}
