package io.tradehost.api.strategy.event;

import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Quantity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Orders that govern each other, held by the host on every venue: a bracket ({@link #bracket}), an
 * OCO pair ({@link #oco}) or an OTO list ({@link #oto}). Immutable.
 *
 * <p>With an {@code entry}, the exits wait ({@link HandleStatus#WAITING}) until the entry fills, then
 * follow its fills: after each, every exit is armed or resized so that what it may still fill equals
 * what the entry filled minus what the exits filled (one-cancels-other) or what the entry filled
 * minus what that exit filled (otherwise). The exits are reduce-only: a protective exit only shrinks the
 * position, so reduce-only trading never blocks it. An entry that ends without a fill cancels its exits.
 *
 * <p>One-cancels-other: a fill of one exit shrinks the others by as much; once one exit is wholly
 * filled the others are cancelled, and so is the rest of the entry (the trade is over). Without an
 * entry (an OCO pair) both legs work at once, each for the same quantity. An exit the host or the
 * venue refuses is armed again (and a resize refused is asked again) after 1, 2, 4, 8 and 16 s while
 * there is something to protect; then the host gives up on it (an error in the log). A fill of the
 * entry reported after it ended unfilled arms its exits after all. Exits rest: limit, stop-market or
 * stop-limit (a trailing stop too); a member's quantity is the host's to set (a modification of an
 * exit may change a limit's price only).
 *
 * @param entry the order whose fills arm the exits, or {@code null} (an OCO pair)
 * @param exits 1 to {@link #MAX_EXITS} orders on one symbol: with an entry, on its symbol and the other side
 * @param oneCancelsOther whether the exits cancel each other (needs at least two)
 */
public record OrderListSpec(OrderSpec entry, List<OrderSpec> exits, boolean oneCancelsOther) {
    /** The most exits a list may have. */
    public static final int MAX_EXITS = 4;

    /** The kinds of list, as {@link #kind()} names them. */
    public enum Kind {
        /** An entry and exits that cancel each other (take-profit and stop-loss). */
        BRACKET,
        /** Exits that cancel each other, working at once, no entry. */
        OCO,
        /** An entry whose fills arm exits that do not cancel each other. */
        OTO
    }

    /** @throws IllegalArgumentException naming what is wrong with the list */
    public OrderListSpec {
        exits = List.copyOf(exits);
        if (exits.isEmpty() || exits.size() > MAX_EXITS) {
            throw new IllegalArgumentException("a list has 1 to " + MAX_EXITS + " exits, not " + exits.size());
        }
        if (oneCancelsOther && exits.size() < 2) {
            throw new IllegalArgumentException("one-cancels-other needs at least two exits");
        }
        if (entry == null && !oneCancelsOther) {
            throw new IllegalArgumentException("a list without an entry is an OCO pair: its exits cancel each other");
        }
        OrderSpec first = entry != null ? entry : exits.getFirst();
        List<OrderSpec> reducing = new ArrayList<>();
        for (OrderSpec exit : exits) {
            if (!exit.symbol().equals(first.symbol())) {
                throw new IllegalArgumentException("every order of a list is on one symbol: " + exit.symbol()
                        + " is not " + first.symbol());
            }
            if (exit.type() == OrderType.MARKET) {
                throw new IllegalArgumentException("an exit rests (limit, stop or stop-limit), not a market order");
            }
            if (!exit.quantity().equals(first.quantity())) {
                throw new IllegalArgumentException("every exit is for the " + (entry != null ? "entry's" : "first leg's")
                        + " quantity " + first.quantity() + ", not " + exit.quantity());
            }
            if (entry != null && exit.side() == entry.side()) {
                throw new IllegalArgumentException("an exit is on the other side of its entry (" + entry.side() + ")");
            }
            reducing.add(entry != null ? exit.asReduceOnly() : exit);
        }
        exits = List.copyOf(reducing);
    }

    /**
     * An entry with a take-profit limit and a stop-loss (stop-market, stop-limit or trailing stop) that
     * cancel each other; either exit may be {@code null}, not both.
     */
    public static OrderListSpec bracket(OrderSpec entry, OrderSpec takeProfit, OrderSpec stopLoss) {
        if (entry == null) {
            throw new IllegalArgumentException("a bracket needs an entry");
        }
        if (takeProfit != null && takeProfit.type() != OrderType.LIMIT) {
            throw new IllegalArgumentException("a take-profit is a limit order, not " + takeProfit.type());
        }
        if (stopLoss != null && !stopLoss.type().isStop()) {
            throw new IllegalArgumentException("a stop-loss is a stop order, not " + stopLoss.type());
        }
        List<OrderSpec> exits = new ArrayList<>();
        if (takeProfit != null) {
            exits.add(takeProfit);
        }
        if (stopLoss != null) {
            exits.add(stopLoss);
        }
        return new OrderListSpec(entry, exits, exits.size() > 1);
    }

    /** Two orders working at once, each cancelling the other (a fill of one shrinks the other). */
    public static OrderListSpec oco(OrderSpec first, OrderSpec second) {
        return new OrderListSpec(null, List.of(first, second), true);
    }

    /** An entry whose fills arm {@code exits}, each on its own. */
    public static OrderListSpec oto(OrderSpec entry, OrderSpec... exits) {
        if (entry == null) {
            throw new IllegalArgumentException("an OTO list needs an entry");
        }
        return new OrderListSpec(entry, Arrays.asList(exits), false);
    }

    public Kind kind() {
        return entry == null ? Kind.OCO : oneCancelsOther ? Kind.BRACKET : Kind.OTO;
    }

    /** Every member, the entry first if there is one, then the exits in order. */
    public List<OrderSpec> members() {
        List<OrderSpec> out = new ArrayList<>();
        if (entry != null) {
            out.add(entry);
        }
        out.addAll(exits);
        return out;
    }

    /** The quantity every exit is for. */
    public Quantity quantity() {
        return (entry != null ? entry : exits.getFirst()).quantity();
    }

    /** The journal's text: a line {@code entry=<0|1>;oco=<0|1>}, then one {@link OrderSpec#format()} line per member. */
    public String format() {
        StringBuilder out = new StringBuilder("entry=" + (entry != null ? 1 : 0) + ";oco=" + (oneCancelsOther ? 1 : 0));
        for (OrderSpec member : members()) {
            out.append('\n').append(member.format());
        }
        return out.toString();
    }

    /**
     * Reads {@link #format()}'s text.
     *
     * @throws IllegalArgumentException if it is not such a text
     */
    public static OrderListSpec parse(String text) {
        String[] lines = text.split("\n", -1);
        boolean hasEntry;
        boolean oco;
        switch (lines[0]) {
            case "entry=0;oco=1" -> { hasEntry = false; oco = true; }
            case "entry=1;oco=1" -> { hasEntry = true; oco = true; }
            case "entry=1;oco=0" -> { hasEntry = true; oco = false; }
            default -> throw new IllegalArgumentException("not an order list: " + lines[0]);
        }
        List<OrderSpec> members = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            members.add(OrderSpec.parse(lines[i]));
        }
        if (members.size() < (hasEntry ? 2 : 1)) {
            throw new IllegalArgumentException("an order list without members: " + text);
        }
        return hasEntry ? new OrderListSpec(members.getFirst(), members.subList(1, members.size()), oco)
                : new OrderListSpec(null, members, oco);
    }
}
