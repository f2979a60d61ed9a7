package io.tradehost.api.order;

/**
 * Where an order stands in a contingent order list (a bracket, OCO or OTO list a strategy asked
 * for): the list's number and the member's place in it. Journaled with the order in the same write
 * as its intent, so that after a restart every order the venue may hold is found in its list. Immutable.
 *
 * @param listId the list's number, unique in the journal (from 1)
 * @param member the member's place in the list's members (its entry first, if it has one; then its exits)
 * @param role what the member is as its strategy asked for it, which its order may no longer show (an exit
 *     the host held until its trigger goes as a market or limit order)
 */
public record ListLink(long listId, int member, Role role) {
    /** What a member of a list is. */
    public enum Role {
        /** The entry, whose fills arm the exits. */
        ENTRY,
        /** A limit exit (a take-profit). */
        LIMIT,
        /** A stop or stop-limit exit that does not trail. */
        STOP,
        /** A trailing stop exit. */
        TRAILING_STOP
    }

    public ListLink {
        if (listId < 1 || member < 0) {
            throw new IllegalArgumentException("a list link needs a list id from 1 and a member from 0, not "
                    + listId + "/" + member);
        }
        java.util.Objects.requireNonNull(role, "role");
    }

    /** A link to an exit whose role is not known (a limit). */
    public ListLink(long listId, int member) {
        this(listId, member, Role.LIMIT);
    }

    @Override
    public String toString() {
        return "L" + listId + "#" + member;
    }
}
