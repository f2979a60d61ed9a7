package io.tradehost.coordinator.strategy;

import java.util.ArrayDeque;

/**
 * Holds back a callback caused while another runs (an order event from a command being carried out)
 * until the outermost callback finished and its commands were carried out: so a strategy is never
 * called back inside its own call, and one that answers every event with another command loops
 * through this queue, not the stack. Kernel thread only.
 */
final class CallbackQueue {
    /** Callbacks running (nested: a callback's commands may tell another instance at once, so they wait). */
    private int depth;
    private boolean draining;
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();

    /** Runs {@code delivery} (a callback caused by a command) now if no callback is running, else later. */
    void later(Runnable delivery) {
        if (depth > 0 || draining) {
            waiting.add(delivery);
        } else {
            delivery.run();
        }
    }

    /** A callback starts. */
    void entering() {
        depth++;
    }

    /** A callback finished, its commands carried out: if it was the outermost, those held back run now. */
    void leaving() {
        if (--depth > 0 || draining) {
            return;
        }
        draining = true;
        try {
            Runnable next;
            while ((next = waiting.poll()) != null) {
                next.run();
            }
        } finally {
            draining = false;
        }
    }
}
