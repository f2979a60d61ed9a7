package io.tradehost.plugins.guards;

import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.guard.RuntimeGuard;
import io.tradehost.api.guard.RuntimeGuardContext;
import io.tradehost.api.guard.RuntimeGuardFactory;
import io.tradehost.api.market.Mark;
import io.tradehost.api.order.Position;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Warns when positions are concentrated: the Herfindahl-Hirschman index of |position value| shares
 * above {@code max_hhi} logs a warning once per episode, which ends when the index is back at or
 * below the limit with positions open (going flat ends none). A host trading one symbol is never
 * warned. It restricts nothing. Not thread-safe.
 */
public final class ConcentrationGuard implements RuntimeGuard {
    private static final System.Logger LOG = System.getLogger(ConcentrationGuard.class.getName());

    private final double maxHhi;
    private final Duration interval;
    private final RuntimeGuardContext context;
    private boolean warned;

    public ConcentrationGuard(double maxHhi, Duration interval, RuntimeGuardContext context) {
        this.maxHhi = maxHhi;
        this.interval = interval;
        this.context = context;
    }

    @Override
    public Duration interval() {
        return interval;
    }

    /** Equity, positions and marks change only with events: nothing to check again while none came. */
    @Override
    public long sameVerdictUntilNanos() {
        return UNTIL_AN_EVENT;
    }

    @Override
    public void evaluate() {
        if (context.symbols().size() < 2) {
            return; // one traded symbol is always all of the book: nothing to warn of
        }
        double hhi = hhi();
        if (hhi == 0) {
            return; // flat ends no episode: concentrated, flat, concentrated again is one warning
        }
        if (hhi > maxHhi) {
            if (!warned) {
                warned = true;
                LOG.log(System.Logger.Level.WARNING, "positions are concentrated: HHI {0} > {1}",
                        String.format("%.3f", hhi), maxHhi);
            }
        } else {
            warned = false;
        }
    }

    /** The index now: 0 when flat, 1 when everything sits in one position. */
    public double hhi() {
        List<Double> values = new ArrayList<>();
        double total = 0;
        for (Position p : context.portfolio().positions()) {
            Mark mark = context.market().lastMark(p.symbol());
            if (mark != null && !p.isFlat()) {
                double v = Math.abs(p.valueAt(mark.price()).toDouble());
                values.add(v);
                total += v;
            }
        }
        if (total == 0) {
            return 0;
        }
        double hhi = 0;
        for (double v : values) {
            hhi += (v / total) * (v / total);
        }
        return hhi;
    }

    /** Whether the last check was above the limit. */
    public boolean isWarning() {
        return warned;
    }

    /** {@code concentration}: keys {@code max_hhi} (0.4), {@code check_interval} ("60s"). */
    public static final class Factory implements RuntimeGuardFactory {
        public Factory() {
            // stateless
        }

        @Override
        public String name() {
            return "concentration";
        }

        @Override
        public String description() {
            return "HHI of position values above max_hhi: a warning in the log; restricts nothing";
        }

        @Override
        public List<String> keys() {
            return List.of("max_hhi=0.4", "check_interval=60s");
        }

        @Override
        public RuntimeGuard create(PluginConfig config, RuntimeGuardContext context) {
            return new ConcentrationGuard(config.ratio("max_hhi", "0.4", "0", "1").toDouble(),
                    config.duration("check_interval", Duration.ofSeconds(60), Duration.ofMillis(10), Duration.ofHours(1)),
                    context);
        }
    }
}
