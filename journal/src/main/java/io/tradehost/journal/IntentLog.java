package io.tradehost.journal;

import io.tradehost.api.command.RecordIntent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The intents SQLite has not committed yet, in a preallocated, memory-mapped file beside the journal
 * ({@code journal.db-intents}). An intent appended here is in the page cache when {@link #append}
 * returns, so it survives a kill of the process (with {@code force}, an {@code msync} makes it
 * survive a power loss too): the host may send the order at once instead of waiting for SQLite's
 * commit. {@link #reset} empties the log once SQLite holds everything in it; at the next open,
 * whatever is left is read back ({@link #intents}) and written into SQLite before anything reads the
 * journal.
 *
 * <p>Layout: a 16-byte header (magic, format, generation), then frames of length, CRC32C, the
 * generation, and the payload ({@link IntentCodec}). A reset bumps the header's generation and
 * starts again at the first frame; a frame counts only if its generation is the header's and its
 * CRC (over generation and payload) holds, so neither an older frame nor one torn by a crash is read.
 * The length is written last; appends are sequential within a generation, so the first frame that
 * does not count ends the log. Preallocated (every byte written), so a full disk can never fault a
 * write to the mapping. Single-threaded: the kernel thread appends and resets.
 */
final class IntentLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IntentLog.class);
    /** About 500 intents waiting for SQLite; more and the host waits for SQLite's commit, as without the log. */
    static final int DEFAULT_CAPACITY = 128 * 1024;
    static final int HEADER = 16;
    private static final int FRAME_HEADER = 16;
    private static final int MAGIC = 0x5448494c; // "THIL"
    private static final int FORMAT = 1;

    private final Path file;
    private final FileChannel channel;
    private final MappedByteBuffer map;
    /** The view CRCs are computed over, so that no slice is made per frame. */
    private final ByteBuffer crcView;
    private final CRC32C crc = new CRC32C();
    private final boolean force;
    private long generation;
    private int position = HEADER;
    private int frames;

    private IntentLog(Path file, FileChannel channel, MappedByteBuffer map, boolean force) {
        this.file = file;
        this.channel = channel;
        this.map = map;
        this.map.order(ByteOrder.LITTLE_ENDIAN);
        this.crcView = map.duplicate();
        this.force = force;
        if (map.getInt(0) != MAGIC || map.getInt(4) != FORMAT) {
            throw new JournalException("intent log " + file + " is damaged (header " + Integer.toHexString(map.getInt(0))
                    + "/" + map.getInt(4) + "); move it aside to start: the orders it held are then found by"
                    + " reconciliation with the venue");
        }
        this.generation = map.getLong(8);
    }

    /**
     * The intent log of the journal {@code journal}: the one there (a damaged one fails the start),
     * else a new one of {@code capacity} bytes; null, with a warning, when none can be made (then every
     * order waits for SQLite's commit).
     *
     * @param force whether appends and resets are {@code msync}ed (the journal's durability is full)
     */
    static IntentLog forJournal(Path journal, boolean force, int capacity) {
        Path path = beside(journal);
        IntentLog existing = existing(path, force);
        if (existing != null) {
            return existing;
        }
        try {
            return open(path, capacity, force);
        } catch (JournalException e) {
            LOG.warn("no intent log ({}): every order waits for SQLite's commit before it is sent", e.getMessage());
            return null;
        }
    }

    /** The log of the journal {@code journal}: {@code <journal>-intents}, beside it. */
    static Path beside(Path journal) {
        return journal.resolveSibling(journal.getFileName() + "-intents");
    }

    /**
     * Opens the log {@code file}, creating it (preallocated, {@code capacity} bytes) if absent or empty.
     *
     * @param force whether every append and reset is {@code msync}ed (survives power loss)
     * @throws JournalException if the file cannot be made or mapped, or is not an intent log
     */
    static IntentLog open(Path file, int capacity, boolean force) {
        try {
            if (!Files.exists(file) || Files.size(file) == 0) {
                create(file, capacity, force);
            }
            return map(file, force);
        } catch (IOException e) {
            throw new JournalException("cannot open intent log " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The log at {@code file} if there is one (a file that is not empty), else null (nothing is created).
     *
     * @throws JournalException if the file is not an intent log or cannot be mapped
     */
    static IntentLog existing(Path file, boolean force) {
        try {
            if (!Files.exists(file) || Files.size(file) == 0) {
                return null;
            }
            return map(file, force);
        } catch (IOException e) {
            throw new JournalException("cannot open intent log " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the whole file under another name first, so that a crash of the process never leaves half a
     * log; synced before the rename when {@code force} (else a power loss may, and the next start says so).
     */
    private static void create(Path file, int capacity, boolean force) throws IOException {
        if (capacity < HEADER + FRAME_HEADER + 64) {
            throw new IllegalArgumentException("an intent log of " + capacity + " bytes is too small");
        }
        Path temporary = file.resolveSibling(file.getFileName() + ".new");
        ByteBuffer bytes = ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putInt(MAGIC).putInt(FORMAT).putLong(1).rewind();
        try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
            if (force) {
                out.force(true);
            }
        } catch (IOException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
        if (force) { // the new name, too, must survive a power loss
            try (FileChannel directory = FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
                directory.force(true);
            }
        }
    }

    private static IntentLog map(Path file, boolean force) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            long size = channel.size();
            if (size < HEADER + FRAME_HEADER || size > Integer.MAX_VALUE) {
                throw new JournalException("intent log " + file + " is damaged (" + size + " bytes); move it aside to"
                        + " start: the orders it held are then found by reconciliation with the venue");
            }
            return new IntentLog(file, channel, channel.map(FileChannel.MapMode.READ_WRITE, 0, size), force);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * The intents in the log, oldest first, and positions the log after them (so that appends follow
     * them until a {@link #reset}).
     *
     * @throws JournalException if a frame is whole (its CRC holds) but is not an intent this host reads
     */
    List<RecordIntent> intents() {
        List<RecordIntent> out = new ArrayList<>();
        int at = HEADER;
        while (true) {
            int length = validLength(at);
            if (length < 0) {
                break;
            }
            ByteBuffer payload = map.slice(at + FRAME_HEADER, length).order(ByteOrder.LITTLE_ENDIAN);
            try {
                out.add(IntentCodec.decode(payload));
            } catch (RuntimeException e) {
                throw new JournalException("intent log " + file + ": the frame at byte " + at + " cannot be read: "
                        + e.getMessage(), e);
            }
            at += align(FRAME_HEADER + length);
        }
        position = at;
        frames = out.size();
        return out;
    }

    /** The payload length of a whole frame of this generation at {@code at}, or -1. */
    private int validLength(int at) {
        if (at + FRAME_HEADER > map.capacity()) {
            return -1;
        }
        int length = map.getInt(at);
        if (length <= 0 || length > map.capacity() - at - FRAME_HEADER || map.getLong(at + 8) != generation) {
            return -1;
        }
        return map.getInt(at + 4) == checksum(at, length) ? length : -1;
    }

    private int checksum(int at, int length) {
        crc.reset();
        crcView.limit(at + FRAME_HEADER + length).position(at + 8);
        crc.update(crcView);
        return (int) crc.getValue();
    }

    /**
     * Appends {@code intent}; false, with nothing written, when it does not fit in what is left.
     *
     * @throws UncheckedIOException if the mapping cannot be written (the caller should stop using the log)
     */
    boolean append(RecordIntent intent) {
        int at = position;
        if (at + FRAME_HEADER >= map.capacity()) {
            return false;
        }
        map.limit(map.capacity()).position(at + FRAME_HEADER);
        try {
            IntentCodec.encode(intent, map);
        } catch (BufferOverflowException e) {
            return false; // the length at `at` was not written: whatever is there is of an older generation
        }
        int length = map.position() - at - FRAME_HEADER;
        map.putLong(at + 8, generation);
        map.putInt(at + 4, checksum(at, length));
        map.putInt(at, length); // last: until now the frame reads as the log's end
        int next = at + align(FRAME_HEADER + length);
        if (force) {
            map.force(at, FRAME_HEADER + length);
        }
        position = next;
        frames++;
        return true;
    }

    /** Empties the log: what is in it is in SQLite. */
    void reset() {
        generation++;
        map.putLong(8, generation);
        if (force) {
            map.force(0, HEADER);
        }
        position = HEADER;
        frames = 0;
    }

    /** Intents appended (or read back) since the last reset. */
    int size() {
        return frames;
    }

    /** Bytes the log can hold, its header included. */
    int capacity() {
        return map.capacity();
    }

    Path file() {
        return file;
    }

    private static int align(int n) {
        return (n + 7) & ~7;
    }

    /** Releases the file; the mapping goes with the last reference. Idempotent. */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close intent log " + file, e);
        }
    }
}
