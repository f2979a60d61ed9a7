package io.tradehost.coordinator.strategy;

import io.tradehost.api.time.ScheduledTask;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The good-till times of orders by handle: at its time an open order is cancelled and marked
 * {@link Handle#expiring}, so that the desk reports it expired once the venue confirms; if the venue
 * refuses that cancel, it is asked again after {@link #RETRY}. Kernel thread only.
 */
final class GoodTillTimes {
    /** How long after a refused expiry cancel the host asks again. */
    static final Duration RETRY = Duration.ofSeconds(1);

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
            timers.put(handle, owner.scheduler().schedule(in, () -> expire(handle)));
        }
    }

    /** The venue refused a cancel of {@code handle}: if it was the expiry's, it is asked again. */
    void cancelRefused(Handle handle) {
        if (handle.expiring) {
            // past its good-till time it must not rest: ask again (the venue's answer on the order may
            // also close it meanwhile)
            handle.expiring = false;
            timers.put(handle, owner.scheduler().schedule(RETRY, () -> expire(handle)));
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
