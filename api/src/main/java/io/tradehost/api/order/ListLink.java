package io.tradehost.api.order;

/**
 * Where an order stands in a contingent order list (a bracket, OCO or OTO list a strategy asked
 * for): the list's number and the member's place in it. Journaled with the order in the same write
 * as its intent, so that after a restart every order the venue may hold is found in its list. Immutable.
 *
 * @param listId the list's number, unique in the journal (from 1)
 * @param member the member's place in the list's members (its entry first, if it has one; then its exits)
 */
public record ListLink(long listId, int member) {
    public ListLink {
        if (listId < 1 || member < 0) {
            throw new IllegalArgumentException("a list link needs a list id from 1 and a member from 0, not "
                    + listId + "/" + member);
        }
    }

    @Override
    public String toString() {
        return "L" + listId + "#" + member;
    }
}
