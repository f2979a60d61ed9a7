package io.tradehost.coordinator.strategy;

import io.tradehost.api.host.Throwables;
import io.tradehost.api.host.VenueAccess;
import io.tradehost.api.market.Bar;
import io.tradehost.api.market.BarInterval;
import io.tradehost.api.market.Mark;
import io.tradehost.api.market.Trade;
import io.tradehost.api.time.Clock;
import io.tradehost.api.time.ScheduledTask;
import io.tradehost.api.time.Scheduler;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Symbol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bars of the event-driven instances. Each instance has a {@link BarSeries} per symbol and interval
 * it subscribed, built from trades where the venue publishes them, else from the mids of validated
 * quotes, and one timer that closes its bars at each interval's end on the host's clock (plus
 * {@link StrategySettings#barCloseDelay()}, for trades still on their way). A closed bar goes to the
 * instance's {@code onBar}. Kernel thread only.
 */
final class EventBars {
    private static final Logger LOG = LoggerFactory.getLogger(EventBars.class);
    private static final Supervision.Call ON_BAR = Supervision.Call.callback("onBar");

    private final Supplier<StrategySettings> settings;
    private final VenueAccess venues;
    private final Clock clock;
    private final Scheduler scheduler;
    /** Per instance, the one timer that closes its bars: it fires at every boundary of any interval it subscribed. */
    private final Map<EventInstance, ScheduledTask> timers = new HashMap<>();
    private boolean fromTrades;
    long delivered;

    EventBars(Supplier<StrategySettings> settings, VenueAccess venues, Clock clock, Scheduler scheduler) {
        this.settings = settings;
        this.venues = venues;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    /** Asks the venue whether it publishes trades: bars are built from them if so, else from quote mids. */
    void chooseSource() {
        try {
            fromTrades = venues.venue().publishesTrades();
        } catch (Throwable e) {
            Throwables.rethrowIfFatal(e);
            LOG.warn("the venue plugin failed saying whether it publishes trades ({}); bars are built from quotes",
                    Throwables.describe(e));
        }
    }

    /** The instance hears the bars of {@code symbol} at {@code interval} too (once, however often asked). */
    void subscribe(EventInstance instance, Symbol symbol, BarInterval interval) {
        List<BarSeries> series = instance.bars.computeIfAbsent(symbol, k -> new ArrayList<>());
        if (series.stream().noneMatch(b -> b.interval().equals(interval))) {
            series.add(new BarSeries(symbol, interval));
            series.sort(Comparator.comparing(BarSeries::interval));
            ScheduledTask previous = timers.put(instance, timer(instance));
            if (previous != null) {
                previous.cancel();
            }
        }
    }

    /** The instance's bars are closed no more. */
    void stop(EventInstance instance) {
        ScheduledTask timer = timers.remove(instance);
        if (timer != null) {
            timer.cancel();
        }
    }

    /** A validated quote: its mid goes into the instance's bars where the venue publishes no trades. */
    void onMark(EventInstance instance, Mark mark) {
        if (!fromTrades) {
            feed(instance, mark.symbol(), mark.price(), Quantity.ZERO, mark.timestampNanos());
        }
    }

    /** A public trade: it goes into the instance's bars where the venue publishes trades. */
    void onTrade(EventInstance instance, Trade trade) {
        if (fromTrades) {
            feed(instance, trade.symbol(), trade.price(), trade.size(), trade.timestampNanos());
        }
    }

    /**
     * A timer at every multiple of the greatest common divisor of the instance's intervals: at each it
     * closes the bars that ended, symbol by symbol in subscription order, the shorter interval first.
     */
    private ScheduledTask timer(EventInstance instance) {
        long step = 0;
        for (List<BarSeries> series : instance.bars.values()) {
            for (BarSeries s : series) {
                step = gcd(step, s.interval().length().getSeconds());
            }
        }
        long stepNanos = Duration.ofSeconds(step).toNanos();
        long delay = settings.get().barCloseDelay().toNanos();
        long now = clock.nanos() - delay;
        long next = Math.floorDiv(now, stepNanos) * stepNanos + stepNanos;
        return scheduler.scheduleAtFixedRate(Duration.ofNanos(next - now), Duration.ofNanos(stepNanos), () -> {
            long at = clock.nanos() - delay; // trades stamped before the end may still be on their way
            // copies: a strategy may subscribe to another interval from onBar
            for (List<BarSeries> series : List.copyOf(instance.bars.values())) {
                for (BarSeries s : List.copyOf(series)) {
                    deliver(instance, s.closeUpTo(at));
                }
            }
        });
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    private void feed(EventInstance instance, Symbol symbol, Price price, Quantity size, long timestampNanos) {
        List<BarSeries> series = instance.bars.get(symbol);
        if (series != null) {
            for (BarSeries s : List.copyOf(series)) { // onBar may subscribe to another interval
                deliver(instance, s.add(price, size, timestampNanos));
            }
        }
    }

    private void deliver(EventInstance instance, List<Bar> bars) {
        for (Bar bar : bars) {
            if (instance.started) {
                delivered++;
                instance.deliver(ON_BAR, () -> instance.strategy.onBar(bar));
            }
        }
    }
}
