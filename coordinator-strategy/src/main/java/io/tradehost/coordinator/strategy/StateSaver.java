package io.tradehost.coordinator.strategy;

import io.tradehost.api.command.RecordStrategyState;
import io.tradehost.api.host.CommandBus;
import io.tradehost.api.journal.OrderJournal;
import io.tradehost.api.strategy.event.Restored;
import io.tradehost.api.time.Clock;
import io.tradehost.api.time.ScheduledTask;
import io.tradehost.api.time.Scheduler;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Saves the event-driven instances' state: a started instance is asked for it every
 * {@link #SAVE_EVERY} and at its stop, and the journal is told (through {@link RecordStrategyState})
 * when it changed since the last save. A host without a journal saves nothing. Kernel thread only.
 */
final class StateSaver {
    private static final Supervision.Call SAVE_STATE = Supervision.Call.callback("saveState");
    /** How often an instance is asked for its state (and the journal told, if it changed). */
    static final Duration SAVE_EVERY = Duration.ofSeconds(1);

    private final OrderJournal journal;
    private final CommandBus commands;
    private final Clock clock;
    private final Scheduler scheduler;
    private final Supervision supervision;
    private final Map<EventInstance, ScheduledTask> timers = new HashMap<>();
    private final Map<EventInstance, byte[]> saved = new HashMap<>();

    /** @param journal where the state is kept, or null for a host that keeps none */
    StateSaver(OrderJournal journal, CommandBus commands, Clock clock, Scheduler scheduler, Supervision supervision) {
        this.journal = journal;
        this.commands = commands;
        this.clock = clock;
        this.scheduler = scheduler;
        this.supervision = supervision;
    }

    /** The instance started: its state is saved every {@link #SAVE_EVERY} from now on. */
    void start(EventInstance instance) {
        if (journal != null) {
            timers.put(instance, scheduler.scheduleAtFixedRate(SAVE_EVERY, SAVE_EVERY, () -> save(instance, true)));
        }
    }

    /** The instance is stopping: its state is saved once more, if it is saved at all. */
    void saveLast(EventInstance instance) {
        if (timers.containsKey(instance)) {
            save(instance, false); // a stop decides about the orders itself: no suspension's cancels now
        }
    }

    /** The instance's state is saved no more. */
    void stop(EventInstance instance) {
        saved.remove(instance);
        ScheduledTask timer = timers.remove(instance);
        if (timer != null) {
            timer.cancel();
        }
    }

    /**
     * Asks the instance for its state and has the journal keep it when it changed since the last save
     * (so an idle strategy costs the journal nothing). More than {@link Restored#MAX_STATE_BYTES} is
     * the strategy's failure and is not kept.
     */
    private void save(EventInstance instance, boolean maySuspend) {
        if (!instance.started) {
            return;
        }
        byte[] state = instance.ask(SAVE_STATE, instance.strategy::saveState);
        if (state != null && state.length > Restored.MAX_STATE_BYTES) {
            supervision.fail(instance.watched, "saveState returned " + state.length + " bytes, more than "
                    + Restored.MAX_STATE_BYTES + "; not saved");
            state = null;
        }
        if (maySuspend) {
            instance.suspendIfQuarantined();
        }
        if (state == null || Arrays.equals(state, saved.get(instance))) {
            return;
        }
        saved.put(instance, state.clone());
        commands.send(new RecordStrategyState(instance.name, state, clock.nanos()));
    }
}
