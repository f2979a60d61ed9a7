package io.tradehost.app.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
/**
 * The SHA-256 an operator pins a plugin-folder entry with. A jar's is the SHA-256 of its bytes
 * ({@code sha256sum plugin.jar} gives the same). A directory's is the SHA-256 of one line per
 * regular file under it, in path order: the path relative to the directory (with {@code /}), a
 * space, the hex SHA-256 of the file, a newline. Stateless.
 */
public final class EntryHash {
    private EntryHash() {
    }

    /**
     * The hash of {@code entry}, lower-case hex.
     *
     * @throws UncheckedIOException if it cannot be read
     */
    public static String of(Path entry) {
        try {
            if (!Files.isDirectory(entry)) {
                return file(entry);
            }
            MessageDigest listing = sha256();
            try (Stream<Path> walk = Files.walk(entry)) {
                List<Path> files = walk.filter(Files::isRegularFile)
                        .sorted((a, b) -> relative(entry, a).compareTo(relative(entry, b))).toList();
                for (Path f : files) {
                    listing.update((relative(entry, f) + " " + file(f) + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            return HexFormat.of().formatHex(listing.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + entry + " to hash it: " + e.getMessage(), e);
        }
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    private static String file(Path file) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this runtime has no SHA-256", e);
        }
    }
}
