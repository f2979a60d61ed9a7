package io.tradehost.app.cli;

import io.tradehost.api.host.PrintableText;
import io.tradehost.app.backtest.Backtest;
import io.tradehost.app.backtest.BacktestSpec;
import io.tradehost.app.backtest.Progress;
import io.tradehost.app.backtest.Sweep;
import io.tradehost.app.backtest.SweepJob;
import io.tradehost.app.config.ConfigError;
import io.tradehost.app.config.ConfigLoader;
import io.tradehost.app.plugins.PluginCatalog;
import io.tradehost.journal.JournalException;
import io.tradehost.journal.SweepQueue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tradehost worker}: runs the points of queued sweeps, on as many machines as there are workers.
 * Each point is claimed under a lease that a thread extends while it runs; a worker that dies leaves its
 * point to be taken again by another when the lease runs out.
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = "Run the points of sweeps queued with `backtest --sweep ... --queue URL`, one at a time, until"
                + " stopped (or, with --until-drained, until no point is pending or running).")
public final class WorkerCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerCommand.class);

    @Mixin
    private QueueOptions queue;

    @Mixin
    private PluginDirectoryOption plugins;

    @Option(names = "--lease", paramLabel = "D", defaultValue = "60s", converter = DurationConverter.class,
            description = "How long a claimed point stays this worker's without word from it; extended every third"
                    + " of it while the point runs (default: ${DEFAULT-VALUE})")
    private Duration lease;

    @Option(names = "--poll", paramLabel = "D", defaultValue = "1s", converter = DurationConverter.class,
            description = "How long to wait before asking again when no point is free (default: ${DEFAULT-VALUE})")
    private Duration poll;

    @Option(names = "--until-drained", description = "Exit once no point of any sweep is pending or running")
    private boolean untilDrained;

    @Option(names = "--name", paramLabel = "NAME", description = "This worker's name in the queue (default: host:pid)")
    private String name;

    /** Points handed back in a row before this worker concludes that it, not the points, is at fault. */
    private static final int RELEASES_BEFORE_GIVING_UP = 3;

    /** What a worker prepares once per sweep: the checked backtest, its plugins and its data's scan. */
    private record Prepared(long sweepId, BacktestSpec spec, PluginCatalog catalog, Backtest.Scan scan) {
    }

    private Prepared prepared; // the current sweep's only: a worker holds one sweep's data at a time
    private int releasesInARow;

    /** Picocli instantiates it. */
    public WorkerCommand() {
        // fields are injected by picocli
    }

    @Override
    public Integer call() throws IOException {
        if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new ConfigError("--lease", "at least 1s (a claim, a run's start and an extension must fit in it)");
        }
        if (poll.compareTo(Duration.ofMillis(10)) < 0) {
            throw new ConfigError("--poll", "at least 10ms");
        }
        String worker = name != null ? name : host() + ":" + ProcessHandle.current().pid();
        Path work = Files.createTempDirectory("tradehost-worker");
        int ran = 0;
        try (SweepQueue q = queue.open(System.getenv())) {
            LOG.info("worker {}: taking points from {}", worker, queue.url);
            while (!Thread.currentThread().isInterrupted()) {
                Optional<SweepQueue.Claim> claim;
                boolean drained;
                try {
                    claim = q.claim(worker, lease);
                    drained = claim.isEmpty() && untilDrained && q.drained();
                } catch (JournalException e) {
                    LOG.warn("worker {}: cannot reach the queue ({}); trying again in {} ms", worker, e.getMessage(),
                            poll.toMillis());
                    LockSupport.parkNanos(poll.toNanos());
                    continue;
                }
                if (drained) {
                    LOG.info("worker {}: the queue is drained after {} point(s) here", worker, ran);
                    return 0;
                }
                if (claim.isEmpty()) {
                    LockSupport.parkNanos(poll.toNanos());
                    continue;
                }
                if (run(q, worker, claim.get(), work)) {
                    ran++;
                } else if (releasesInARow >= RELEASES_BEFORE_GIVING_UP) {
                    LOG.error("worker {}: handed {} points back in a row; stopping (see the reasons above)", worker,
                            releasesInARow);
                    return TradehostCommand.EXIT_FAILURE;
                }
            }
            return 0;
        } finally {
            deleteTree(work); // it held the sweeps' configuration files
        }
    }

    /** Runs one point under its lease; false when this worker handed it back. */
    private boolean run(SweepQueue q, String worker, SweepQueue.Claim claim, Path work) {
        LOG.info("worker {}: sweep {} point {} (attempt {}): {}", worker, claim.sweepId(), claim.index(),
                claim.attempt(), PrintableText.escape(PrintableText.clip(String.join(" ", claim.settings()), 500)));
        Prepared ready;
        try {
            ready = prepare(claim, work);
        } catch (RuntimeException | LinkageError | java.util.ServiceConfigurationError e) {
            // plugin loading may throw errors too; a VirtualMachineError (out of memory) ends the worker
            // this worker's own trouble (data, plugins, version): another worker may run the point
            String why = worker + " could not run it: " + message(e);
            LOG.warn("worker {}: handing sweep {} point {} back: {}", worker, claim.sweepId(), claim.index(), why);
            releasesInARow++;
            try {
                q.release(claim, why);
            } catch (JournalException f) {
                LOG.warn("worker {}: cannot hand point {} back ({}); it is taken again after its lease", worker,
                        claim.index(), f.getMessage());
            }
            return false;
        }
        releasesInARow = 0;
        Thread keeper = Thread.ofPlatform().name("tradehost-worker-lease").daemon(true).start(() -> extend(q, worker,
                claim));
        List<String> figures;
        try {
            figures = Sweep.figures(new Backtest(ready.spec().withOverrides(claim.settings()), ready.catalog(), null)
                    .run(ready.scan(), Progress.NONE));
        } catch (RuntimeException | Error e) {
            stop(keeper);
            String why = message(e);
            LOG.error("worker {}: sweep {} point {} failed: {}", worker, claim.sweepId(), claim.index(), why, e);
            try {
                q.fail(claim, why);
            } catch (JournalException f) {
                LOG.warn("worker {}: cannot record the failure of point {} ({}); it is taken again after its lease",
                        worker, claim.index(), f.getMessage());
            }
            if (e instanceof Error error) {
                throw error; // the JVM may not be fit to go on
            }
            return true;
        }
        stop(keeper);
        record(q, worker, claim, figures);
        return true;
    }

    /** Records the figures, trying again while the queue is away, for as long as the lease would last. */
    private void record(SweepQueue q, String worker, SweepQueue.Claim claim, List<String> figures) {
        long deadline = System.nanoTime() + lease.toNanos();
        while (true) {
            try {
                if (q.complete(claim, figures)) {
                    LOG.info("worker {}: sweep {} point {} done: final equity {}", worker, claim.sweepId(),
                            claim.index(), figures.getFirst());
                } else {
                    LOG.warn("worker {}: sweep {} point {} finished after another worker took it; that run's result"
                            + " stands", worker, claim.sweepId(), claim.index());
                }
                return;
            } catch (JournalException e) {
                if (System.nanoTime() > deadline) {
                    LOG.warn("worker {}: cannot record point {} ({}); it is run again after its lease", worker,
                            claim.index(), e.getMessage());
                    return;
                }
                LockSupport.parkNanos(poll.toNanos());
            }
        }
    }

    /** Extends the claim's lease every third of it until interrupted or the point is no longer this worker's. */
    private void extend(SweepQueue q, String worker, SweepQueue.Claim claim) {
        while (!Thread.currentThread().isInterrupted()) {
            LockSupport.parkNanos(lease.dividedBy(3).toNanos());
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            try {
                if (!q.extend(claim, lease)) {
                    LOG.warn("worker {}: sweep {} point {} was taken by another worker", worker, claim.sweepId(),
                            claim.index());
                    return;
                }
                LOG.debug("worker {}: sweep {} point {} lease extended", worker, claim.sweepId(), claim.index());
            } catch (JournalException e) {
                LOG.warn("worker {}: cannot extend the lease of point {} ({})", worker, claim.index(),
                        e.getMessage());
            }
        }
    }

    private static void stop(Thread keeper) {
        keeper.interrupt();
        LockSupport.unpark(keeper);
        try {
            keeper.join(Duration.ofSeconds(15));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Prepared prepare(SweepQueue.Claim claim, Path work) {
        if (prepared != null && prepared.sweepId() == claim.sweepId()) {
            return prepared;
        }
        prepared = null;
        if (claim.spec().isEmpty()) {
            throw new IllegalStateException("the sweep's description is larger than " + SweepQueue.MAX_SPEC_BYTES
                    + " bytes");
        }
        SweepJob job = SweepJob.parse(claim.spec());
        String mine = TradehostCommand.Version.module();
        if (!job.version().equals(mine)) {
            throw new IllegalStateException("the sweep was queued by tradehost " + job.version() + ", this worker is "
                    + mine + ": its figures could differ");
        }
        BacktestSpec here = job.here(work.resolve("sweep-" + claim.sweepId()));
        PluginCatalog catalog = plugins.catalog(ConfigLoader.load(here.config(), here.overrides()).plugins().pins());
        prepared = new Prepared(claim.sweepId(), here, catalog, new Backtest(here, catalog, null).scan());
        return prepared;
    }

    private static String message(Throwable e) {
        return PrintableText.clip(e.getMessage() == null ? e.toString() : e.getMessage(), 1000);
    }

    private static void deleteTree(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.debug("cannot delete {}: {}", p, e.getMessage());
                }
            });
        } catch (IOException e) {
            LOG.debug("cannot delete {}: {}", root, e.getMessage());
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException | UncheckedIOException e) {
            return "worker";
        }
    }
}
