package io.tradehost.plugins.venue.coinbase.auth;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A CDP API key: its name and its private key, Ed25519 (EdDSA) or P-256 (ES256). Parses the
 * secret in every form Coinbase hands out: base64 of an Ed25519 seed and public key (64 bytes) or of
 * a seed alone, a SEC1 {@code EC PRIVATE KEY} PEM, or a PKCS#8 {@code PRIVATE KEY} PEM; PEM line
 * breaks may be written as {@code \n}. Errors name what is wrong and never repeat the secret.
 * Immutable; {@link #toString()} shows the name only.
 */
public final class ApiCredentials {
    private static final Pattern NAME = Pattern.compile("organizations/[^/\\s]+/apiKeys/[^/\\s]+");
    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    /** The signature algorithm of a key. */
    public enum Algorithm {
        /** Ed25519, JWS {@code EdDSA}. */
        ED25519("EdDSA", "Ed25519"),
        /** ECDSA on P-256 with SHA-256, JWS {@code ES256} (raw R||S signatures). */
        ES256("ES256", "SHA256withECDSAinP1363Format");

        private final String jws;
        private final String jdk;

        Algorithm(String jws, String jdk) {
            this.jws = jws;
            this.jdk = jdk;
        }

        /** The JWS {@code alg} value. */
        public String jws() {
            return jws;
        }

        String jdkSignature() {
            return jdk;
        }
    }

    private final String name;
    private final PrivateKey key;
    private final Algorithm algorithm;

    private ApiCredentials(String name, PrivateKey key, Algorithm algorithm) {
        this.name = name;
        this.key = key;
        this.algorithm = algorithm;
    }

    /**
     * Parses a key name and secret.
     *
     * @throws IllegalArgumentException one line naming what is wrong with which of the two
     */
    public static ApiCredentials parse(String keyName, String secret, String nameSource, String secretSource) {
        if (keyName == null || keyName.isBlank()) {
            throw new IllegalArgumentException(nameSource + " is not set");
        }
        String trimmedName = keyName.trim();
        if (!NAME.matcher(trimmedName).matches()) {
            throw new IllegalArgumentException(nameSource + " must look like organizations/{org}/apiKeys/{id}");
        }
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException(secretSource + " is not set");
        }
        String text = secret.trim().replace("\\n", "\n");
        try {
            if (text.contains("-----BEGIN EC PRIVATE KEY-----")) {
                return new ApiCredentials(trimmedName, sec1(pem(text, "EC PRIVATE KEY")), Algorithm.ES256);
            }
            if (text.contains("-----BEGIN PRIVATE KEY-----")) {
                return pkcs8(trimmedName, pem(text, "PRIVATE KEY"));
            }
            if (text.contains("-----BEGIN")) {
                throw new IllegalArgumentException("unsupported PEM type (expected EC PRIVATE KEY or PRIVATE KEY)");
            }
            return ed25519(trimmedName, Base64.getDecoder().decode(text.replaceAll("\\s", "")));
        } catch (GeneralSecurityException | IllegalArgumentException | IndexOutOfBoundsException e) {
            String why = e instanceof IllegalArgumentException && e.getMessage() != null
                    && !e.getMessage().contains("Illegal base64") ? e.getMessage() : "not a valid key encoding";
            throw new IllegalArgumentException(secretSource + " is not a usable private key: " + why
                    + " (expected an Ed25519 key as base64, or an EC private key PEM)", null);
        }
    }

    private static byte[] pem(String text, String type) {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (to < from) {
            throw new IllegalArgumentException("the PEM has no END line");
        }
        return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
    }

    /** SEC1 ECPrivateKey: SEQUENCE { INTEGER 1, OCTET STRING d, [0] curve OPTIONAL, [1] public OPTIONAL }. */
    private static PrivateKey sec1(byte[] der) throws GeneralSecurityException {
        int i = 0;
        if (der[i++] != 0x30) {
            throw new IllegalArgumentException("the EC key is not a DER sequence");
        }
        i += lengthOfLength(der, i);
        if (der[i] != 0x02 || der[i + 1] != 0x01 || der[i + 2] != 0x01) {
            throw new IllegalArgumentException("the EC key is not SEC1 version 1");
        }
        i += 3;
        if (der[i++] != 0x04) {
            throw new IllegalArgumentException("the EC key lacks its private octet string");
        }
        int length = der[i++] & 0xff;
        if (length < 1 || length > 32) {
            throw new IllegalArgumentException("the EC key is not a P-256 key");
        }
        BigInteger d = new BigInteger(1, Arrays.copyOfRange(der, i, i + length));
        AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
        params.init(new ECGenParameterSpec("secp256r1"));
        return KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(d,
                params.getParameterSpec(ECParameterSpec.class)));
    }

    private static int lengthOfLength(byte[] der, int i) {
        int first = der[i] & 0xff;
        return first < 0x80 ? 1 : 1 + (first & 0x7f);
    }

    private static ApiCredentials pkcs8(String name, byte[] der) throws GeneralSecurityException {
        try {
            return new ApiCredentials(name, KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new PKCS8EncodedKeySpec(der)), Algorithm.ED25519);
        } catch (GeneralSecurityException notEd) {
            PrivateKey ec = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
            if (!(ec instanceof java.security.interfaces.ECPrivateKey k) || k.getParams().getCurve().getField()
                    .getFieldSize() != 256) {
                throw new IllegalArgumentException("the EC key is not a P-256 key");
            }
            return new ApiCredentials(name, ec, Algorithm.ES256);
        }
    }

    /** An Ed25519 secret: the 32-byte seed, optionally followed by the 32-byte public key, which must match. */
    private static ApiCredentials ed25519(String name, byte[] raw) throws GeneralSecurityException {
        if (raw.length != 32 && raw.length != 64) {
            throw new IllegalArgumentException("an Ed25519 secret is 32 or 64 bytes, this one is " + raw.length);
        }
        PrivateKey key = KeyFactory.getInstance("Ed25519").generatePrivate(
                new EdECPrivateKeySpec(NamedParameterSpec.ED25519, Arrays.copyOf(raw, 32)));
        if (raw.length == 64) {
            byte[] spki = new byte[ED25519_SPKI_PREFIX.length + 32];
            System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
            System.arraycopy(raw, 32, spki, ED25519_SPKI_PREFIX.length, 32);
            PublicKey pub = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
            byte[] probe = "tradehost key check".getBytes(StandardCharsets.US_ASCII);
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key);
            s.update(probe);
            byte[] sig = s.sign();
            Signature v = Signature.getInstance("Ed25519");
            v.initVerify(pub);
            v.update(probe);
            if (!v.verify(sig)) {
                throw new IllegalArgumentException("its public half does not match its private half");
            }
        }
        return new ApiCredentials(name, key, Algorithm.ED25519);
    }

    public String name() {
        return name;
    }

    public Algorithm algorithm() {
        return algorithm;
    }

    PrivateKey key() {
        return key;
    }

    @Override
    public String toString() {
        return "ApiCredentials[" + name + ", " + algorithm + "]";
    }
}
