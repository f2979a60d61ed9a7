package io.tradehost.testkit;

import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.venue.VenueException;
import io.tradehost.api.venue.VenueListener;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How a {@link ScriptedVenue} answers {@code amend}: whether it says it amends at all
 * ({@link #supported}, false by default, as the interface's), the answer to each amend in turn
 * ({@link #answer}; once used up, {@link Answer#AMEND}), every call it was asked ({@link #calls}), and
 * for an answer held back ({@link Answer#HOLD}) the test's own answer later ({@link #confirm},
 * {@link #reject}). Answers go synchronously through the venue's listener. Not thread-safe: use it on
 * the kernel thread, like the venue.
 */
public final class ScriptedAmends {
    /** How the venue answers one amend. */
    public enum Answer {
        /**
         * As a venue would: refuse at once (a thrown {@link VenueException}) an unknown order
         * ({@code ORDER_NOT_FOUND}), a closed one ({@code ONLY_OPEN_ORDERS_CAN_BE_EDITED}) or a total
         * not above what filled ({@code CANNOT_EDIT_TO_BELOW_FILLED_SIZE}); else change the order and
         * report {@code onOrderAmended}.
         */
        AMEND,
        /** Report {@code onAmendRejected} with {@code COMMANDER_REJECTED_EDIT_ORDER}; the order stays. */
        REJECT,
        /** Throw a permanent {@link VenueException} ({@code COMMANDER_REJECTED_EDIT_ORDER}). */
        REFUSE,
        /** Throw a transient {@link VenueException} ({@code UNAVAILABLE}): nothing reached the venue. */
        THROW,
        /** Throw a rate-limit {@link VenueException} asking for a 2 s wait. */
        RATE_LIMIT,
        /** Time out without acting: an unknown outcome ({@code TIMEOUT}); the order stays. */
        TIMEOUT,
        /** Answer nothing yet: the test answers with {@link #confirm} or {@link #reject}. */
        HOLD,
        /** Throw an unchecked exception without acting, as a buggy plugin would. */
        BUG
    }

    /**
     * One call to {@code amend}, as the host made it.
     *
     * @param clientOrderId the order
     * @param limitPrice its new limit price
     * @param quantity its new total quantity, the filled part included
     */
    public record Call(ClientOrderId clientOrderId, Price limitPrice, Quantity quantity) {
    }

    private static final RejectionCode REJECTED = RejectionCode.of("COMMANDER_REJECTED_EDIT_ORDER");

    private final Map<ClientOrderId, Order> orders;
    private final Supplier<VenueListener> listener;
    private final Deque<Answer> script = new ArrayDeque<>();
    private final List<Call> calls = new ArrayList<>();
    private boolean supported;

    /**
     * @param orders the venue's orders, an amended one replaced in place
     * @param listener where the venue reports
     */
    ScriptedAmends(Map<ClientOrderId, Order> orders, Supplier<VenueListener> listener) {
        this.orders = orders;
        this.listener = listener;
    }

    /** Makes the venue say it amends ({@code Venue.supportsAmend}). */
    public ScriptedAmends supported(boolean value) {
        supported = value;
        return this;
    }

    /** Whether the venue says it amends. */
    public boolean supported() {
        return supported;
    }

    /** Queues answers for the next amends, in order; once used up, amends go through ({@link Answer#AMEND}). */
    public ScriptedAmends answer(Answer... answers) {
        script.addAll(List.of(answers));
        return this;
    }

    /** Every call to {@code amend}, including ones that threw, in order. */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /**
     * Answers the last amend asked for {@code id} as {@link Answer#AMEND} does (the order changes to its
     * terms and the host hears {@code onOrderAmended}), e.g. after {@link Answer#HOLD}.
     *
     * @throws VenueException as {@link Answer#AMEND} refuses, when the order can no longer be changed
     * @throws IllegalStateException if no amend was asked for {@code id}
     */
    public void confirm(ClientOrderId id) throws VenueException {
        apply(calls.reversed().stream().filter(c -> c.clientOrderId().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no amend was asked for " + id)));
    }

    /** Reports {@code onAmendRejected} for {@code id}, e.g. after {@link Answer#HOLD}; the order stays as it is. */
    public void reject(ClientOrderId id, RejectionCode code, String message) {
        Order order = Objects.requireNonNull(orders.get(id), () -> "no order " + id);
        listener.get().onAmendRejected(id, order.request().symbol(), code, message);
    }

    /** The venue's {@code amend}: recorded, then answered by the next scripted answer. */
    void amend(ClientOrderId id, Price limitPrice, Quantity quantity) throws VenueException {
        Call call = new Call(id, limitPrice, quantity);
        calls.add(call);
        if (!supported) {
            throw VenueException.refused(RejectionCode.of("AMEND_UNSUPPORTED"), "this venue does not amend orders");
        }
        Answer answer = script.isEmpty() ? Answer.AMEND : script.poll();
        switch (answer) {
            case AMEND -> apply(call);
            case REJECT -> reject(id, REJECTED, "scripted amend rejection");
            case REFUSE -> throw VenueException.refused(REJECTED, "scripted amend refusal");
            case THROW -> throw VenueException.transientFailure(RejectionCode.of("UNAVAILABLE"), "scripted outage");
            case RATE_LIMIT -> throw VenueException.rateLimited(RejectionCode.of("RATE_LIMITED"),
                    "scripted rate limit", Duration.ofSeconds(2));
            case TIMEOUT -> throw VenueException.outcomeUnknown(RejectionCode.of("TIMEOUT"),
                    "scripted timeout, amend lost");
            case HOLD -> {
                // the test answers later
            }
            case BUG -> throw new IllegalStateException("scripted plugin bug");
        }
    }

    private void apply(Call call) throws VenueException {
        ClientOrderId id = call.clientOrderId();
        Order order = orders.get(id);
        if (order == null) {
            throw VenueException.refused(RejectionCode.of("ORDER_NOT_FOUND"), "no order " + id);
        }
        if (order.status().isTerminal()) {
            throw VenueException.refused(RejectionCode.of("ONLY_OPEN_ORDERS_CAN_BE_EDITED"), "order " + id + " is "
                    + order.status());
        }
        if (!call.quantity().isGreaterThan(order.filledQuantity())) {
            throw VenueException.refused(RejectionCode.of("CANNOT_EDIT_TO_BELOW_FILLED_SIZE"), "order " + id
                    + " has filled " + order.filledQuantity());
        }
        orders.put(id, new Order(order.request().amended(call.limitPrice(), call.quantity()), order.status(),
                order.filledQuantity(), order.venueOrderId()));
        listener.get().onOrderAmended(id, order.request().symbol(), call.limitPrice(), call.quantity());
    }
}
