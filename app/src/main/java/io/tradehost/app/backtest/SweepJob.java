package io.tradehost.app.backtest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehost.api.value.Symbol;
import io.tradehost.backtest.tape.TapeFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A sweep as it travels through a queue to workers on other machines: the backtest every point runs
 * (the data files by absolute path with their SHA-256, so that a worker that sees other bytes at that
 * path refuses rather than answers for other data; the configuration file's text, so that no worker
 * needs the file), the axes' keys for the table, and the submitter's tradehost version (a worker of
 * another version hands the point back: its figures could differ). Immutable.
 *
 * @param spec the backtest, its configuration file (if any) at a path of the submitting machine
 * @param digests each data file's SHA-256, in hex, in the order of {@code spec.data()}
 * @param configText the configuration file's text, or null for the embedded defaults
 * @param axes the sweep's keys, slowest first
 * @param version the submitting tradehost's version
 */
public record SweepJob(BacktestSpec spec, List<String> digests, String configText, List<String> axes,
                       String version) {
    /** The largest description read back: a configuration file and a list of paths, not data. */
    public static final int MAX_CHARS = 4 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    public SweepJob {
        digests = List.copyOf(digests);
        axes = List.copyOf(axes);
    }

    /**
     * Describes {@code spec} swept over {@code axes}, reading every data file once for its digest.
     *
     * @throws UncheckedIOException naming a file that cannot be read
     */
    public static SweepJob of(BacktestSpec spec, List<Sweep.Axis> axes, String version) {
        List<String> digests = new ArrayList<>();
        List<Path> absolute = new ArrayList<>();
        for (Path file : spec.data()) {
            absolute.add(file.toAbsolutePath().normalize());
            digests.add(digest(file));
        }
        String configText = null;
        if (spec.config() != null) {
            try {
                configText = Files.readString(spec.config(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + spec.config(), e);
            }
        }
        BacktestSpec travelling = new BacktestSpec(absolute, spec.format(), spec.symbols(), spec.fromNanos(),
                spec.toNanos(), spec.skipBadRows(), spec.config(), spec.overrides(), spec.seed());
        return new SweepJob(travelling, digests, configText, axes.stream().map(Sweep.Axis::key).toList(), version);
    }

    /** The file's SHA-256 in hex. */
    static String digest(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** The description as JSON. */
    public String toJson() {
        ObjectNode n = JSON.createObjectNode();
        n.put("version", 1);
        n.put("tradehost", version);
        ArrayNode data = n.putArray("data");
        for (int i = 0; i < spec.data().size(); i++) {
            data.addObject().put("path", spec.data().get(i).toString()).put("sha256", digests.get(i));
        }
        n.put("format", spec.format() == null ? null : spec.format().toString());
        ArrayNode symbols = n.putArray("symbols");
        spec.symbols().forEach(s -> symbols.add(s.value()));
        n.put("fromNanos", spec.fromNanos());
        n.put("toNanos", spec.toNanos());
        n.put("skipBadRows", spec.skipBadRows());
        n.put("config", configText);
        ArrayNode overrides = n.putArray("overrides");
        spec.overrides().forEach(overrides::add);
        n.put("seed", spec.seed());
        ArrayNode keys = n.putArray("axes");
        axes.forEach(keys::add);
        return n.toString();
    }

    /**
     * Reads a description back.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static SweepJob parse(String json) {
        if (json.length() > MAX_CHARS) {
            throw new IllegalArgumentException("a sweep description of " + json.length() + " characters (at most "
                    + MAX_CHARS + ")");
        }
        JsonNode n;
        try {
            ObjectMapper bounded = JSON.copy();
            bounded.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8).build());
            n = bounded.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a sweep description that is not JSON: " + e.getOriginalMessage());
        }
        if (n == null || n.path("version").asInt() != 1) {
            throw new IllegalArgumentException("a sweep description of another version (this worker reads 1)");
        }
        List<Path> data = new ArrayList<>();
        List<String> digests = new ArrayList<>();
        n.path("data").forEach(d -> {
            data.add(Path.of(text(d, "path")));
            digests.add(text(d, "sha256"));
        });
        List<Symbol> symbols = new ArrayList<>();
        n.path("symbols").forEach(s -> symbols.add(Symbol.of(s.asText())));
        List<String> overrides = new ArrayList<>();
        n.path("overrides").forEach(o -> overrides.add(o.asText()));
        List<String> axes = new ArrayList<>();
        n.path("axes").forEach(a -> axes.add(a.asText()));
        String format = n.path("format").isTextual() ? n.path("format").asText() : null;
        String config = n.path("config").isTextual() ? n.path("config").asText() : null;
        BacktestSpec spec = new BacktestSpec(data, format == null ? null : TapeFormat.of(format), symbols,
                n.path("fromNanos").asLong(), n.path("toNanos").asLong(), n.path("skipBadRows").asBoolean(), null,
                overrides, n.path("seed").asLong());
        return new SweepJob(spec, digests, config, axes, n.path("tradehost").asText(""));
    }

    private static String text(JsonNode n, String field) {
        if (!n.path(field).isTextual()) {
            throw new IllegalArgumentException("a sweep description whose data entry lacks '" + field + "'");
        }
        return n.path(field).asText();
    }

    /**
     * The backtest on this machine: the data files checked against their digests, the configuration
     * written to {@code work} (a directory of the worker's own).
     *
     * @throws IllegalStateException naming a data file that is missing or holds other bytes here
     */
    public BacktestSpec here(Path work) {
        for (int i = 0; i < spec.data().size(); i++) {
            Path file = spec.data().get(i);
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException("data file " + file + " is not on this machine (a sweep's workers"
                        + " read its data at the same path: shared storage, or a copy)");
            }
            if (!digest(file).equals(digests.get(i))) {
                throw new IllegalStateException("data file " + file + " holds other bytes on this machine (its SHA-256"
                        + " differs from the sweep's)");
            }
        }
        Path config = null;
        if (configText != null) {
            try {
                Files.createDirectories(work);
                config = work.resolve("sweep.toml");
                Files.writeString(config, configText, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + work.resolve("sweep.toml"), e);
            }
        }
        return new BacktestSpec(spec.data(), spec.format(), spec.symbols(), spec.fromNanos(), spec.toNanos(),
                spec.skipBadRows(), config, spec.overrides(), spec.seed());
    }
}
