package io.tradehost.exchange.engine;

/**
 * When the exchange charges funding: every {@code intervalMillis} from {@code startMillis} (the
 * first payment one interval after the start), or never with an interval of zero. Immutable.
 *
 * @param startMillis when the schedule began, epoch milliseconds
 * @param intervalMillis time between payments; 0 for none
 */
public record FundingSchedule(long startMillis, long intervalMillis) {
    /** No funding. */
    public static final FundingSchedule NONE = new FundingSchedule(0, 0);

    public FundingSchedule {
        if (intervalMillis < 0) {
            throw new IllegalArgumentException("negative funding interval " + intervalMillis);
        }
    }

    /** Whether funding is charged at all. */
    public boolean charges() {
        return intervalMillis > 0;
    }

    /** The first payment time strictly after {@code nowMillis}; 0 when funding is never charged. */
    public long nextAfter(long nowMillis) {
        if (!charges()) {
            return 0;
        }
        long periods = Math.max(0, Math.floorDiv(nowMillis - startMillis, intervalMillis)) + 1;
        return startMillis + periods * intervalMillis;
    }
}
