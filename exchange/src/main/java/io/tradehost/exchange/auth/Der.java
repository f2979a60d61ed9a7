package io.tradehost.exchange.auth;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.HexFormat;

/** The few DER encodings the exchange writes: fixed key-format prefixes and unsigned integers. */
final class Der {
    /** SubjectPublicKeyInfo prefix of an Ed25519 key (RFC 8410), followed by the 32 raw bytes. */
    static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    /** PKCS#8 prefix of an Ed25519 private key (RFC 8410), followed by the 32-byte seed. */
    static final byte[] ED25519_PKCS8_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");
    /** The OID of prime256v1 (secp256r1), DER-encoded. */
    static final byte[] P256_OID = HexFormat.of().parseHex("06082a8648ce3d030107");

    private Der() {
    }

    /** {@code value} as exactly {@code length} big-endian unsigned bytes. */
    static byte[] unsigned(BigInteger value, int length) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
        return out;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
