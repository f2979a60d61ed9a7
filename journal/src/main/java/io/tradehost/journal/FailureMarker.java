package io.tradehost.journal;

import io.tradehost.api.host.PrintableText;
import io.tradehost.api.state.ReasonCode;
import io.tradehost.api.state.ReasonSource;
import io.tradehost.api.state.StateReason;
import io.tradehost.api.state.TradingState;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers, beside the journal, that a journal write failed, where the journal itself may not be
 * able to say so: on a full disk the halt that follows a failed write cannot be journaled either.
 * The file is created whole ({@value #SIZE} bytes, synced) before the journal is used and is only
 * ever overwritten in place, which needs no new space on the disk; a start that finds it marked
 * comes up halted until an operator clears the reason. An unreadable marker counts as marked: fail
 * closed. Kernel thread only (the journal's completions run there).
 */
final class FailureMarker {
    private static final Logger LOG = LoggerFactory.getLogger(FailureMarker.class);
    static final int SIZE = 4096;
    private static final String HEADER = "tradehost journal failure marker v1";
    private static final String OK = "ok";
    private static final String FAILED = "failed";

    private final Path file;
    private final Optional<String> previous;
    private boolean marked;

    private FailureMarker(Path file, Optional<String> previous) {
        this.file = file;
        this.previous = previous;
        this.marked = previous.isPresent();
    }

    /**
     * Reads the marker beside {@code journal} ({@code <journal>.state}), creating it cleared if absent.
     *
     * @throws JournalException if it cannot be created (no space for it: the journal would not write either)
     */
    static FailureMarker open(Path journal) {
        Path file = journal.resolveSibling(journal.getFileName() + ".state");
        try {
            if (!Files.exists(file)) {
                create(file);
                return new FailureMarker(file, Optional.empty());
            }
            return new FailureMarker(file, read(file));
        } catch (IOException e) {
            throw new JournalException("cannot prepare the journal's failure marker " + file + ": " + e.getMessage(), e);
        }
    }

    private static void create(Path file) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".new");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            writeFully(channel, page(OK));
            channel.force(true);
        }
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
        syncDirectory(file.getParent());
    }

    private static Optional<String> read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        List<String> lines = new String(bytes, StandardCharsets.UTF_8).strip().lines().map(String::strip).toList();
        if (bytes.length == SIZE && lines.size() >= 2 && lines.get(0).equals(HEADER)) {
            if (lines.get(1).equals(OK)) {
                return Optional.empty();
            }
            if (lines.get(1).startsWith(FAILED + " ")) {
                return Optional.of(lines.get(1).substring(FAILED.length() + 1)
                        + (lines.size() > 2 ? ": " + lines.get(2) : ""));
            }
        }
        return Optional.of("the marker " + file + " is unreadable (" + bytes.length + " bytes); taken as a failure");
    }

    /** What an earlier run's failure said (when, then what failed), if the marker was set at open. */
    Optional<String> previousFailure() {
        return previous;
    }

    /**
     * The halt an earlier run could not journal, to be raised again at this start: present when the
     * marker was set at open.
     *
     * @param journal the journal, as log lines name it
     */
    Optional<StateReason> restoredReason(String journal, long nanos) {
        return previous.map(failure -> {
            LOG.warn("journal {}: an earlier run failed to write it and may not have journaled its halt ({}); the halt"
                    + " is restored from {}", journal, failure, file);
            return new StateReason(ReasonCode.JOURNAL_WRITE_FAILED, ReasonSource.JOURNAL, TradingState.HALTED,
                    "an earlier run could not write the journal " + journal + " (" + failure + "); restored from "
                            + file + ": check the disk and what the journal lacks (tradehost reconcile), then clear"
                            + " journal.write_failed", Map.of("write", "marker"), nanos);
        });
    }

    /** Sets the marker (once; later calls do nothing until {@link #clear}). Never throws. */
    void markFailed(String message, long nanos) {
        if (marked) {
            return;
        }
        marked = true;
        Instant at = Instant.ofEpochSecond(0, nanos);
        overwrite(page(FAILED + " " + at + "\n" + PrintableText.clip(message, SIZE / 4)), "set");
    }

    /** Clears the marker, once the journal holds that the failure was dealt with. Never throws. */
    void clear() {
        if (!marked) {
            return;
        }
        marked = false;
        overwrite(page(OK), "clear");
    }

    private void overwrite(ByteBuffer page, String what) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            writeFully(channel, page);
            channel.force(true);
        } catch (IOException e) {
            LOG.error("cannot {} the journal's failure marker {}: {} (the next start may not know of this run's"
                    + " journal failure; check the disk before trading again)", what, file, e.getMessage());
        }
    }

    private static ByteBuffer page(String state) {
        byte[] page = new byte[SIZE];
        Arrays.fill(page, (byte) ' ');
        byte[] text = (HEADER + "\n" + state + "\n").getBytes(StandardCharsets.UTF_8);
        System.arraycopy(text, 0, page, 0, Math.min(text.length, SIZE - 1));
        page[SIZE - 1] = '\n';
        return ByteBuffer.wrap(page);
    }

    private static void writeFully(FileChannel channel, ByteBuffer page) throws IOException {
        long position = 0;
        while (page.hasRemaining()) {
            position += channel.write(page, position);
        }
    }

    private static void syncDirectory(Path directory) {
        if (directory == null) {
            return;
        }
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            LOG.debug("cannot sync directory {}: {}", directory, e.getMessage());
        }
    }
}
