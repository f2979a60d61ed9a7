package io.tradehost.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image on a data directory in a 728 KB tmpfs (a private mount namespace, so nothing is left
 * mounted): the disk fills while it trades, the journal fails, trading halts, and the halt itself
 * cannot be journaled. That run must exit non-zero, and a start on a copy of its data directory
 * with room again must come up HALTED and place nothing until an operator clears the reason.
 */
class DiskFullIT {
    /**
     * 600 for the journal and the paper venue's store, and 128 for the intent log, preallocated at the
     * start (with 600 in all, the venue's store filled first and the journal never failed).
     */
    private static final int TMPFS_KB = 600 + 128;

    @TempDir
    Path work;

    /** {@code unshare} as root makes a mount namespace; otherwise a user namespace lets it mount too. */
    private static List<String> unshare() throws Exception {
        boolean root = "0".equals(new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes(),
                StandardCharsets.US_ASCII).strip());
        List<String> command = root ? List.of("unshare", "-m") : List.of("unshare", "-rm");
        Process probe = new ProcessBuilder(concat(command, List.of("true"))).redirectErrorStream(true).start();
        boolean works = probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
        assumeTrue(works, "this machine lets no test mount a tmpfs (" + String.join(" ", command) + " failed)");
        return command;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    @Test
    void aRunThatFillsTheDiskHaltsExitsNonZeroAndAStartOnACopyWithRoomComesUpHalted() throws Exception {
        List<String> unshare = unshare();
        Path image = ImageProcess.IMAGE.toAbsolutePath();
        Path small = Files.createDirectories(work.resolve("small"));
        // the host runs in the background of the namespace's shell, which outlives it to copy its data out;
        // the shell says the host's pid, then the host's log follows on the same stream
        String script = String.join("\n",
                "set -u",
                "mount -t tmpfs -o size=" + TMPFS_KB + "k tmpfs '" + small + "' || exit 90",
                "'" + image + "/bin/tradehost' run --data-dir '" + small + "/data' --duration 120s"
                        + " --set 'venue.config.tick_interval=\"100ms\"' --set 'admin.listen=\"off\"'"
                        + " > '" + work + "/first.out' &",
                "echo \"pid $!\"",
                "wait $!",
                "echo $? > '" + work + "/first.exit'",
                "cp -a '" + small + "/data' '" + work + "/copy'");
        ProcessBuilder builder = new ProcessBuilder(concat(unshare, List.of("bash", "-c", script)))
                .directory(work.toFile()).redirectErrorStream(true);
        builder.environment().remove("JAVA_HOME");
        Process namespace = builder.start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        StringBuilder log = new StringBuilder();
        Thread reader = Thread.ofPlatform().daemon(true).start(() -> new BufferedReader(new InputStreamReader(
                namespace.getInputStream(), StandardCharsets.UTF_8)).lines().forEach(lines::add));

        long host = Long.parseLong(awaitLine(lines, log, "pid ").substring(4).strip());
        awaitLine(lines, log, "trading state ACTIVE -> HALTED");
        ProcessHandle.of(host).ifPresent(ProcessHandle::destroy); // SIGTERM: an orderly stop
        assertThat(namespace.waitFor(60, TimeUnit.SECONDS)).as("the first run stops").isTrue();
        reader.join(10_000); // to the end of the stream: the host's last lines
        String firstErr = log + String.join("\n", drain(lines));
        assertThat(Files.readString(work.resolve("first.exit")).strip()).as(firstErr).isEqualTo("1");
        assertThat(firstErr).contains("journal.write_failed")
                .containsPattern("tradehost: failed: \\d+ journal write\\(s\\) failed, the first: journal .*")
                .contains("database or disk is full");
        assertThat(Files.readString(work.resolve("first.out"))).contains("trading state: HALTED");

        Process second = ImageProcess.start(work, Map.of(), List.of("run", "--data-dir", work.resolve("copy")
                .toString(), "--duration", "5s", "--set", "venue.config.tick_interval=\"100ms\""));
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = ImageProcess.read(second.getInputStream());
        String secondErr = ImageProcess.read(second.getErrorStream());
        assertThat(second.exitValue()).as(secondErr).isZero();
        // from the journal if its row made it to the disk, else from the failure marker beside it
        assertThat(secondErr).contains("restoring trading-state reason journal.write_failed");
        // nothing placed (every attempt refused as HALTED: ma-crossover attempts only when it held a position
        // as the disk filled); fills the first run's venue made but its journal could not hold are booked at start
        assertThat(out).contains("trading state: HALTED")
                .containsPattern("(?m)orders: attempted (\\d+), submitted 0, filled \\d+, rejected \\1"
                        + "(?: \\{HALTED=\\1})?$");
    }

    /**
     * The first line that starts with or contains {@code text}, waiting 60 s at most for it (the disk
     * fills within seconds); every line read on the way is kept in {@code log}.
     */
    private static String awaitLine(BlockingQueue<String> lines, StringBuilder log, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            String line = lines.poll(left, TimeUnit.NANOSECONDS);
            if (line == null) {
                break;
            }
            log.append(line).append('\n');
            if (line.contains(text)) {
                return line;
            }
        }
        throw new AssertionError("no '" + text + "' within 60 s:\n" + log);
    }

    private static List<String> drain(BlockingQueue<String> lines) {
        List<String> rest = new java.util.ArrayList<>();
        lines.drainTo(rest);
        return rest;
    }
}
