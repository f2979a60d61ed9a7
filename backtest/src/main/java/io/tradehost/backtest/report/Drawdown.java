package io.tradehost.backtest.report;

import io.tradehost.api.value.Money;

/**
 * The deepest fall of equity from its running peak, and the longest time spent below a peak,
 * updated one observation at a time. Drawdown is {@code (peak - equity) / peak}; its duration runs
 * from the peak to the first observation back at or above it, or to the last observation if it
 * never recovers. Not thread-safe.
 */
public final class Drawdown {
    private double peak = Double.NaN;
    private long peakNanos;
    private double max;
    private long maxDurationNanos;
    private long lastNanos;
    private boolean below;

    /** No observation yet. */
    public Drawdown() {
        // the first observation sets the peak
    }

    /** Adds the equity observed at {@code nanos} (observations in time order). */
    public void observe(long nanos, Money equity) {
        observe(nanos, equity.toDouble());
    }

    /** Adds the equity observed at {@code nanos}. */
    public void observe(long nanos, double equity) {
        lastNanos = nanos;
        if (Double.isNaN(peak) || equity >= peak) {
            if (below) {
                maxDurationNanos = Math.max(maxDurationNanos, nanos - peakNanos);
                below = false;
            }
            peak = equity;
            peakNanos = nanos;
            return;
        }
        below = true;
        if (peak > 0) {
            max = Math.max(max, (peak - equity) / peak);
        }
    }

    /** The current drawdown, as a fraction of the peak. */
    public double current(double equity) {
        return Double.isNaN(peak) || peak <= 0 || equity >= peak ? 0 : (peak - equity) / peak;
    }

    /** The deepest drawdown so far, a fraction (0.25 for 25 %). */
    public double max() {
        return max;
    }

    /** The longest time below a peak so far, counting one still open up to the last observation. */
    public long maxDurationNanos() {
        return below ? Math.max(maxDurationNanos, lastNanos - peakNanos) : maxDurationNanos;
    }
}
