package io.tradehost.coordinator.strategy;

import io.tradehost.api.time.ScheduledTask;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The good-till times of orders by handle: at its time an open order is cancelled and marked
 * {@link Handle#expiring}, so that the desk reports it expired once the venue confirms. A cancel the
 * host wants itself (an expiry, or the orders of an instance that no longer runs: suspended or
 * stopped) and the venue refused is asked again after {@link #RETRY}, doubling up to {@link
 * #MAX_RETRY}; a running strategy decides itself whether to ask again. Kernel thread only.
 */
final class GoodTillTimes {
    /** How long after a refused expiry cancel the host asks again. */
    static final Duration RETRY = Duration.ofSeconds(1);
    /** The longest wait between two such cancels. */
    static final Duration MAX_RETRY = Duration.ofMinutes(1);

    private final HandleDesk desk;
    private final EventStrategies owner;
    private final Map<Handle, ScheduledTask> timers = new HashMap<>();

    GoodTillTimes(HandleDesk desk, EventStrategies owner) {
        this.desk = desk;
        this.owner = owner;
    }

    /** A sent order: cancelled at its good-till time, if it has one. */
    void watch(Handle handle) {
        long expireAt = handle.spec().expireAtNanos();
        if (expireAt > 0) {
            Duration in = Duration.ofNanos(Math.max(0, expireAt - owner.clock().nanos()));
            arm(handle, owner.scheduler().schedule(in, () -> expire(handle)));
        }
    }

    /** The venue refused a cancel of {@code handle}: if it was the expiry's, it is asked again. */
    void cancelRefused(Handle handle) {
        boolean expiring = handle.expiring;
        if (!expiring && handle.owner().started) {
            return;
        }
        // past its good-till time, or without a strategy to manage it, the order must not rest: ask again
        // (the venue's answer on the order may also close it meanwhile)
        handle.expiring = false;
        long millis = Math.min(RETRY.toMillis() << Math.min(handle.cancelRetries++, 6), MAX_RETRY.toMillis());
        arm(handle, owner.scheduler().schedule(Duration.ofMillis(millis), () -> {
            timers.remove(handle);
            if (!handle.isOpen()) {
                return;
            }
            if (!handle.isCancelPending()) {
                desk.cancel(handle, expiring ? "good-till time reached" : "strategy '" + handle.owner().name
                        + "' no longer runs");
            }
            // a cancel the strategy asked meanwhile serves too, and a modification's cancel no longer
            // replaces: its outcome is the expiry's
            handle.replacing = handle.replacing && !expiring;
            handle.expiring = expiring;
        }));
    }

    private void arm(Handle handle, ScheduledTask timer) {
        ScheduledTask previous = timers.put(handle, timer);
        if (previous != null) {
            previous.cancel();
        }
    }

    /** The order is closed: nothing expires it any more. */
    void closed(Handle handle) {
        ScheduledTask timer = timers.remove(handle);
        if (timer != null) {
            timer.cancel();
        }
    }

    private void expire(Handle handle) {
        timers.remove(handle);
        if (handle.isOpen()) {
            desk.cancel(handle, "good-till time reached");
            handle.expiring = true;
        }
    }
}
