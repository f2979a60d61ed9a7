package io.tradehost.coordinator.strategy;

import io.tradehost.api.host.Throwables;
import io.tradehost.api.market.Mark;
import io.tradehost.api.order.Trail;
import io.tradehost.api.strategy.event.HandleStatus;
import io.tradehost.api.strategy.event.OrderEvent;
import io.tradehost.api.strategy.event.OrderSpec;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Product;
import io.tradehost.api.value.ProductKind;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exits of a one-cancels-other list on a spot product that the list holds itself: a spot venue
 * holds the base currency for every resting sell (the quote for every buy), so two exits of one
 * position cannot both rest. One exit rests at the venue (the first stop that does not trail, so the
 * protection is the venue's while the host is down; else the first that does not trail); the others
 * wait in the host, WORKING with no client order id, until a mark reaches their trigger (a
 * stop's stop price, a limit's price; a trailing stop's trail moves first, each move journaled with
 * the list). Then the exits at the venue are cancelled, which frees the funds, and once the venue has
 * confirmed (or one of them filled, which settles it by one-cancels-other) the triggered exit is sent
 * as the order it becomes (market, or limit at its limit price). Triggers come from marks (quote
 * mids). A restart arms them again from the journaled list. Kernel thread only.
 */
final class HeldExits {
    private static final Logger LOG = LoggerFactory.getLogger(HeldExits.class);

    private final HandleDesk desk;
    private final EventStrategies owner;
    private final Contingencies lists;

    HeldExits(HandleDesk desk, EventStrategies owner, Contingencies lists) {
        this.desk = desk;
        this.owner = owner;
        this.lists = lists;
    }

    /** Marks which exits of {@code list} it holds itself: on a spot product, all of a one-cancels-other list but one. */
    void decide(ListState list) {
        if (!list.spec().oneCancelsOther() || !spot(list)) {
            return;
        }
        list.spot = true;
        // the stop rests: the protection is the venue's while the host is down; the take-profit waits here
        int resting = -1;
        for (int i = 0; i < list.exits.size() && resting < 0; i++) {
            OrderSpec exit = list.exits.get(i).spec();
            resting = exit.type().isStop() && exit.trail() == null ? i : -1;
        }
        for (int i = 0; i < list.exits.size() && resting < 0; i++) {
            resting = list.exits.get(i).spec().trail() == null ? i : -1;
        }
        resting = Math.max(resting, 0);
        for (int i = 0; i < list.exits.size(); i++) {
            if (list.exits.get(i).clientOrderId() != null) {
                resting = i; // one sent before a restart is the one at the venue
            }
        }
        for (int i = 0; i < list.exits.size(); i++) {
            Handle exit = list.exits.get(i);
            // one already sent (before a restart) stays the venue's
            list.held[i] = i != resting && exit.clientOrderId() == null && !exit.status().isTerminal();
        }
    }

    private boolean spot(ListState list) {
        try {
            return owner.venues().product(list.exits.getFirst().symbol()).kind() == ProductKind.SPOT;
        } catch (Throwable e) {
            Throwables.rethrowIfFatal(e); // a venue's product lookup may reach plugin code: any failure is "not spot"
            return false; // a product the venue does not describe: both rest, and the venue says whether it takes them
        }
    }

    /** Arms held exit {@code i} for a total of {@code total}: it works in the host from now on. */
    void arm(ListState list, int i, Quantity total) {
        Handle exit = list.exits.get(i);
        list.asked[i] = total;
        OrderSpec spec = exit.spec().withQuantity(total);
        if (spec.trail() != null && spec.stopPrice() == null) {
            Mark mark = owner.market().lastMark(spec.symbol());
            Price from = spec.trail().isActive() ? (mark == null ? null : mark.price()) : spec.trail().activation();
            if (from != null) {
                spec = spec.withStopPrice(spec.trail().triggerFor(spec.side(), from, product(spec)));
            }
        }
        exit.spec(spec);
        exit.status(exit.filled().isPositive() ? HandleStatus.PARTIALLY_FILLED : HandleStatus.WORKING);
        desk.tell(exit, new OrderEvent.Accepted(exit));
    }

    /** Held exit {@code i} is now for a total of {@code total} (nothing at the venue to change). */
    void resize(ListState list, int i, Quantity total) {
        list.asked[i] = total;
        Handle exit = list.exits.get(i);
        exit.spec(exit.spec().withQuantity(total));
    }

    /** Whether {@code exit} waits in the host (armed or not): cancelling it is the host's alone. */
    static boolean holds(Handle exit) {
        ListState list = exit.list;
        if (list == null || exit.status().isTerminal()) {
            return false;
        }
        int i = list.exits.indexOf(exit);
        return exit.status() == HandleStatus.WAITING || i >= 0 && list.held[i] && exit.clientOrderId() == null
                && exit.status() != HandleStatus.PENDING;
    }

    /** A mark: held trailing exits of its symbol move, and those it triggers fire. */
    void onMark(Mark mark, Iterable<ListState> open) {
        for (ListState list : open) {
            for (int i = 0; i < list.exits.size(); i++) {
                Handle exit = list.exits.get(i);
                if (!list.held[i] || firing(list) || !exit.symbol().equals(mark.symbol()) || !armed(exit)) {
                    continue; // one exit of a list fires at a time
                }
                trail(list, exit, mark.price());
                if (triggers(exit.spec(), mark.price())) {
                    LOG.info("{}: {} triggered at the mark {}: the exits at the venue are cancelled first", list,
                            exit, mark.price());
                    list.firing[i] = true;
                    lists.changed(exit);
                }
            }
        }
    }

    private static boolean firing(ListState list) {
        for (boolean f : list.firing) {
            if (f) {
                return true;
            }
        }
        return false;
    }

    private static boolean armed(Handle exit) {
        return exit.status() == HandleStatus.WORKING || exit.status() == HandleStatus.PARTIALLY_FILLED;
    }

    private void trail(ListState list, Handle exit, Price mark) {
        OrderSpec spec = exit.spec();
        Trail trail = spec.trail();
        if (trail == null) {
            return;
        }
        Side side = spec.side();
        OrderSpec next = spec;
        if (!trail.isActive()) {
            if (trail.activatesAt(side, mark)) {
                next = new OrderSpec(spec.symbol(), side, spec.type(), spec.quantity(), spec.limitPrice(),
                        trail.triggerFor(side, mark, product(spec)), spec.timeInForce(), spec.expireAtNanos(),
                        spec.postOnly(), spec.reduceOnly(), spec.tag(), trail.activated());
            }
        } else {
            Price candidate = trail.triggerFor(side, mark, product(spec));
            if (spec.stopPrice() == null || Trail.improves(side, candidate, spec.stopPrice())) {
                next = spec.withStopPrice(candidate);
            }
        }
        if (next != spec) {
            exit.spec(next);
            list.respec(exit, next.withQuantity(list.spec().quantity()));
            lists.record(list); // a restart arms it where it was
        }
    }

    /** Whether {@code mark} reaches {@code spec}'s trigger: a sell stop at or below, a sell limit at or above. */
    static boolean triggers(OrderSpec spec, Price mark) {
        boolean sell = spec.side() == Side.SELL;
        if (spec.type().isStop()) {
            if (spec.stopPrice() == null || spec.trail() != null && !spec.trail().isActive()) {
                return false;
            }
            return sell ? !mark.isGreaterThan(spec.stopPrice()) : !mark.isLessThan(spec.stopPrice());
        }
        return sell ? !mark.isLessThan(spec.limitPrice()) : !mark.isGreaterThan(spec.limitPrice());
    }

    /**
     * Held exit {@code i} triggered: the list's other exits at the venue are cancelled; once none is
     * open there, it is sent as the order it becomes, for what it is to fill.
     */
    void fire(ListState list, int i, Quantity total) {
        Handle exit = list.exits.get(i);
        boolean venueBusy = false;
        for (Handle other : list.exits) {
            if (other != exit && other.isOpen() && !holds(other)) {
                venueBusy = true;
                desk.cancel(other, "freeing the funds for " + exit.tag() + ", triggered");
            }
        }
        if (venueBusy) {
            return; // sent once the venue confirmed the cancels (or a fill settled the list)
        }
        list.firing[i] = false;
        list.held[i] = false;
        OrderSpec spec = exit.spec();
        OrderType type = spec.type().triggered();
        exit.spec(new OrderSpec(spec.symbol(), spec.side(), type, total, type.hasLimit() ? spec.limitPrice() : null,
                null, spec.timeInForce(), spec.expireAtNanos(), false, spec.reduceOnly(), spec.tag(), null));
        exit.status(HandleStatus.PENDING);
        list.asked[i] = total;
        desk.submit(exit.owner(), exit, total.minus(exit.filled()));
    }

    /** A held exit cancelled (by the strategy, or one-cancels-other): nothing at the venue to ask. */
    void cancel(Handle exit, String reason) {
        ListState list = exit.list;
        list.dropped |= 1L << exit.member; // journaled: a restart does not arm it again
        list.firing[list.exits.indexOf(exit)] = false;
        lists.record(list);
        exit.status(HandleStatus.CANCELLED);
        desk.tell(exit, new OrderEvent.Cancelled(exit, reason));
        desk.finish(exit);
    }

    private Product product(OrderSpec spec) {
        return owner.venues().product(spec.symbol());
    }
}
