package io.tradehost.app.backtest;

/** Told of a replay's progress after each row; the CLI draws it. Called on the replaying thread. */
public interface Progress {
    /** A progress that shows nothing. */
    Progress NONE = new Progress() {
        @Override
        public void update(long events, long nanos) {
            // nothing shown
        }

        @Override
        public void done() {
            // nothing shown
        }
    };

    /** After {@code events} rows, the last at {@code nanos} (epoch); must be cheap. */
    void update(long events, long nanos);

    /** The replay is over. */
    void done();
}
