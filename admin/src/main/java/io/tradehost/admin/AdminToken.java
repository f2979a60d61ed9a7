package io.tradehost.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;

/**
 * The admin API's bearer token. Taken from {@code TRADEHOST_ADMIN_TOKEN}, else from the configured
 * token file, else from {@code <data dir>/admin.token}, which is generated (256 random bits, mode
 * 0600) at first start. {@link #toString()} never shows the value. Immutable, thread-safe.
 */
public final class AdminToken {
    /** The environment variable that, when set, holds the token. */
    public static final String ENVIRONMENT = "TRADEHOST_ADMIN_TOKEN";
    /** The file name of the generated token inside the data directory. */
    public static final String FILE_NAME = "admin.token";
    /**
     * The shortest token a host accepts. A right token is always accepted (no rate limit may lock
     * the operator out), so what keeps a guesser out is the token's length and randomness alone.
     */
    static final int MIN_LENGTH = 32;

    private final byte[] digest;
    private final String value;
    private final String source;

    private AdminToken(String value, String source) {
        this.value = value;
        this.digest = sha256(value);
        this.source = source;
    }

    /**
     * The token for a host.
     *
     * @param environment where {@link #ENVIRONMENT} is looked up
     * @param tokenFile the configured file, or null
     * @param dataDirectory where a token is generated when neither of the others gives one
     * @throws IllegalArgumentException if a given token is shorter than 32 characters or the file is empty
     * @throws UncheckedIOException if the file cannot be read or the generated one cannot be written
     */
    public static AdminToken resolve(Map<String, String> environment, Path tokenFile, Path dataDirectory) {
        String fromEnvironment = environment.get(ENVIRONMENT);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return checked(fromEnvironment.strip(), "the environment (" + ENVIRONMENT + ")");
        }
        if (tokenFile != null) {
            return checked(read(tokenFile), tokenFile.toString());
        }
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Path generated = dataDirectory.resolve(FILE_NAME);
        if (Files.exists(generated)) {
            return checked(read(generated), generated.toString());
        }
        return generate(generated);
    }

    /** A token with a known value: for tests and the CLI client. */
    public static AdminToken of(String value) {
        return checked(value, "given");
    }

    private static AdminToken checked(String value, String source) {
        if (value.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("the admin token from " + source + " is too short (" + value.length()
                    + " characters; at least " + MIN_LENGTH + ", random: e.g. openssl rand -base64 32)");
        }
        return new AdminToken(value, source);
    }

    /** Reads a token file: its first line, trimmed. */
    public static String read(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            int newline = text.indexOf('\n');
            return newline < 0 ? text : text.substring(0, newline).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the admin token file " + file + ": " + e.getMessage(), e);
        }
    }

    private static AdminToken generate(Path file) {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        try {
            Files.createDirectories(file.getParent());
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, value + "\n", StandardCharsets.UTF_8);
        } catch (FileAlreadyExistsException e) {
            return checked(read(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the admin token file " + file + ": " + e.getMessage(), e);
        }
        return new AdminToken(value, file + " (generated)");
    }

    /** Whether {@code presented} is the token, in time that does not depend on where they differ. */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(digest, sha256(presented));
    }

    /** The value, for the one place that must send it (the CLI client's header). */
    public String reveal() {
        return value;
    }

    /** Where the token came from: a path or the environment variable's name, never the value. */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return "AdminToken[from " + source + "]";
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
