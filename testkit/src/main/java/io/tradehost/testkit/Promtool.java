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
