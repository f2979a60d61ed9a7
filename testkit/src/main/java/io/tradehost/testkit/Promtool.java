package io.tradehost.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Checks a Prometheus text exposition with the real {@code promtool check metrics} (Debian's
 * {@code prometheus} package; the host's {@code .ci/run} installs it) and reads its samples.
 * Stateless.
 */
public final class Promtool {
    private Promtool() {
    }

    /**
     * Runs {@code promtool check metrics} on {@code exposition}.
     *
     * @throws AssertionError if promtool is missing, or objects to anything (lint included), with its words
     */
    public static void check(String exposition) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("promtool is not installed (apt-get install prometheus)", e);
        }
        p.getOutputStream().write(exposition.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("promtool check metrics did not finish");
        }
        if (p.exitValue() != 0 || !said.isEmpty()) {
            throw new AssertionError("promtool check metrics objected (exit " + p.exitValue() + "):\n" + said);
        }
    }

    /**
     * Runs {@code promtool} with {@code args} in {@code directory} (e.g. {@code check rules alerts.yml},
     * {@code test rules alerts-test.yml}).
     *
     * @return what it printed
     * @throws AssertionError if promtool is missing, does not finish within a minute, or exits non-zero,
     *     with its words
     */
    public static String run(java.nio.file.Path directory, String... args) throws IOException, InterruptedException {
        java.util.List<String> command = new java.util.ArrayList<>();
        command.add("promtool");
        command.addAll(java.util.List.of(args));
        java.nio.file.Path output = java.nio.file.Files.createTempFile("promtool", ".txt");
        Process p;
        try {
            // to a file, not a pipe: a promtool that hangs is then stopped by the wait below
            p = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
        } catch (IOException e) {
            java.nio.file.Files.deleteIfExists(output);
            throw new AssertionError("promtool is not installed (apt-get install prometheus)", e);
        }
        p.getOutputStream().close();
        boolean finished = p.waitFor(60, TimeUnit.SECONDS);
        if (!finished) {
            p.destroyForcibly();
        }
        String said = java.nio.file.Files.readString(output, StandardCharsets.UTF_8);
        java.nio.file.Files.deleteIfExists(output);
        if (!finished) {
            throw new AssertionError("promtool " + String.join(" ", args) + " did not finish:\n" + said);
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("promtool " + String.join(" ", args) + " failed (exit " + p.exitValue() + "):\n"
                    + said);
        }
        return said;
    }

    /** Every sample line of {@code exposition}: its name with labels as written, and its value. */
    public static Map<String, Double> samples(String exposition) {
        Map<String, Double> all = new HashMap<>();
        for (String line : exposition.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int space = line.lastIndexOf(' ');
                all.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
        return all;
    }
}
