package io.tradehost.api.journal;

/** Hears whether an order intent reached the journal. Called on the kernel thread, exactly once. */
public interface IntentCallback {
    /** The intent is durable: the order may go to the venue. */
    void durable();

    /** The intent could not be written: the order must not go to the venue. */
    void failed(String reason);
}
