package io.tradehost.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradehost.app.plugins.PluginJars;
import io.tradehost.app.plugins.PluginSources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile strategies, written against the api alone and dropped into {@code plugins/} of the
 * image, trade next to a built-in one: nothing they do may end the run, stop the built-in symbol
 * trading, or be blamed on a built-in guard. And an out-of-memory run ends at once with one line,
 * after which the next start and {@code tradehost reconcile} find the books whole.
 */
class HostilePluginsIT {
    /** Throws an Error on every decision. */
    private static final String THROWS_ERROR = """
            throw new AssertionError("invariant broken for " + ctx.product().symbol());
            """;

    /** Recurses until the stack overflows. */
    private static final String OVERFLOWS = """
            java.util.function.IntUnaryOperator[] deeper = new java.util.function.IntUnaryOperator[1];
            deeper[0] = n -> deeper[0].applyAsInt(n + 1) + 1;
            return Decision.hold("depth " + deeper[0].applyAsInt(0));
            """;

    /** Blocks for 20 s in every decision (returning early only when interrupted). */
    private static final String BLOCKS_20_S = """
            long end = System.nanoTime() + 20_000_000_000L;
            while (System.nanoTime() < end && !Thread.currentThread().isInterrupted()) {
                java.util.concurrent.locks.LockSupport.parkNanos(end - System.nanoTime());
            }
            return Decision.hold("woke up");
            """;

    /** Asks for 99999999 units, about 6 x 10^12 of notional at the paper BTC price. */
    private static final String ABSURD_SIZE = """
            return Decision.buy(Quantity.of("99999999"), "all in");
            """;

    /** Trades like the built-ins for a while, then allocates until the heap is gone. */
    private static final String EXHAUSTS_MEMORY = """
            if (calls > 150) {
                java.util.List<long[]> hoard = new java.util.ArrayList<>();
                while (true) {
                    hoard.add(new long[1 << 20]);
                }
            }
            if (ctx.position().isFlat()) { return Decision.buy(Money.of("500"), "in"); }
            return calls % 3 == 0 ? Decision.close("out") : Decision.hold("wait");
            """;

    @TempDir
    Path work;

    private void drop(String module, String name, String decide) throws IOException {
        PluginJars jars = new PluginJars(work.resolve("build-" + name));
        PluginJars.jar(jars.compile(PluginSources.strategy(module, name, decide), List.of(), "1.0"),
                work.resolve("plugins").resolve(name + ".jar"));
    }

    /** Runs the image to the end, collecting both streams while it runs. */
    private record Finished(int exit, String out, String err, long millis) {
    }

    private Finished run(Map<String, String> env, String... args) throws Exception {
        long started = System.nanoTime();
        Process p = ImageProcess.start(work, env, List.of(args));
        // each on a thread of its own: on the common pool (one thread on two cores) stderr would not be read
        // until stdout closed, and a chatty run would block on a full pipe
        java.util.concurrent.Executor own = task -> Thread.ofPlatform().daemon(true).start(task);
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p, true), own);
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p, false), own);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the run ended by itself").isTrue();
        return new Finished(p.exitValue(), out.get(), err.get(), (System.nanoTime() - started) / 1_000_000);
    }

    private static String read(Process p, boolean out) {
        try {
            return ImageProcess.read(out ? p.getInputStream() : p.getErrorStream());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void hostileStrategiesAreQuarantinedOnTheirSymbolsWhileTheBuiltInOneTradesAndTheRunEndsOnTime()
            throws Exception {
        drop("com.example.thrower", "thrower", THROWS_ERROR);
        drop("com.example.overflow", "overflow", OVERFLOWS);
        drop("com.example.blocker", "blocker", BLOCKS_20_S);
        drop("com.example.absurd", "absurd", ABSURD_SIZE);
        Finished run = run(Map.of(), "run", "--duration", "15s", "--summary-json", "s.json", "--seed", "5",
                "--set", "venue.config.tick_interval=20ms",
                "--set", "host.symbols=[\"BTC-PERP\",\"ETH-PERP\",\"DOGE-PERP\",\"ETH-USD\",\"SOL-USD\"]",
                "--set", "strategy.name=ma-crossover",
                "--set", "strategy.symbols.BTC-PERP=absurd", "--set", "strategy.symbols.ETH-PERP=blocker",
                "--set", "strategy.symbols.DOGE-PERP=thrower", "--set", "strategy.symbols.ETH-USD=overflow");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.millis()).as("a 15 s run with a 20 s blocker ends within 25 s").isLessThan(25_000);
        assertThat(run.out()).contains("summary");
        assertThat(run.err()).doesNotContain("Exception in thread");
        for (String symbol : List.of("BTC-PERP", "ETH-PERP", "DOGE-PERP", "ETH-USD")) {
            assertThat(run.err().lines().filter(l -> (l.contains("WARN") || l.contains("ERROR"))
                    && l.contains("quarantined on " + symbol))).as(symbol + " named and quarantined").isNotEmpty();
        }
        assertThat(run.err()).contains("asked to BUY a notional of").contains("more than 100 x equity")
                .contains("StackOverflowError").contains("AssertionError: invariant broken for DOGE-PERP")
                .contains("did not decide within its budget");

        JsonNode summary = new ObjectMapper().readTree(Files.readString(work.resolve("s.json")));
        assertThat(summary.get("rejectionsByCode").has("GUARD_FAILURE")).as("no guard was blamed").isFalse();
        assertThat(summary.get("tradingState").asText()).isEqualTo("ACTIVE");
        List<String> traded = new ArrayList<>();
        summary.get("symbols").forEach(s -> {
            if (!s.get("fees").asText().equals("0")) {
                traded.add(s.get("symbol").asText());
            }
        });
        assertThat(traded).as("the built-in symbol filled orders, the hostile ones none").containsExactly("SOL-USD");
        Files.writeString(Path.of("target", "hostile-report.txt"), "hostile strategies: 15 s run ended after "
                + run.millis() + " ms, exit " + run.exit() + "; orders filled " + summary.get("orders").get("filled")
                + " (all SOL-USD, built-in), rejections " + summary.get("rejectionsByCode") + "\n");
    }

    @Test
    void runningOutOfMemoryEndsTheProcessAtOnceAndTheNextStartFindsTheBooksWhole() throws Exception {
        drop("com.example.hoarder", "hoarder", EXHAUSTS_MEMORY);
        Finished oom = run(Map.of("TRADEHOST_JAVA_OPTS", "-Xmx160m"), "run", "--seed", "7",
                "--set", "venue.config.tick_interval=20ms", "--set", "strategy.name=hoarder");
        assertThat(oom.exit()).as(oom.err()).isEqualTo(3);
        // the JVM's one line goes to stderr with the logs (stdout carries only results), and no summary
        // follows: the process ended at once
        assertThat(oom.err()).contains("Terminating due to java.lang.OutOfMemoryError: Java heap space");
        assertThat(oom.out()).as("no summary: the process ended at once").doesNotContain("summary");

        Finished again = run(Map.of(), "run", "--duration", "2s", "--seed", "7",
                "--set", "venue.config.tick_interval=20ms");
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.err()).contains("reconciled with the venue");
        Finished reconcile = run(Map.of(), "reconcile", "--seed", "7");
        assertThat(reconcile.exit()).as(reconcile.out() + reconcile.err()).isZero();
        assertThat(reconcile.out()).contains("journal and venue agree");
    }
}
