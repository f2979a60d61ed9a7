package io.tradehost.exchange.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Properties;
import java.util.UUID;

/**
 * A CDP API key the exchange issues: its name ({@code organizations/{org}/apiKeys/{id}}), its key
 * pair, and the secret in the form Coinbase hands it out (an Ed25519 key as base64 of seed and
 * public key, a P-256 key as a SEC1 PEM). Immutable.
 *
 * @param name the key name, the JWT's {@code kid} and {@code sub}
 * @param type Ed25519 or ES256
 * @param keys the key pair; the exchange verifies with the public half
 */
public record ApiKey(String name, KeyType type, KeyPair keys) {
    private static final String FILE = "api-key.properties";

    /** A fresh key of {@code type}. */
    public static ApiKey generate(KeyType type) {
        try {
            KeyPairGenerator generator;
            if (type == KeyType.ED25519) {
                generator = KeyPairGenerator.getInstance("Ed25519");
            } else {
                generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            }
            return new ApiKey("organizations/local-exchange/apiKeys/" + UUID.randomUUID(), type,
                    generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot generate " + type + " keys", e);
        }
    }

    /**
     * The key kept in {@code directory}, or a new one of {@code type} saved there (mode 0600) when
     * there is none, so a restarted exchange keeps accepting the clients it issued keys to.
     */
    public static ApiKey loadOrCreate(Path directory, KeyType type) {
        Path file = directory.resolve(FILE);
        try {
            if (Files.exists(file)) {
                return load(file);
            }
            ApiKey key = generate(type);
            Properties p = new Properties();
            p.setProperty("name", key.name);
            p.setProperty("type", key.type.name());
            p.setProperty("private", Base64.getEncoder().encodeToString(key.keys.getPrivate().getEncoded()));
            p.setProperty("public", Base64.getEncoder().encodeToString(key.keys.getPublic().getEncoded()));
            StringBuilder text = new StringBuilder("# the local exchange's API key (the private half stays here)\n");
            p.stringPropertyNames().stream().sorted().forEach(k -> text.append(k).append('=')
                    .append(p.getProperty(k)).append('\n'));
            writePrivate(file, text.toString());
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the exchange's API key in " + file, e);
        }
    }

    private static ApiKey load(Path file) throws IOException {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        try {
            KeyType type = KeyType.valueOf(p.getProperty("type"));
            KeyFactory factory = KeyFactory.getInstance(type == KeyType.ED25519 ? "Ed25519" : "EC");
            PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(
                    Base64.getDecoder().decode(p.getProperty("private"))));
            PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(
                    Base64.getDecoder().decode(p.getProperty("public"))));
            return new ApiKey(p.getProperty("name"), type, new KeyPair(publicKey, privateKey));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException(file + " does not hold a valid API key (delete it to issue a new one): "
                    + e.getMessage(), e);
        }
    }

    /** The secret as Coinbase hands it out. */
    public String secret() {
        if (type == KeyType.ED25519) {
            byte[] pkcs8 = keys.getPrivate().getEncoded();
            byte[] spki = keys.getPublic().getEncoded();
            byte[] seed = Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length);
            byte[] pub = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
            return Base64.getEncoder().encodeToString(Der.concat(seed, pub));
        }
        ECPrivateKey priv = (ECPrivateKey) keys.getPrivate();
        ECPublicKey pub = (ECPublicKey) keys.getPublic();
        byte[] point = Der.concat(new byte[] {4}, Der.unsigned(pub.getW().getAffineX(), 32),
                Der.unsigned(pub.getW().getAffineY(), 32));
        byte[] sec1 = Der.concat(new byte[] {0x30, 0x77, 0x02, 0x01, 0x01, 0x04, 0x20},
                Der.unsigned(priv.getS(), 32), new byte[] {(byte) 0xa0, 0x0a}, Der.P256_OID,
                new byte[] {(byte) 0xa1, 0x44, 0x03, 0x42, 0x00}, point);
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(sec1);
        return "-----BEGIN EC PRIVATE KEY-----\n" + body + "\n-----END EC PRIVATE KEY-----\n";
    }

    /**
     * The two lines of {@code credentials.env} a shell can source: the key name and the secret (a
     * PEM with its line breaks written as {@code \n}, the form Coinbase's own samples use).
     */
    public String environmentFile() {
        String secret = secret().replace("\n", "\\n");
        return "COINBASE_API_KEY_NAME='" + name + "'\nCOINBASE_API_PRIVATE_KEY='" + secret + "'\n";
    }

    /** Writes {@code text} to {@code file} readable by its owner only, replacing it atomically. */
    public static void writePrivate(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public String toString() {
        return "ApiKey[" + name + ", " + type + "]";
    }
}
