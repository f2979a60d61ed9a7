package io.tradehost.coordinator.strategy;

import io.tradehost.api.order.ListLink;
import io.tradehost.api.strategy.event.OrderHandle;
import io.tradehost.api.strategy.event.OrderList;
import io.tradehost.api.strategy.event.OrderListSpec;
import io.tradehost.api.strategy.event.OrderSpec;
import io.tradehost.api.value.Quantity;
import java.util.ArrayList;
import java.util.List;

/**
 * The host's side of an {@link OrderList}: its handles and what {@link Contingencies} asked of each
 * exit. Written on the kernel thread only; the strategy reads the handles (volatile) and {@link #isOpen}.
 */
final class ListState implements OrderList {
    final long id;
    final EventInstance owner;
    final Handle entry;
    final List<Handle> exits;
    /** Per exit, the total last asked of it (armed or resized), or null before it was armed. */
    final Quantity[] asked;
    private volatile OrderListSpec spec;
    /** A bit per member cancelled before it was armed. */
    long dropped;
    /** Of those, the exits dropped because the entry ended without a fill (a late fill of it arms them after all). */
    long droppedUnfilled;
    /** Per exit, how often it was armed again after a refusal, or its resize asked again, since it last worked. */
    final int[] retries;
    /** Per exit, whether a retry is scheduled (the list does not end meanwhile). */
    final boolean[] retrying;
    /**
     * Per exit, whether the list holds it itself until its trigger ({@link HeldExits}: a spot product's
     * one-cancels-other exits cannot all rest at the venue, each holding the same funds).
     */
    final boolean[] held;
    /** A spot product's one-cancels-other list: at most one of its exits is at the venue at a time. */
    boolean spot;
    /** Per held exit, whether it triggered and waits for the exits at the venue to be cancelled. */
    final boolean[] firing;
    /** Its instance was replaced by a reload: the successor governs the list, rebuilt from the journal. */
    boolean retired;
    /** An exit of a one-cancels-other list filled wholly: nothing is armed or resized any more. */
    boolean over;
    private volatile boolean open = true;

    ListState(long id, EventInstance owner, OrderListSpec spec, Handle entry, List<Handle> exits) {
        this.id = id;
        this.owner = owner;
        this.spec = spec;
        this.entry = entry;
        this.exits = List.copyOf(exits);
        this.asked = new Quantity[exits.size()];
        this.retries = new int[exits.size()];
        this.retrying = new boolean[exits.size()];
        this.held = new boolean[exits.size()];
        this.firing = new boolean[exits.size()];
        int member = 0;
        for (Handle h : members()) {
            h.list = this;
            h.member = member++;
        }
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public OrderListSpec spec() {
        return spec;
    }

    /** The spec with exit {@code exit} now {@code changed} (a waiting exit's new price), as journaled next. */
    void respec(Handle exit, OrderSpec changed) {
        List<OrderSpec> next = new ArrayList<>(spec.exits());
        next.set(exits.indexOf(exit), changed);
        spec = new OrderListSpec(spec.entry(), next, spec.oneCancelsOther());
    }

    @Override
    public OrderHandle entry() {
        return entry;
    }

    @Override
    public List<OrderHandle> exits() {
        return List.copyOf(exits);
    }

    /** What member {@code member} is, as the strategy asked for it. */
    ListLink.Role role(int member) {
        OrderSpec asked = spec.members().get(member);
        if (spec.entry() != null && member == 0) {
            return ListLink.Role.ENTRY;
        }
        return asked.trail() != null ? ListLink.Role.TRAILING_STOP : asked.type().isStop() ? ListLink.Role.STOP
                : ListLink.Role.LIMIT;
    }

    /** The entry (if any), then the exits. */
    List<Handle> members() {
        List<Handle> out = new ArrayList<>();
        if (entry != null) {
            out.add(entry);
        }
        out.addAll(exits);
        return out;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    void close() {
        open = false;
    }

    void reopen() {
        open = true;
    }

    @Override
    public String toString() {
        return "list L" + id + " (" + spec.kind() + " of strategy '" + owner.name + "')";
    }
}
