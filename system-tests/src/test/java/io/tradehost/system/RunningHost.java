package io.tradehost.system;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
/**
 * The jlink image, started as an operator would in a work directory: {@code tradehost run} on a
 * free loopback port, its log read line by line so that the test learns the admin API's address
 * from the line that announces it. Stopped with SIGTERM; never outlives the test.
 */
final class RunningHost implements AutoCloseable {
    static final Path IMAGE = Path.of(System.getProperty("tradehost.image", "../app/target/image"));
    private static final Pattern ANNOUNCED = Pattern.compile("admin API on (http://127\\.0\\.0\\.1:\\d+) ");

    final Path work;
    final Process process;
    final URI uri;
    private final BlockingQueue<String> errLines = new LinkedBlockingQueue<>();
    private final List<String> log = new ArrayList<>();
    private final CompletableFuture<String> out;

    RunningHost(Path work, Map<String, String> env, String... extraArgs) throws Exception {
        this.work = work;
        List<String> command = new ArrayList<>(List.of(IMAGE.resolve("bin/tradehost").toAbsolutePath().toString(),
                "run", "--data-dir", "data", "--set", "admin.listen=\"127.0.0.1:0\""));
        command.addAll(List.of(extraArgs));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        builder.environment().remove("JAVA_HOME");
        builder.environment().remove("TRADEHOST_ADMIN_TOKEN");
        builder.environment().putAll(env);
        process = builder.start();
        // a thread of its own: on the common pool (one thread on two cores) a second host's reader would wait
        // for the first host to exit before it even started reading
        out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()),
                task -> Thread.ofPlatform().daemon(true).name("host-stdout").start(task));
        Thread.ofPlatform().daemon(true).start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    errLines.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        uri = URI.create(awaitLine(ANNOUNCED, 60).group(1));
    }

    /** The first log line matching {@code pattern} within {@code seconds}, else fails with the log so far. */
    Matcher awaitLine(Pattern pattern, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        for (String seen : log) {
            Matcher m = pattern.matcher(seen);
            if (m.find()) {
                return m;
            }
        }
        while (System.nanoTime() < deadline) {
            String line = errLines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                log.add(line);
                Matcher m = pattern.matcher(line);
                if (m.find()) {
                    return m;
                }
            } else if (!process.isAlive()) {
                break;
            }
        }
        throw new AssertionError("no log line matching " + pattern + " within " + seconds + " s; the log:\n"
                + String.join("\n", log));
    }

    /** Everything logged so far. */
    List<String> log() {
        errLines.drainTo(log);
        return List.copyOf(log);
    }

    /** SIGTERM, then the exit status and what the run printed (its summary). */
    Finished stop() throws Exception {
        // not Process.destroy(): it would also close our ends of the pipes, losing the summary
        Process kill = new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).start();
        if (!kill.waitFor(30, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new AssertionError("kill -TERM " + process.pid() + " failed");
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the host did not stop within 60 s of SIGTERM");
        }
        return new Finished(process.exitValue(), out.get(10, TimeUnit.SECONDS));
    }

    record Finished(int exit, String stdout) {
    }

    /** Runs {@code tradehost ARGS...} (a client command) in the work directory; exit status and output. */
    Finished cli(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(IMAGE.resolve("bin/tradehost").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
        builder.environment().remove("JAVA_HOME");
        builder.environment().remove("TRADEHOST_ADMIN_TOKEN");
        builder.environment().putAll(env);
        Process p = builder.start();
        String output = read(p.getInputStream());
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("tradehost " + String.join(" ", args) + " did not finish");
        }
        return new Finished(p.exitValue(), output);
    }

    private static String read(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
