/**
 * Backtests: recorded market data (trades, quotes, bars CSV) read as one time-ordered tape, the
 * simulated venue the host trades against during a replay (the shared matching engine of
 * {@code io.tradehost.simulator} on the tape), and the report of what happened. The host itself
 * runs unchanged: the strategy and guards never know it is a replay.
 */
module io.tradehost.backtest {
    requires transitive io.tradehost.api;
    requires io.tradehost.simulator;
    requires org.slf4j;
    requires com.fasterxml.jackson.databind;

    exports io.tradehost.backtest.tape;
    exports io.tradehost.backtest.venue;
    exports io.tradehost.backtest.report;
}
