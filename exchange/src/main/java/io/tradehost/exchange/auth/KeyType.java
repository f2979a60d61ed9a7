package io.tradehost.exchange.auth;

/** The two kinds of CDP API key: an Ed25519 key (EdDSA, Coinbase's recommendation) or a P-256 key (ES256). */
public enum KeyType {
    ED25519("EdDSA"),
    ES256("ES256");

    private final String jwsAlgorithm;

    KeyType(String jwsAlgorithm) {
        this.jwsAlgorithm = jwsAlgorithm;
    }

    /** The JWS {@code alg} header value for tokens this kind of key signs. */
    public String jwsAlgorithm() {
        return jwsAlgorithm;
    }
}
