package io.tradehost.app.config;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The most a configuration may hold. The parser and the host's own tree walks recurse on nesting
 * and the check's work grows with the keys, so a file past a limit is refused whole, with one line
 * naming the file and the line, before either runs: the bytes are counted as they are read, the
 * text is measured by {@link TomlShape}, and the parsed tree is measured once more without
 * recursion. Stateless.
 */
public final class ConfigLimits {
    /** The largest configuration file, in bytes (1 MiB). */
    public static final int MAX_FILE_BYTES = 1 << 20;
    /**
     * How deep tables and arrays may nest: a {@code [a.b.c]} header is 3 deep, each part of a
     * dotted key, each inline table and each array one more.
     */
    public static final int MAX_DEPTH = 32;
    /**
     * The most keys a configuration may hold, counting each part of a dotted key or table header
     * ({@code a.b = 1} is 2) and each array or inline table in a value: a bound on the tree it makes.
     */
    public static final int MAX_KEYS = 10_000;
    /** The longest string (or quoted key) in a configuration, in characters. */
    public static final int MAX_STRING_CHARS = 65_536;

    /** The parser's own limits, the same as ours, in case text reaches it that our scan let through. */
    static final StreamReadConstraints PARSER = StreamReadConstraints.builder()
            .maxNestingDepth(MAX_DEPTH)
            .maxStringLength(MAX_STRING_CHARS)
            .maxDocumentLength(MAX_FILE_BYTES)
            .build();

    private ConfigLimits() {
    }

    /**
     * The text of {@code file}, read no further than one byte past {@link #MAX_FILE_BYTES}: a file
     * too large costs a megabyte, not its size.
     *
     * @throws ConfigError if it is missing, unreadable, too large or not UTF-8
     */
    public static String read(Path file) {
        String origin = file.toString();
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new ConfigError(origin, "file not found");
        } catch (IOException e) {
            throw new ConfigError(origin, "cannot read: " + e.getMessage());
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw new ConfigError(origin, "larger than " + MAX_FILE_BYTES + " bytes (1 MiB), the most a"
                    + " configuration may be");
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder();
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = utf8.decode(in, out, true);
        if (result.isError()) {
            throw new ConfigError(origin, lineAt(bytes, in.position()), "not UTF-8 (byte " + (in.position() + 1)
                    + " of the file)");
        }
        return out.flip().toString();
    }

    private static int lineAt(byte[] bytes, int end) {
        int line = 1;
        for (int i = 0; i < end; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    /**
     * Refuses a tree nested deeper than {@link #MAX_DEPTH}, walking it without recursion: what
     * {@code --set} builds is measured here, and a parsed file once more.
     *
     * @throws ConfigError naming {@code origin}
     */
    static void checkDepth(JsonNode tree, String origin) {
        Deque<JsonNode> nodes = new ArrayDeque<>();
        Deque<Integer> depths = new ArrayDeque<>();
        nodes.push(tree);
        depths.push(0);
        while (!nodes.isEmpty()) {
            JsonNode node = nodes.pop();
            int depth = depths.pop();
            for (JsonNode child : node) {
                if (child.isContainerNode()) {
                    if (depth + 1 > MAX_DEPTH) {
                        throw new ConfigError(origin, tooDeep());
                    }
                    nodes.push(child);
                    depths.push(depth + 1);
                }
            }
        }
    }

    /** The problem of a configuration nested too deep. */
    static String tooDeep() {
        return "tables or arrays nested more than " + MAX_DEPTH + " deep";
    }
}
