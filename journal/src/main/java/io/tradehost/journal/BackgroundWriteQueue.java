package io.tradehost.journal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One writer thread behind a bounded queue. The kernel thread only ever offers to the queue (it
 * never waits on the disk); the writer takes what has accumulated and commits it as one
 * transaction (group commit), then reports each write's outcome through the completion executor.
 * If a batch fails, its writes are retried one by one so that only the failing write fails.
 */
final class BackgroundWriteQueue implements WriteQueue {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundWriteQueue.class);
    private static final int MAX_BATCH = 512;
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private record Task(String what, JournalWrite write, Consumer<SQLException> completion) {
    }

    private final Connection connection;
    private final BlockingQueue<Task> queue;
    private final Executor completions;
    private final Thread writer;
    private volatile boolean closing;

    /**
     * @param capacity writes that may wait before {@link #submit} refuses
     * @param completions where outcomes are reported (the kernel thread in a live host)
     */
    BackgroundWriteQueue(Connection connection, int capacity, Executor completions) {
        this.connection = connection;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.completions = completions;
        this.writer = Thread.ofPlatform().name("tradehost-journal").daemon(true).unstarted(this::drain);
        writer.start();
    }

    @Override
    public boolean submit(String what, JournalWrite write, Consumer<SQLException> completion) {
        if (closing) {
            completions.execute(() -> completion.accept(new SQLException("journal closed")));
            return true;
        }
        return queue.offer(new Task(what, write, completion));
    }

    @Override
    public int backlog() {
        return queue.size();
    }

    private void drain() {
        List<Task> batch = new ArrayList<>(MAX_BATCH);
        while (!closing || !queue.isEmpty()) {
            try {
                Task first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("journal writer failed on a batch of {} write(s)", batch.size(), e);
                batch.forEach(t -> report(t, new SQLException("journal writer failed: " + e, e)));
            } finally {
                batch.clear();
            }
        }
    }

    private void commit(List<Task> batch) {
        SQLException failure = Transactions.runAll(connection, batch.stream().map(Task::write).toList());
        if (failure == null) {
            batch.forEach(t -> report(t, null));
            return;
        }
        for (Task task : batch) {
            SQLException own = Transactions.run(connection, task.write());
            if (own != null) {
                LOG.error("journal write failed ({}): {}", task.what(), own.getMessage());
            }
            report(task, own);
        }
    }

    private void report(Task task, SQLException outcome) {
        completions.execute(() -> task.completion().accept(outcome));
    }

    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        try {
            writer.join(CLOSE_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            LOG.error("journal writer did not finish within {}; {} write(s) may be lost", CLOSE_WAIT, queue.size());
        } else {
            Transactions.close(connection);
        }
    }
}
