package io.tradehost.coordinator.runtime.reconcile;

import io.tradehost.api.event.Event;
import io.tradehost.api.event.FundingPaid;
import io.tradehost.api.event.OrderFilled;
import io.tradehost.api.event.OrderReconciled;
import io.tradehost.api.journal.JournalSnapshot;
import io.tradehost.api.order.AccountSnapshot;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.FundingPayment;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.OrderStatus;
import io.tradehost.api.order.Position;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Product;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.venue.Venue;
import io.tradehost.api.venue.VenueException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
/**
 * Compares a journal with a venue: the journal's open orders against the venue's (asking the venue
 * for the final state of the ones it no longer lists, and for their fills), the venue's open orders
 * the journal lacks (adopted), then positions and cash once the missed fills are booked. It only
 * reads; the caller publishes the repairs. Stateless; call it on the kernel thread (it queries the
 * venue, which may block briefly).
 */
public final class Reconciler {
    private Reconciler() {
    }

    /**
     * @param includeSubmitted whether to judge orders the journal has as submitted but not yet
     *     acknowledged: at start-up nothing is in flight, so yes; while trading, placement owns them
     * @param products every product the venue lists, by symbol (to book missed fills as spot or perpetual)
     * @param quoteCurrency the currency of the journal's cash
     * @param nanos clock time for the repair events
     * @throws VenueException if the venue cannot be asked
     */
    public static ReconciliationReport reconcile(JournalSnapshot journal, Venue venue, boolean includeSubmitted,
                                                 Map<Symbol, Product> products, String quoteCurrency, long nanos)
            throws VenueException {
        return reconcile(journal, Set.of(), venue, includeSubmitted, products, quoteCurrency, nanos, account -> { });
    }

    /**
     * As above, also booking the venue's funding payments whose ids are not in {@code bookedFunding}.
     *
     * @param bookedFunding ids of the funding payments the journal holds
     * @param accountRead hears the venue's account as this comparison read it (its liquidation prices
     *     serve the guards), so nothing else needs to ask the venue for it
     */
    public static ReconciliationReport reconcile(JournalSnapshot journal, Set<String> bookedFunding, Venue venue,
                                                 boolean includeSubmitted, Map<Symbol, Product> products,
                                                 String quoteCurrency, long nanos,
                                                 Consumer<AccountSnapshot> accountRead) throws VenueException {
        return reconcile(journal, bookedFunding, venue, includeSubmitted, products, quoteCurrency, nanos, accountRead,
                Set.of());
    }

    /**
     * As above, where the host holds the orders {@code heldByHost} itself until their trigger (stops the
     * venue does not take, trailing stops): one the journal has as submitted is still held, no difference
     * (the host arms it again), unless the venue lists it open: then it was sent just before the host
     * went down (the journal had not yet heard the trigger), and it is compared as any.
     */
    public static ReconciliationReport reconcile(JournalSnapshot journal, Set<String> bookedFunding, Venue venue,
                                                 boolean includeSubmitted, Map<Symbol, Product> products,
                                                 String quoteCurrency, long nanos,
                                                 Consumer<AccountSnapshot> accountRead,
                                                 Set<ClientOrderId> heldByHost) throws VenueException {
        List<Difference> differences = new ArrayList<>();
        List<Event> repairs = new ArrayList<>();
        List<Fill> missed = new ArrayList<>();
        Map<ClientOrderId, Order> venueOpen = new LinkedHashMap<>();
        venue.openOrders().forEach(o -> venueOpen.put(o.clientOrderId(), o));
        Set<ClientOrderId> journalOpen = new HashSet<>();

        for (Order ours : journal.openOrders()) {
            journalOpen.add(ours.clientOrderId());
            if (!includeSubmitted && ours.status() == OrderStatus.SUBMITTED) {
                continue;
            }
            boolean held = ours.status() == OrderStatus.SUBMITTED && heldByHost.contains(ours.clientOrderId());
            if (held && !venueOpen.containsKey(ours.clientOrderId())) {
                // journaled as held, never triggered (a trigger clears it before the order is sent): not asked
                // for by id, which a venue without a client-id filter answers by paging its whole history
                continue;
            }
            Order theirs = venueOpen.containsKey(ours.clientOrderId()) ? venueOpen.get(ours.clientOrderId())
                    : venue.order(ours.clientOrderId()).orElse(null);
            if (theirs == null) {
                boolean neverSent = ours.status() == OrderStatus.SUBMITTED;
                differences.add(new Difference(Difference.Kind.ORDER_UNKNOWN_TO_VENUE, ours.clientOrderId().value(),
                        describe(ours), "no such order", neverSent));
                repairs.add(new OrderReconciled(new Order(ours.request(), neverSent ? OrderStatus.REJECTED
                        : OrderStatus.CANCELLED, ours.filledQuantity(), ours.venueOrderId()), false, neverSent
                        ? "NOT_AT_VENUE: the order never reached the venue" : "assumed cancelled: the venue does not "
                        + "know an order it had acknowledged", nanos));
                continue;
            }
            missedFills(venue, theirs, journal.openOrderTradeIds(), differences, repairs, missed);
            if (theirs.status() != ours.status() || !theirs.filledQuantity().equals(ours.filledQuantity())) {
                differences.add(new Difference(Difference.Kind.ORDER_STATUS, ours.clientOrderId().value(),
                        describe(ours), describe(theirs), true));
                repairs.add(new OrderReconciled(theirs, false, "journal had " + describe(ours) + ", venue has "
                        + describe(theirs), nanos));
            } else if (amendedUnheard(ours, theirs)) {
                differences.add(new Difference(Difference.Kind.ORDER_TERMS, ours.clientOrderId().value(),
                        terms(ours), terms(theirs), true));
                repairs.add(new OrderReconciled(theirs, false, "amended at the venue: journal had " + terms(ours)
                        + ", venue has " + terms(theirs), nanos));
            }
        }
        for (Order theirs : venueOpen.values()) {
            if (journalOpen.contains(theirs.clientOrderId())) {
                continue;
            }
            missedFills(venue, theirs, journal.openOrderTradeIds(), differences, repairs, missed);
            differences.add(new Difference(Difference.Kind.ORDER_ADOPTED, theirs.clientOrderId().value(),
                    "no open order", describe(theirs), true));
            repairs.add(new OrderReconciled(theirs, true, "open at the venue, unknown to the journal", nanos));
        }
        Money funding = Money.ZERO;
        for (FundingPayment payment : venue.fundingPayments()) {
            if (!bookedFunding.contains(payment.id())) {
                differences.add(new Difference(Difference.Kind.MISSED_FUNDING, payment.id(), "none", payment.amount()
                        + " on " + payment.symbol() + " at rate " + payment.rate(), true));
                repairs.add(new FundingPaid(payment));
                funding = funding.plus(payment.amount());
            }
        }
        AccountSnapshot account = venue.account();
        accountRead.accept(account);
        compareBooks(journal, missed, funding, account, products, quoteCurrency, differences);
        return new ReconciliationReport(differences, repairs);
    }

    /**
     * Whether the venue holds a limit order at other terms than the journal: an amend whose answer the
     * host never heard (a crash between asking and journaling it, a lost connection).
     */
    private static boolean amendedUnheard(Order ours, Order theirs) {
        OrderRequest a = ours.request();
        OrderRequest b = theirs.request();
        return a.type() == b.type() && theirs.hasLimitTerms()
                && (!a.limitPrice().equals(b.limitPrice()) || !a.quantity().equals(b.quantity()));
    }

    private static String terms(Order order) {
        return order.request().quantity() + " @ " + order.request().limitPrice();
    }

    private static void missedFills(Venue venue, Order order, Set<String> known, List<Difference> differences,
                                    List<Event> repairs, List<Fill> missed) throws VenueException {
        for (Fill fill : venue.fills(order.clientOrderId())) {
            if (!known.contains(fill.tradeId())) {
                differences.add(new Difference(Difference.Kind.MISSED_FILL, fill.tradeId(), "none",
                        fill.side() + " " + fill.quantity() + " " + fill.symbol() + " @ " + fill.price() + " for "
                                + fill.clientOrderId(), true));
                repairs.add(new OrderFilled(fill));
                missed.add(fill);
            }
        }
    }

    private static void compareBooks(JournalSnapshot journal, List<Fill> missed, Money missedFunding,
                                     AccountSnapshot account, Map<Symbol, Product> products, String quoteCurrency,
                                     List<Difference> differences) {
        Map<Symbol, Position> expected = new TreeMap<>();
        journal.positions().forEach(p -> expected.put(p.symbol(), p));
        Money cash = journal.cash().plus(missedFunding);
        for (Fill fill : missed) {
            Position before = expected.getOrDefault(fill.symbol(), Position.flat(fill.symbol()));
            Position after = before.apply(fill);
            Product product = products.get(fill.symbol());
            cash = cash.plus(Position.cashMovement(before, after, fill, product != null && product.isPerpetual()));
            expected.put(fill.symbol(), after);
        }
        Map<Symbol, Quantity> actual = new TreeMap<>();
        account.positions().forEach(p -> actual.put(p.symbol(), p.quantity()));
        Set<Symbol> symbols = new TreeSet<>(expected.keySet());
        symbols.addAll(actual.keySet());
        for (Symbol symbol : symbols) {
            Quantity ours = expected.containsKey(symbol) ? expected.get(symbol).quantity() : Quantity.ZERO;
            Quantity theirs = actual.getOrDefault(symbol, Quantity.ZERO);
            if (!ours.equals(theirs)) {
                differences.add(new Difference(Difference.Kind.POSITION, symbol.value(), ours.toString(),
                        theirs.toString(), false));
            }
        }
        Money venueCash = account.cash(quoteCurrency);
        if (!cash.equals(venueCash)) {
            differences.add(new Difference(Difference.Kind.CASH, quoteCurrency, cash.toString(), venueCash.toString(),
                    false));
        }
    }

    private static String describe(Order order) {
        return order.status() + " filled " + order.filledQuantity() + "/" + order.request().quantity();
    }
}
