package io.tradehost.app.cli;

import io.tradehost.kernel.Kernel;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;

/**
 * Turns SIGINT/SIGTERM into an orderly stop while a run is trading: the JVM's shutdown hook asks the
 * kernel to stop, waits (at most {@code grace}) for the run to report {@link #finished(int)}, then
 * ends the process with the run's status (0 unless the run failed, e.g. its journal could not be
 * written; a signalled JVM would otherwise exit 130 or 143 although the run ended as asked). A run
 * that ends by an exception instead (it is closed without {@link #finished(int)}) ends it with 1.
 * Closing it removes the hook, so no other exit path ever waits for it.
 */
final class SignalStop implements AutoCloseable {
    private final AtomicBoolean requested = new AtomicBoolean();
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile int status;
    private final Kernel kernel;
    private final Duration grace;
    private final IntConsumer halt;
    private final Thread hook;
    private boolean registered;

    SignalStop(Kernel kernel, Duration grace) {
        this(kernel, grace, status -> Runtime.getRuntime().halt(status), true);
    }

    /** The same, ending the process through {@code halt}; the hook is registered only when {@code register}. */
    SignalStop(Kernel kernel, Duration grace, IntConsumer halt, boolean register) {
        this.kernel = kernel;
        this.grace = grace;
        this.halt = halt;
        this.hook = new Thread(this::onSignal, "tradehost-signal");
        if (register) {
            Runtime.getRuntime().addShutdownHook(hook);
        }
        this.registered = register;
    }

    /** The hook's work: ask the run to stop, wait for it, end the process with its status. */
    void onSignal() {
        requested.set(true);
        kernel.wake();
        try {
            if (done.await(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                halt.accept(status);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether a signal asked the run to stop. */
    boolean requested() {
        return requested.get();
    }

    /** The run has stopped and written its summary; a waiting hook may end the process with {@code exit}. */
    void finished(int exit) {
        status = exit;
        done.countDown();
    }

    /** Whether the hook is still registered. */
    boolean isRegistered() {
        return registered;
    }

    @Override
    public void close() {
        if (done.getCount() > 0) {
            status = TradehostCommand.EXIT_FAILURE; // closed without finishing: the run ended by an exception
        }
        done.countDown();
        if (registered && !requested.get()) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already shutting down: the hook runs and finds the run finished
            }
        }
        registered = false;
    }
}
