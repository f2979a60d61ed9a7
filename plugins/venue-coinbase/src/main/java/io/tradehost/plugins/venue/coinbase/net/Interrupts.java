package io.tradehost.plugins.venue.coinbase.net;

/** Keeps a caught interruption visible to the caller's thread. */
public final class Interrupts {
    private Interrupts() {
    }

    /** Sets the current thread's interrupt flag again. */
    public static void restore() {
        Thread.currentThread().interrupt();
    }
}
