package io.tradehost.coordinator.strategy;

import io.tradehost.api.command.RecordOrderList;
import io.tradehost.api.strategy.event.HandleStatus;
import io.tradehost.api.strategy.event.OrderEvent;
import io.tradehost.api.strategy.event.OrderListSpec;
import io.tradehost.api.strategy.event.OrderSpec;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SequencedSet;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Contingent order lists ({@link OrderListSpec}), held by the host on every venue: after every change
 * of a member (a fill, its end) the list is balanced, as the spec says: exits armed or resized to what
 * the entry's fills leave to protect, exits one-cancels-other shrunk or cancelled, waiting exits dropped
 * when there is nothing to protect, and the list closed once every member ended. The list is journaled
 * ({@link RecordOrderList}) before its first order, and each of its orders carries its link in its own
 * intent, so a restart rebuilds it ({@link #restore}) and balances it again: what the entry filled
 * while the host was down is armed then. Kernel thread only (but {@link #nextId}).
 */
final class Contingencies {
    private static final Logger LOG = LoggerFactory.getLogger(Contingencies.class);
    /** How often an exit refused (or a resize refused) is tried again: after 1, 2, 4, 8 and 16 s. */
    static final int MAX_RETRIES = 5;

    private final HandleDesk desk;
    private final EventStrategies owner;
    private final boolean journaled;
    private final AtomicLong ids;
    private final Map<Long, ListState> open = new LinkedHashMap<>();
    private final HeldExits held;
    private final SequencedSet<ListState> unbalanced = new LinkedHashSet<>();
    private boolean balancing;

    /**
     * @param journaled whether the host keeps a journal (the lists are recorded in it)
     * @param lastId the highest list number the journal holds
     */
    Contingencies(HandleDesk desk, EventStrategies owner, boolean journaled, long lastId) {
        this.desk = desk;
        this.owner = owner;
        this.journaled = journaled;
        this.ids = new AtomicLong(lastId);
        this.held = new HeldExits(desk, owner, this);
    }

    /** A new list number; any thread (a worker's submit). */
    long nextId() {
        return ids.incrementAndGet();
    }

    /** Carries out a strategy's submit of {@code list}: journals it, then sends its entry (or both legs). */
    void submit(EventInstance instance, ListState list) {
        open.put(list.id, list);
        held.decide(list);
        record(list);
        if (list.entry != null) {
            list.exits.forEach(exit -> instance.open.put(exit.id(), exit)); // waiting, but the strategy's open order
            desk.submit(instance, list.entry);
        } else {
            for (int i = 0; i < list.exits.size(); i++) {
                list.asked[i] = list.exits.get(i).quantity(); // all first: a leg refused at once balances the list
            }
            for (int i = 0; i < list.exits.size(); i++) {
                Handle leg = list.exits.get(i);
                instance.open.put(leg.id(), leg);
                if (list.held[i]) {
                    held.arm(list, i, leg.quantity());
                } else {
                    desk.submit(instance, leg);
                }
            }
        }
    }

    /** A mark: the exits the lists hold themselves move and trigger ({@link HeldExits}). */
    void onMark(io.tradehost.api.market.Mark mark) {
        if (!open.isEmpty()) {
            held.onMark(mark, List.copyOf(open.values()));
        }
    }

    /** A cancel of an exit the host holds (waiting for its entry, or for its trigger): the host's alone. */
    void cancelHeld(Handle exit, String reason) {
        if (exit.status() == HandleStatus.WAITING) {
            dropWaiting(exit, reason);
        } else {
            held.cancel(exit, reason);
        }
    }

    /** A member of a list changed (it filled, or ended): its list is balanced again. */
    void changed(Handle handle) {
        if (handle.list == null || handle.list.retired) {
            return;
        }
        if (!handle.list.isOpen()) {
            if (handle == handle.list.entry && handle.filled().isPositive() && handle.list.droppedUnfilled != 0) {
                lateEntryFill(handle.list);
            } else {
                if (handle == handle.list.entry) {
                    LOG.error("{}: its entry filled to {} after the list ended: that part is not protected by it",
                            handle.list, handle.filled());
                }
                return;
            }
        }
        unbalanced.add(handle.list);
        if (balancing) {
            return; // a change made while balancing: balanced once more when this balance is done
        }
        balancing = true;
        try {
            ListState next;
            while (!unbalanced.isEmpty()) {
                next = unbalanced.removeFirst();
                balance(next);
            }
        } finally {
            balancing = false;
        }
    }

    /** A waiting exit is cancelled: it will never be armed. */
    void dropWaiting(Handle exit, String reason) {
        drop(exit.list, exit, reason);
        record(exit.list);
    }

    /** {@code instance} was replaced by a reload: its successor rebuilds its lists from the journal and governs them. */
    void retire(EventInstance instance) {
        open.values().removeIf(list -> {
            if (list.owner == instance) {
                list.retired = true;
                return true;
            }
            return false;
        });
    }

    /**
     * The venue or the host refused a resize of {@code exit} (or the cancel of one), or did not answer:
     * it works on as it was, and the list asks again after a backoff.
     */
    void refused(Handle exit) {
        ListState list = exit.list;
        if (list == null || list.retired || !list.isOpen() || exit == list.entry) {
            return;
        }
        int i = list.exits.indexOf(exit);
        list.asked[i] = null; // what was asked did not take: the next balance asks again
        retryLater(list, i, "its resize was refused");
    }

    /** An exit works as asked (accepted, or modified): its retries start again from the first. */
    void confirmed(Handle exit) {
        if (exit.list != null && exit != exit.list.entry) {
            exit.list.retries[exit.list.exits.indexOf(exit)] = 0;
        }
    }

    private void retryLater(ListState list, int i, String why) {
        if (list.retrying[i]) {
            return;
        }
        Handle exit = list.exits.get(i);
        if (list.retries[i] >= MAX_RETRIES) {
            if (list.retries[i]++ == MAX_RETRIES) {
                LOG.error("{}: {} ({}) after {} tries; the host gives up on it: the position is not protected by it",
                        list, exit, why, MAX_RETRIES);
            }
            return;
        }
        Duration delay = Duration.ofSeconds(1L << list.retries[i]++);
        list.retrying[i] = true;
        LOG.warn("{}: {} ({}); asked again in {} s", list, exit, why, delay.toSeconds());
        owner.scheduler().schedule(delay, () -> {
            list.retrying[i] = false;
            if (exit.status() == HandleStatus.REJECTED && rearmable(list, exit)) {
                exit.rewait();
                exit.owner().open.put(exit.id(), exit);
            }
            changed(exit);
        });
    }

    /**
     * Whether refused {@code exit} may be armed again now: its list still governs it and protects
     * something, its strategy runs, nobody cancelled it meanwhile, and (a spot list) no other exit of
     * the list is at the venue or on its way there.
     */
    private boolean rearmable(ListState list, Handle exit) {
        EventInstance instance = exit.owner();
        if (!list.isOpen() || list.retired || list.over || (list.dropped >>> exit.member & 1) == 1
                || !instance.started || instance.retired || instance.suspended) {
            return false;
        }
        for (int j = 0; j < list.exits.size(); j++) {
            Handle other = list.exits.get(j);
            if (other != exit && (list.firing[j] || list.spot && other.isOpen() && !HeldExits.holds(other))) {
                return false;
            }
        }
        return true;
    }

    /**
     * A strategy's cancel of an exit the list refused and would arm again: it is not armed again.
     * Returns whether {@code exit} was such an exit.
     */
    boolean cancelRefused(Handle exit) {
        ListState list = exit.list;
        if (list == null || exit == list.entry || exit.status() != HandleStatus.REJECTED || !list.isOpen()) {
            return false;
        }
        list.dropped |= 1L << exit.member;
        record(list);
        changed(exit);
        return true;
    }

    /** The entry filled after its list ended unfilled: the exits dropped for that are armed after all. */
    private void lateEntryFill(ListState list) {
        LOG.warn("{}: its entry filled {} after the list ended unfilled: its exits are armed after all", list,
                list.entry.filled());
        for (Handle exit : list.exits) {
            if ((list.droppedUnfilled >>> exit.member & 1) == 1) {
                exit.rewait();
                exit.owner().open.put(exit.id(), exit);
            }
        }
        list.dropped &= ~list.droppedUnfilled;
        list.droppedUnfilled = 0;
        list.reopen();
        open.put(list.id, list);
        record(list);
    }

    /** A waiting exit takes a new limit price: the list is journaled with it, and the strategy hears it modified. */
    void modifyWaiting(Handle exit, Price price) {
        OrderSpec changed = exit.spec().modified(price, exit.quantity());
        exit.spec(changed);
        exit.list.respec(exit, changed.withQuantity(exit.list.spec().quantity()));
        record(exit.list);
        desk.tell(exit, new OrderEvent.Modified(exit));
    }

    private void balance(ListState list) {
        if (!list.isOpen()) {
            return;
        }
        long droppedBefore = list.dropped;
        OrderListSpec spec = list.spec();
        Handle entry = list.entry;
        boolean entryDone = entry == null || !entry.isOpen();
        list.over |= spec.oneCancelsOther() && list.exits.stream().anyMatch(h -> h.status() == HandleStatus.FILLED);
        if (list.over) {
            // on every balance while over: a cancel the venue refused is asked again (a pending one is not)
            String why = "one-cancels-other: another exit of " + list + " filled";
            if (entry != null && entry.isOpen()) {
                desk.cancel(entry, "the trade is over: an exit of " + list + " filled");
            }
            for (Handle exit : list.exits) {
                if (exit.status() == HandleStatus.WAITING) {
                    drop(list, exit, why);
                } else if (exit.isOpen()) {
                    desk.cancel(exit, why);
                }
            }
        }
        if (!list.over) {
            Quantity budget = entry == null ? spec.quantity() : entry.filled();
            Quantity exitsFilled = Quantity.ZERO;
            for (Handle exit : list.exits) {
                exitsFilled = exitsFilled.plus(exit.filled());
            }
            Quantity left = budget.isGreaterThan(exitsFilled) ? budget.minus(exitsFilled) : Quantity.ZERO;
            for (int i = 0; i < list.exits.size(); i++) {
                Handle exit = list.exits.get(i);
                Quantity target = spec.oneCancelsOther() ? exit.filled().plus(left) : budget;
                if (list.firing[i] && exit.isOpen()) {
                    if (target.isGreaterThan(exit.filled())) {
                        held.fire(list, i, target);
                    } else {
                        held.cancel(exit, "one-cancels-other: the other exits of " + list + " filled what it protected");
                    }
                } else if (exit.status() == HandleStatus.WAITING) {
                    if (target.isPositive() && list.held[i]) {
                        held.arm(list, i, target);
                    } else if (target.isPositive()) {
                        arm(list, i, target);
                    } else if (entryDone) {
                        list.droppedUnfilled |= 1L << exit.member;
                        drop(list, exit, "nothing to protect: the entry of " + list + " closed without a fill");
                    }
                } else if (exit.status() == HandleStatus.REJECTED && target.isGreaterThan(exit.filled())
                        && transient_(exit) && protects(list)) {
                    retryLater(list, i, "refused: " + exit.rejection()); // a protection the host keeps trying
                } else if (exit.isOpen() && (!exit.isCancelPending() || exit.replacing)) {
                    // what the exit is for, or will be once the modification on its way is done
                    Quantity current = exit.amending || exit.replacing || exit.queued ? list.asked[i] : exit.quantity();
                    if (!target.isGreaterThan(exit.filled()) && !exit.replacing) {
                        desk.cancel(exit, "one-cancels-other: the other exits of " + list + " filled what it protected");
                    } else if (current == null || (entry == null ? target.isLessThan(current) : !target.equals(current))) {
                        // an OCO pair's legs only shrink: their sizes were rounded to the lot as placed
                        if (HeldExits.holds(exit)) {
                            held.resize(list, i, target);
                        } else {
                            resize(list, i, target);
                        }
                    }
                }
            }
        }
        boolean retrying = false;
        for (boolean r : list.retrying) {
            retrying |= r;
        }
        boolean ended = !retrying && list.members().stream().allMatch(h -> h.status().isTerminal());
        if (ended) {
            list.close();
            open.remove(list.id);
            LOG.debug("{} ended: {}", list, list.members());
        }
        if (ended || droppedBefore != list.dropped) {
            record(list);
        }
    }

    /** Whether {@code exit}'s refusal may pass: not one the same order would get again (funds, reduce-only, its own). */
    private static boolean transient_(Handle exit) {
        String code = exit.rejection() == null ? "" : exit.rejection().value();
        return !(code.contains("INSUFFICIENT") || code.contains("REDUCE_ONLY") || code.equals("STRATEGY_FAILED"));
    }

    /** Whether the host holds a position on the side the list's exits close: else nothing is left to protect. */
    private boolean protects(ListState list) {
        Handle exit = list.exits.getFirst();
        io.tradehost.api.order.Position position = owner.portfolio().position(exit.symbol());
        int sign = position.quantity().signum();
        return sign != 0 && (sign > 0) == (exit.side() == io.tradehost.api.value.Side.SELL);
    }

    private void arm(ListState list, int i, Quantity total) {
        Handle exit = list.exits.get(i);
        list.asked[i] = total;
        exit.spec(exit.spec().withQuantity(total));
        exit.status(HandleStatus.PENDING);
        desk.submit(exit.owner(), exit, total.minus(exit.filled())); // one armed again keeps what it filled
    }

    private void resize(ListState list, int i, Quantity total) {
        list.asked[i] = total;
        desk.modify(list.exits.get(i), null, total);
    }

    private void drop(ListState list, Handle exit, String reason) {
        exit.status(HandleStatus.CANCELLED);
        list.dropped |= 1L << exit.member;
        desk.tell(exit, new OrderEvent.Cancelled(exit, reason));
        desk.finish(exit);
    }

    void record(ListState list) {
        if (journaled) {
            owner.commands().send(new RecordOrderList(list.id, list.owner.name, list.spec().format(), list.dropped,
                    list.isOpen(), owner.clock().nanos()));
        }
    }

    /**
     * {@code list}, rebuilt from the journal at a start ({@link ListRestorer}), is governed from now on:
     * balanced at once, so what its entry filled meanwhile is armed now.
     */
    void restored(ListState list) {
        ids.accumulateAndGet(list.id, Math::max);
        held.decide(list);
        open.put(list.id, list);
        changed(list.members().getFirst());
    }

    /** The lists open now. */
    int openLists() {
        return open.size();
    }
}
