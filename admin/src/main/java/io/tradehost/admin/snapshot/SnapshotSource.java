package io.tradehost.admin.snapshot;

/** Takes a {@link HostSnapshot} of the host. Called on the kernel thread only. */
@FunctionalInterface
public interface SnapshotSource {
    /**
     * @param sequence the snapshot's number
     * @param realNanos {@link System#nanoTime()} now
     * @param activity what recently happened, as the activity log holds it
     */
    HostSnapshot take(long sequence, long realNanos, Activity activity);
}
