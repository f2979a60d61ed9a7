package io.tradehost.exchange.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradehost.exchange.engine.EngineState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The exchange's state in {@code <data-dir>/exchange-state.json}: written whole to a temporary
 * file, forced to disk and renamed over the old one, so a killed exchange finds either the state
 * before a change or the state after it, never half of one. Rewriting the whole file costs time in
 * the number of orders ever placed: fine for a test exchange's sessions. Thread-safe.
 */
public final class StateFile {
    private static final String NAME = "exchange-state.json";
    private final Path file;
    private final Path tmp;
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true);

    public StateFile(Path directory) {
        this.file = directory.resolve(NAME);
        this.tmp = directory.resolve(NAME + ".tmp");
    }

    /** The saved state, or a fresh one when there is none. */
    public EngineState load() {
        if (!Files.exists(file)) {
            return new EngineState();
        }
        try {
            return json.readValue(file.toFile(), EngineState.class);
        } catch (IOException e) {
            throw new UncheckedIOException("the exchange state " + file + " is unreadable (" + e.getMessage()
                    + "); move it away to start a fresh exchange", e);
        }
    }

    /** Saves {@code state} durably. */
    public synchronized void save(EngineState state) {
        try {
            byte[] bytes = json.writeValueAsBytes(state);
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                out.write(ByteBuffer.wrap(bytes));
                out.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the exchange state to " + file, e);
        }
    }

    public Path path() {
        return file;
    }
}
