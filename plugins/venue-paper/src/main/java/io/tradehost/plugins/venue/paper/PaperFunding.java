package io.tradehost.plugins.venue.paper;

import io.tradehost.api.market.FundingRate;
import io.tradehost.api.order.FundingPayment;
import io.tradehost.api.value.Ratio;
import io.tradehost.api.value.Symbol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The paper venue's funding of perpetuals: every {@code interval} (from the first subscription) each
 * open perpetual position pays {@code size x mid x rate} of its market (positive: longs pay), charged
 * by the engine the backtest's venue charges with too ({@code MatchingEngine.fund}), and the
 * rate with the time of the next payment is what the venue publishes for a subscribed perpetual.
 * The rates are fixed by configuration, so what changes is the next payment's time: the venue
 * reports each perpetual when it is first subscribed and again at every payment time, whether or
 * not a position paid. Kernel thread only.
 */
final class PaperFunding {
    private final Duration interval;
    private final Map<Symbol, Ratio> rates;
    private final List<FundingPayment> paid = new ArrayList<>();
    private final Set<Symbol> reported = new LinkedHashSet<>();
    private long nextNanos = -1;

    /**
     * @param interval how often perpetual positions pay; zero for never (then nothing is reported)
     * @param rates each perpetual's rate per interval
     */
    PaperFunding(Duration interval, Map<Symbol, Ratio> rates) {
        this.interval = interval;
        this.rates = Map.copyOf(rates);
    }

    /** Whether positions pay funding at all. */
    boolean isOn() {
        return interval.isPositive();
    }

    Duration interval() {
        return interval;
    }

    /** The payments the venue's book kept: they number the next ones. */
    void restore(List<FundingPayment> saved) {
        paid.clear();
        paid.addAll(saved);
    }

    /** Every payment booked, oldest first. */
    List<FundingPayment> payments() {
        return List.copyOf(paid);
    }

    /** The payment clock starts: the first payment is one interval from {@code now}, for every perpetual. */
    void start(long now) {
        nextNanos = now + interval.toNanos();
        reported.clear();
    }

    /**
     * Rates of the subscribed perpetuals not reported since the payment clock started or last ticked;
     * none before it starts.
     */
    List<FundingRate> unreported(Set<Symbol> subscribed, long now) {
        List<FundingRate> out = new ArrayList<>();
        if (nextNanos < 0) {
            return out;
        }
        for (Symbol symbol : subscribed) {
            Ratio rate = rates.get(symbol);
            if (rate != null && reported.add(symbol)) {
                out.add(new FundingRate(symbol, rate, nextNanos, now));
            }
        }
        return out;
    }

    /** Each perpetual's rate per interval, for the engine to charge ({@code MatchingEngine.fund}). */
    Map<Symbol, Ratio> rates() {
        return rates;
    }

    /** The id prefix of the payments, and the number the next takes. */
    static final String ID_PREFIX = "paper-funding-";

    long nextNumber() {
        return paid.size() + 1;
    }

    /**
     * A payment time: the payments the engine booked are kept (they number the next ones); the clock
     * moves to the next time, so every subscribed perpetual is due to be reported again ({@link #unreported}).
     */
    void booked(List<FundingPayment> payments) {
        paid.addAll(payments);
        if (nextNanos >= 0) {
            // a fixed-rate timer: the next payment is one interval after this one was due, however late it ran
            nextNanos += interval.toNanos();
            reported.clear();
        }
    }
}
