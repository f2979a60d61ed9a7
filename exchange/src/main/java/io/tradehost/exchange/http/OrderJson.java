package io.tradehost.exchange.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehost.exchange.engine.ExchangeFill;
import io.tradehost.exchange.engine.ExchangeOrder;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/** Orders and fills as Coinbase's v3 REST API shows them. */
final class OrderJson {
    private OrderJson() {
    }

    static ObjectNode order(ExchangeOrder o) {
        ObjectNode n = Answer.JSON.createObjectNode();
        n.put("order_id", o.orderId);
        n.put("client_order_id", o.clientOrderId);
        n.put("product_id", o.productId);
        n.put("user_id", "local");
        n.put("side", o.side);
        n.put("status", o.status);
        n.put("time_in_force", o.timeInForce());
        n.put("order_type", o.orderType());
        n.put("created_time", Instant.ofEpochMilli(o.createdMillis).toString());
        n.put("completion_percentage", o.filledSize.multiply(BigDecimal.valueOf(100))
                .divide(o.baseSize, 2, RoundingMode.DOWN).toPlainString());
        n.put("filled_size", o.filledSize.toPlainString());
        n.put("average_filled_price", o.filledSize.signum() == 0 ? "0"
                : o.filledValue.divide(o.filledSize, 10, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString());
        n.put("number_of_fills", String.valueOf(o.numberOfFills));
        n.put("filled_value", o.filledValue.toPlainString());
        n.put("total_fees", o.totalFees.toPlainString());
        n.put("reject_reason", o.rejectReason);
        n.put("cancel_message", o.cancelMessage);
        n.put("leverage", o.leverage);
        n.put("margin_type", o.marginType);
        n.put("pending_cancel", false);
        ObjectNode config = n.putObject("order_configuration").putObject(o.configuration);
        if (o.configuration.startsWith("market")) {
            config.put("base_size", o.baseSize.toPlainString());
        } else {
            config.put("base_size", o.baseSize.toPlainString());
            config.put("limit_price", o.limitPrice.toPlainString());
            if (o.configuration.startsWith("limit_limit_g")) {
                config.put("post_only", o.postOnly);
            }
            if (o.isStop()) {
                config.put("stop_price", o.stopPrice.toPlainString());
                config.put("stop_direction", o.stopDirection);
            }
            if (o.endTimeMillis > 0) {
                config.put("end_time", Instant.ofEpochMilli(o.endTimeMillis).toString());
            }
        }
        return n;
    }

    static ObjectNode fill(ExchangeFill f) {
        ObjectNode j = Answer.JSON.createObjectNode();
        j.put("entry_id", f.entryId());
        j.put("trade_id", f.tradeId());
        j.put("order_id", f.orderId());
        j.put("trade_time", Instant.ofEpochMilli(f.tradeTimeMillis()).toString());
        j.put("trade_type", "FILL");
        j.put("price", f.price().toPlainString());
        j.put("size", f.size().toPlainString());
        j.put("commission", f.commission().toPlainString());
        j.put("product_id", f.productId());
        j.put("sequence_timestamp", Instant.ofEpochMilli(f.tradeTimeMillis()).toString());
        j.put("liquidity_indicator", f.liquidity());
        j.put("size_in_quote", false);
        j.put("side", f.side());
        return j;
    }
}
