package io.tradehost.journal;

/** Hears that the journal's server went away and came back, and what an outage lost. */
interface OutageListener {
    /** Hears nothing. */
    OutageListener NONE = new OutageListener() {
        @Override
        public void unavailable(String message) {
        }

        @Override
        public void available(int applied) {
        }

        @Override
        public void lost(int writes, String why) {
        }
    };

    /** The connection is gone: intents now fail at once, other writes are held. On the completion executor. */
    void unavailable(String message);

    /** A new connection took the {@code applied} writes held meanwhile, in order. On the completion executor. */
    void available(int applied);

    /**
     * {@code writes} held writes will never be applied: the journal closed while its server was away. Called
     * on the writer thread instead of their outcomes, which the kernel no longer runs: the listener counts
     * and marks them itself. The close that joins the writer orders this before what follows it.
     */
    void lost(int writes, String why);
}
