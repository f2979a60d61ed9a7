package io.tradehost.backtest.report;

import io.tradehost.api.event.Event;
import io.tradehost.api.event.IntentRecorded;
import io.tradehost.api.event.IntentRejected;
import io.tradehost.api.event.OrderRejected;
import io.tradehost.api.event.PositionChanged;
import io.tradehost.api.event.TradingStateChanged;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.Position;
import io.tradehost.api.state.StateReason;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Symbol;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * What a backtest's report is made of, gathered while it runs: as a watcher of every event it keeps
 * the host's fills as round trips and chart markers, the rejections by code and the trading-state
 * transitions; told of each market row after the host handled it ({@link #observe}) it follows the
 * equity, its drawdown, and samples equity and prices at the end of each return period. Kernel
 * thread only.
 */
public final class ReportCollector implements Consumer<Event> {
    /** A trading-state change, for the report. */
    public record Transition(long nanos, String from, String to, List<String> reasons) {
    }

    private static final class OpenTrip {
        final String direction;
        final long entryNanos;
        final Price entryPrice;
        final Money realizedAtStart;
        final Money feesAtStart;
        final String entryTag;
        Quantity size;

        OpenTrip(Position after, Fill fill, Money realizedAtStart, Money feesAtStart, String entryTag) {
            this.entryTag = entryTag;
            this.direction = after.quantity().isPositive() ? "long" : "short";
            this.entryNanos = fill.timestampNanos();
            this.entryPrice = fill.price();
            this.realizedAtStart = realizedAtStart;
            this.feesAtStart = feesAtStart;
            this.size = after.quantity().abs();
        }
    }

    private final long startNanos;
    private final long periodNanos;
    private final Drawdown drawdown = new Drawdown();
    private final List<Money> periodEquity = new ArrayList<>();
    private final List<Long> sampleNanos = new ArrayList<>();
    private final List<Double> sampleDrawdown = new ArrayList<>();
    private final Map<Symbol, List<Price>> samplePrices = new TreeMap<>();
    private final Map<Symbol, Price> lastPrices = new HashMap<>();
    private final Map<Symbol, Position> positions = new HashMap<>();
    private final Map<Symbol, OpenTrip> open = new HashMap<>();
    /** Each order's tag (a strategy's entry tag or exit reason), for the trade list. */
    private final Map<ClientOrderId, String> tags = new HashMap<>();
    /** What kind of exit each order would make, for the trade list. */
    private final Map<ClientOrderId, ExitKind> kinds = new HashMap<>();
    private final Set<Symbol> nonFlat = new TreeSet<>();
    private final List<Trade> trades = new ArrayList<>();
    private final List<Marker> markers = new ArrayList<>();
    private final Map<String, Long> rejections = new TreeMap<>();
    /** Who refused what: the stage (a guard's name, {@code sizing}, {@code execution}, {@code venue}), then the code. */
    private final Map<String, Map<String, Long>> refusedBy = new TreeMap<>();
    private final List<Transition> transitions = new ArrayList<>();
    private Money fees = Money.ZERO;
    private long replayEvents;
    private long replayNanos;
    private Money lastEquity;
    private long nextSample;
    private long exposedSince;
    private long exposureNanos;
    private long fills;

    /**
     * @param startNanos the first row's time
     * @param periodNanos the return period equity is sampled at
     * @param symbols every symbol of the tape, so each has a price series
     */
    public ReportCollector(long startNanos, long periodNanos, Set<Symbol> symbols) {
        if (periodNanos <= 0) {
            throw new IllegalArgumentException("period must be positive: " + periodNanos);
        }
        this.startNanos = startNanos;
        this.periodNanos = periodNanos;
        symbols.forEach(s -> samplePrices.put(s, new ArrayList<>()));
    }

    /** Before the first row: the account's equity then. Events heard before count all the same. */
    public void begin(Money startingEquity) {
        this.lastEquity = startingEquity;
        drawdown.observe(startNanos, startingEquity);
        sample(startNanos);
        nextSample = startNanos + periodNanos;
    }

    @Override
    public void accept(Event event) {
        if (event instanceof IntentRecorded recorded) {
            tags.put(recorded.request().clientOrderId(), recorded.owner().tag());
            kinds.put(recorded.request().clientOrderId(), ExitKind.of(recorded.request(), recorded.owner()));
        } else if (event instanceof PositionChanged changed) {
            onPosition(changed.position(), changed.fill());
        } else if (event instanceof IntentRejected rejected) {
            rejections.merge(rejected.code().value(), 1L, Long::sum);
            refusedBy.computeIfAbsent(rejected.stage(), k -> new TreeMap<>()).merge(rejected.code().value(), 1L,
                    Long::sum);
        } else if (event instanceof OrderRejected rejected) {
            rejections.merge(rejected.code().value(), 1L, Long::sum);
            refusedBy.computeIfAbsent("venue", k -> new TreeMap<>()).merge(rejected.code().value(), 1L, Long::sum);
        } else if (event instanceof TradingStateChanged changed) {
            transitions.add(new Transition(changed.timestampNanos(), changed.from().name(), changed.to().name(),
                    changed.reasons().stream().map(StateReason::code).map(Object::toString).toList()));
        }
    }

    private void onPosition(Position after, Fill fill) {
        Symbol symbol = after.symbol();
        Position before = positions.getOrDefault(symbol, Position.flat(symbol));
        positions.put(symbol, after);
        fees = fees.plus(fill.fee());
        fills++;
        boolean flipped = !before.isFlat() && !after.isFlat() && before.quantity().signum() != after.quantity().signum();
        boolean grew = !after.isFlat() && !flipped && after.quantity().abs().isGreaterThan(before.quantity().abs());
        markers.add(new Marker(fill.timestampNanos(), symbol, fill.side(), fill.price(), grew));
        OpenTrip trip = open.get(symbol);
        if (trip != null && (after.isFlat() || flipped)) {
            Money pnl = after.realizedPnl().minus(trip.realizedAtStart).minus(after.fees().minus(trip.feesAtStart));
            trades.add(new Trade(symbol, trip.direction, trip.entryNanos, fill.timestampNanos(), trip.size,
                    trip.entryPrice, fill.price(), pnl, after.fees().minus(trip.feesAtStart), trip.entryTag,
                    tags.getOrDefault(fill.clientOrderId(), ""), kinds.getOrDefault(fill.clientOrderId(), ExitKind.OTHER)));
            open.remove(symbol);
            trip = null;
        }
        if (trip == null && !after.isFlat()) {
            open.put(symbol, new OpenTrip(after, fill, after.realizedPnl(), flipped ? after.fees() : before.fees(),
                    tags.getOrDefault(fill.clientOrderId(), "")));
        } else if (trip != null && after.quantity().abs().isGreaterThan(trip.size)) {
            trip.size = after.quantity().abs();
        }
        boolean wasExposed = !nonFlat.isEmpty();
        if (after.isFlat()) {
            nonFlat.remove(symbol);
        } else {
            nonFlat.add(symbol);
        }
        if (!wasExposed && !nonFlat.isEmpty()) {
            exposedSince = fill.timestampNanos();
        } else if (wasExposed && nonFlat.isEmpty()) {
            exposureNanos += fill.timestampNanos() - exposedSince;
        }
    }

    /** After the host handled the row of {@code symbol} at {@code nanos}: the account's equity then. */
    public void observe(long nanos, Symbol symbol, Price price, Money equity) {
        while (nanos > nextSample) {
            sample(nextSample);
            nextSample += periodNanos;
        }
        lastPrices.put(symbol, price);
        lastEquity = equity;
        drawdown.observe(nanos, equity);
    }

    /** Closes the books at the last row's time with the final equity. */
    public void finish(long endNanos, Money finalEquity) {
        lastEquity = finalEquity;
        drawdown.observe(endNanos, finalEquity);
        while (nextSample <= endNanos) {
            sample(nextSample);
            nextSample += periodNanos;
        }
        if (!nonFlat.isEmpty()) {
            exposureNanos += endNanos - exposedSince;
            exposedSince = endNanos;
        }
    }

    private void sample(long at) {
        periodEquity.add(lastEquity);
        sampleNanos.add(at);
        sampleDrawdown.add(drawdown.current(lastEquity.toDouble()));
        samplePrices.forEach((s, list) -> list.add(lastPrices.get(s)));
    }

    public Drawdown drawdown() {
        return drawdown;
    }

    /** Equity at the start and at the end of each full period so far. */
    public List<Money> periodEquity() {
        return List.copyOf(periodEquity);
    }

    /** When each of {@link #periodEquity} was taken. */
    public List<Long> sampleNanos() {
        return List.copyOf(sampleNanos);
    }

    /** The drawdown at each sample. */
    public List<Double> sampleDrawdown() {
        return List.copyOf(sampleDrawdown);
    }

    /** Each symbol's last price at each sample (null before its first row). */
    public Map<Symbol, List<Price>> samplePrices() {
        Map<Symbol, List<Price>> copy = new LinkedHashMap<>();
        samplePrices.forEach((s, l) -> copy.put(s, Collections.unmodifiableList(new ArrayList<>(l))));
        return copy;
    }

    public long periodNanos() {
        return periodNanos;
    }

    public long startNanos() {
        return startNanos;
    }

    /** Closed round trips, in the order they closed. */
    public List<Trade> trades() {
        return List.copyOf(trades);
    }

    /** Every fill, for the charts. */
    public List<Marker> markers() {
        return List.copyOf(markers);
    }

    /**
     * How fast the replay ran: {@code events} rows in {@code wallNanos} of wall time from the first.
     * The one figure of a report that is not the same from run to run.
     */
    public void replayTiming(long events, long wallNanos) {
        replayEvents = events;
        replayNanos = wallNanos;
    }

    /** Rows replayed, for the speed. */
    public long replayEvents() {
        return replayEvents;
    }

    /** Wall time of the replay from its first row, nanoseconds; 0 when not measured. */
    public long replayNanos() {
        return replayNanos;
    }

    /** Rows replayed per second of wall time; 0 when not measured. */
    public long replayEventsPerSecond() {
        return replayNanos <= 0 ? 0 : Math.round(replayEvents * 1e9 / replayNanos);
    }

    /** Refusals by who refused (a guard's name, {@code sizing}, {@code execution}, {@code venue}), then by code. */
    public Map<String, Map<String, Long>> refusedBy() {
        Map<String, Map<String, Long>> copy = new TreeMap<>();
        refusedBy.forEach((stage, codes) -> copy.put(stage, new TreeMap<>(codes)));
        return copy;
    }

    /** Rejections (by guards, execution and the venue) by code. */
    public Map<String, Long> rejections() {
        return new TreeMap<>(rejections);
    }

    public List<Transition> transitions() {
        return List.copyOf(transitions);
    }

    /** Fees of every fill. */
    public Money fees() {
        return fees;
    }

    /** Fills booked. */
    public long fills() {
        return fills;
    }

    /** Time with a position open in any symbol, up to {@link #finish}. */
    public long exposureNanos() {
        return exposureNanos;
    }
}
