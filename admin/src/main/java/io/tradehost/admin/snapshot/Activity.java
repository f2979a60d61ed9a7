package io.tradehost.admin.snapshot;

import io.tradehost.api.event.OperatorActed;
import io.tradehost.api.event.TradingStateChanged;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.Order;
import java.util.List;

/**
 * What recently happened, newest last, each list bounded by the activity log. Immutable.
 *
 * @param fills recent fills
 * @param rejections recent refusals, by guards, sizing or the venue
 * @param closedOrders recently finished orders (filled, cancelled, rejected)
 * @param transitions recent trading-state changes
 * @param operatorActions recent operator requests and what came of them
 */
public record Activity(List<Fill> fills, List<Rejection> rejections, List<Order> closedOrders,
                       List<TradingStateChanged> transitions, List<OperatorActed> operatorActions) {
    /** Nothing yet. */
    public static final Activity NONE = new Activity(List.of(), List.of(), List.of(), List.of(), List.of());

    public Activity {
        fills = List.copyOf(fills);
        rejections = List.copyOf(rejections);
        closedOrders = List.copyOf(closedOrders);
        transitions = List.copyOf(transitions);
        operatorActions = List.copyOf(operatorActions);
    }

    /**
     * One refusal.
     *
     * @param hostNanos when
     * @param symbol of which symbol
     * @param stage what refused: a guard's name, {@code sizing}, {@code in-flight}, or {@code venue}
     * @param code the stable rejection code
     * @param message what tripped
     * @param clientOrderId the order's id when it had one (venue refusals), else null
     */
    public record Rejection(long hostNanos, String symbol, String stage, String code, String message,
                            String clientOrderId) {
    }
}
