package io.tradehost.journal;

/** Hears, on the writer's completion executor, that the journal's server went away and came back. */
interface OutageListener {
    /** The connection is gone: intents now fail at once, other writes are held. */
    void unavailable(String message);

    /** A new connection took the {@code applied} writes held meanwhile, in order. */
    void available(int applied);
}
