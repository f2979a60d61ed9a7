package io.tradehost.alerts;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
/**
 * Delivers alerts off the kernel thread: one daemon worker and one bounded queue per sink, so a
 * receiver that hangs delays only its own messages. Per sink: alerts below its minimum severity
 * are skipped, a repeat of the same key and text within the repeat window is suppressed, at most
 * {@code max_per_minute} messages go out per minute, and a failed attempt (an I/O error, a
 * timeout, HTTP 5xx or 429) is retried with capped exponential backoff (429's {@code Retry-After}
 * honoured up to the cap); other 4xx answers are not retried. Every outcome is counted; nothing
 * here ever reaches the trading path. {@link #raise} is thread-safe and never blocks.
 */
public final class AlertDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertDispatcher.class);
    private static final long MINUTE_NANOS = 60_000_000_000L;

    private final AlertSettings settings;
    private final String host;
    /** Made at the first delivery: building one loads the JDK's trust store (about 100 ms of start-up). */
    private HttpClient client;
    private final LongSupplier realNanos;
    private final List<Worker> workers = new ArrayList<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong rateLimited = new AtomicLong();
    private final AtomicLong suppressed = new AtomicLong();
    private volatile boolean closing;

    /**
     * Starts one worker per sink.
     *
     * @param host how messages name this host (its run id)
     * @param realNanos the clock of the rate limit and the repeat window ({@code System::nanoTime})
     */
    public AlertDispatcher(AlertSettings settings, String host, LongSupplier realNanos) {
        this.settings = settings;
        this.host = host;
        this.realNanos = realNanos;
        for (AlertSink sink : settings.sinks()) {
            Worker w = new Worker(sink);
            workers.add(w);
            w.thread.start();
        }
    }

    private synchronized HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(settings.timeout())
                    .followRedirects(HttpClient.Redirect.NEVER).build();
        }
        return client;
    }

    /**
     * Queues {@code alert} for every sink whose minimum severity it meets. Never blocks. The repeat
     * window and the rate limit count from now, the moment it was raised, not when it is delivered.
     */
    public void raise(Alert alert) {
        if (closing) {
            return;
        }
        Raised raised = new Raised(alert, realNanos.getAsLong());
        for (Worker w : workers) {
            if (alert.severity().compareTo(w.sink.minSeverity()) >= 0 && !w.queue.offer(raised)) {
                dropped.incrementAndGet();
                LOG.warn("alert queue of {} is full ({}); dropped: {}", w.sink.name(), settings.queue(), alert.title());
            }
        }
    }

    /** Delivery counts so far. Thread-safe. */
    public AlertCounts counts() {
        return new AlertCounts(sent.get(), failed.get(), retries.get(), dropped.get(), rateLimited.get(),
                suppressed.get());
    }

    /** Whether any sink is configured. */
    public boolean hasSinks() {
        return !workers.isEmpty();
    }

    /**
     * Delivers what is queued within {@code wait}, then stops the workers (a message still being
     * retried then is abandoned and counted as failed). Idempotent.
     */
    public void close(Duration wait) {
        closing = true;
        long deadline = System.nanoTime() + wait.toNanos();
        for (Worker w : workers) {
            w.stopWhenIdle = true;
            try {
                w.thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (w.thread.isAlive()) {
                w.thread.interrupt();
                LOG.warn("alert sink {} did not finish within {}; {} alert(s) not delivered", w.sink.name(), wait,
                        w.queue.size());
            }
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }

    private record Raised(Alert alert, long nanos) {
    }

    private final class Worker {
        final AlertSink sink;
        final BlockingQueue<Raised> queue = new ArrayBlockingQueue<>(settings.queue());
        final Thread thread;
        final ArrayDeque<Long> sentTimes = new ArrayDeque<>();
        final Map<String, Long> lastSent = new HashMap<>();
        volatile boolean stopWhenIdle;

        Worker(AlertSink sink) {
            this.sink = sink;
            this.thread = Thread.ofPlatform().daemon(true).name("tradehost-alerts-" + sink.name()).unstarted(this::run);
        }

        void run() {
            try {
                while (!(stopWhenIdle && queue.isEmpty())) {
                    Raised raised = queue.poll(50, TimeUnit.MILLISECONDS);
                    if (raised != null) {
                        try {
                            handle(raised.alert(), raised.nanos());
                        } catch (InterruptedException e) {
                            throw e; // close(): the worker ends
                        } catch (Throwable e) {
                            // one alert that cannot be built or sent must not end the sink's worker; a failure
                            // of the JVM itself still ends it
                            io.tradehost.api.host.Throwables.rethrowIfFatal(e);
                            failed.incrementAndGet();
                            LOG.warn("alert sink {} could not send an alert ({}): {}", sink.name(),
                                    scrub(e.toString()), raised.alert().title());
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void handle(Alert alert, long now) throws InterruptedException {
            String identity = alert.key() + "\u0000" + alert.text();
            Long previous = lastSent.get(identity);
            if (previous != null && now - previous < settings.repeatAfter().toNanos()) {
                suppressed.incrementAndGet();
                return;
            }
            while (!sentTimes.isEmpty() && now - sentTimes.peekFirst() >= MINUTE_NANOS) {
                sentTimes.removeFirst();
            }
            if (sentTimes.size() >= settings.maxPerMinute()) {
                rateLimited.incrementAndGet();
                LOG.debug("alert sink {} at its limit of {} per minute; not sent: {}", sink.name(),
                        settings.maxPerMinute(), alert.title());
                return;
            }
            sentTimes.addLast(now);
            if (lastSent.size() > 10_000) {
                lastSent.clear();
            }
            lastSent.put(identity, now);
            deliver(alert);
        }

        void deliver(Alert alert) throws InterruptedException {
            HttpRequest request = sink.request(alert, host, settings.timeout());
            Duration backoff = settings.initialBackoff();
            for (int attempt = 1; ; attempt++) {
                String problem;
                Duration wait = backoff;
                try {
                    HttpResponse<Void> response = client().send(request, HttpResponse.BodyHandlers.discarding());
                    int status = response.statusCode();
                    if (status / 100 == 2) {
                        sent.incrementAndGet();
                        return;
                    }
                    problem = "HTTP " + status;
                    if (status == 429) {
                        wait = retryAfter(response).orElse(backoff);
                    } else if (status < 500) {
                        failed.incrementAndGet();
                        LOG.warn("alert sink {} refused an alert ({}); not retried: {}", sink.name(), problem,
                                alert.title());
                        return;
                    }
                } catch (IOException | RuntimeException e) {
                    // a RuntimeException too: the client is made at the first delivery, and making it can fail
                    // (no file descriptor left for its selector) exactly when alerts matter; retried as I/O is
                    problem = scrub(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": "
                            + e.getMessage()));
                }
                if (attempt >= settings.maxAttempts()) {
                    failed.incrementAndGet();
                    LOG.warn("alert sink {} failed after {} attempt(s) ({}): {}", sink.name(), attempt, problem,
                            alert.title());
                    return;
                }
                retries.incrementAndGet();
                try {
                    Thread.sleep(Math.min(wait.toMillis(), settings.maxBackoff().toMillis()));
                } catch (InterruptedException e) {
                    failed.incrementAndGet(); // abandoned by close(): counted, not delivered
                    throw e;
                }
                backoff = backoff.multipliedBy(2).compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff()
                        : backoff.multipliedBy(2);
            }
        }

        private Optional<Duration> retryAfter(HttpResponse<?> response) {
            return response.headers().firstValue("Retry-After").flatMap(v -> {
                try {
                    return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v.strip()))));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            });
        }

        private String scrub(String text) {
            String out = text;
            for (String secret : sink.secrets()) {
                out = out.replace(secret, "***");
            }
            return out;
        }
    }
}
