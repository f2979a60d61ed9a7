/**
 * An example tradehost strategy plugin that brings a library of its own: {@code ta4j-rsi} trades the
 * RSI of ta4j (ta4j-core 0.18). Dropped in as a bundle folder (this module's jar, ta4j-core and
 * commons-math3), it runs in a module layer of its own: the host and the other plugins never see ta4j.
 */
module com.example.ta4jrsi {
    requires io.tradehost.api;
    // ta4j-core 0.18 has neither a module descriptor nor an Automatic-Module-Name: its module name comes
    // from its file name, ta4j-core-0.18.jar, which is why the bundle keeps Maven's file names
    requires ta4j.core;

    provides io.tradehost.api.strategy.StrategyFactory with com.example.ta4jrsi.RsiCrossFactory;
}
