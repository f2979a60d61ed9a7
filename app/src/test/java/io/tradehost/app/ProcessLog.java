package io.tradehost.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** A process's log (its standard error), read on a thread of its own, kept whole and waited on. Thread-safe. */
final class ProcessLog {
    private final BlockingQueue<String> fresh = new LinkedBlockingQueue<>();
    private final List<String> all = Collections.synchronizedList(new ArrayList<>());
    private final long waitSeconds;
    private final Thread reader;

    /** @param waitSeconds the longest {@link #await} waits */
    ProcessLog(Process process, long waitSeconds) {
        this.waitSeconds = waitSeconds;
        this.reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    all.add(line);
                    fresh.add(line);
                }
            } catch (IOException e) {
                fresh.add("log unreadable: " + e);
            }
        });
    }

    /** The next line not awaited before that matches {@code wanted}. */
    String await(String what, Pattern wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(waitSeconds);
        while (System.nanoTime() < deadline) {
            String line = fresh.poll(1, TimeUnit.SECONDS);
            if (line != null && wanted.matcher(line).find()) {
                return line;
            }
        }
        throw new AssertionError("no " + what + " within " + waitSeconds + " s; its warnings:\n" + warnings()
                + "\nlast lines:\n" + tail());
    }

    /** Waits until the process closed its log (it ended) and every line is read. */
    void awaitEnd() throws InterruptedException {
        if (!reader.join(java.time.Duration.ofSeconds(waitSeconds))) {
            throw new AssertionError("the log did not end within " + waitSeconds + " s");
        }
    }

    /** Whether any line so far matches {@code wanted}. */
    boolean any(Pattern wanted) {
        return last(wanted) != null;
    }

    /** The last line so far that matches {@code wanted}, or null. */
    String last(Pattern wanted) {
        synchronized (all) {
            for (int i = all.size() - 1; i >= 0; i--) {
                if (wanted.matcher(all.get(i)).find()) {
                    return all.get(i);
                }
            }
        }
        return null;
    }

    /** The first 40 lines at WARN or ERROR. */
    String warnings() {
        synchronized (all) {
            return String.join("\n", all.stream().filter(l -> l.contains(" WARN ") || l.contains(" ERROR "))
                    .limit(40).toList());
        }
    }

    /** The last 40 lines. */
    String tail() {
        synchronized (all) {
            return String.join("\n", all.subList(Math.max(0, all.size() - 40), all.size()));
        }
    }
}
