package io.tradehost.exchange.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehost.exchange.engine.Listing;
import io.tradehost.exchange.engine.FundingSchedule;
import java.math.BigDecimal;
import java.time.Instant;

/** A product as Coinbase's v3 REST API shows it, perpetuals with their future details. */
final class ProductJson {
    private ProductJson() {
    }

    /**
     * {@code l} at mid price {@code mid}; a perpetual's {@code funding_interval} and {@code funding_time}
     * (the next payment, RFC 3339) follow {@code funding} at {@code nowMillis}, and without funding
     * the product has no {@code funding_time}.
     */
    static ObjectNode product(Listing l, BigDecimal mid, FundingSchedule funding, long nowMillis) {
        ObjectNode p = Answer.JSON.createObjectNode();
        p.put("product_id", l.productId());
        p.put("price", mid.toPlainString());
        p.put("mid_market_price", mid.toPlainString());
        p.put("base_increment", l.baseIncrement().toPlainString());
        p.put("quote_increment", l.priceIncrement().toPlainString());
        p.put("price_increment", l.priceIncrement().toPlainString());
        p.put("base_min_size", l.baseMinSize().toPlainString());
        p.put("base_max_size", l.baseMaxSize().toPlainString());
        p.put("quote_min_size", "1");
        p.put("quote_max_size", "10000000");
        p.put("base_currency_id", l.base());
        p.put("quote_currency_id", l.quote());
        p.put("base_display_symbol", l.base());
        p.put("quote_display_symbol", l.quote());
        p.put("status", "online");
        p.put("trading_disabled", false);
        p.put("cancel_only", false);
        p.put("limit_only", false);
        p.put("post_only", false);
        p.put("is_disabled", false);
        p.put("alias", "");
        p.putArray("alias_to");
        p.put("product_type", l.perpetual() ? "FUTURE" : "SPOT");
        if (l.perpetual()) {
            ObjectNode f = p.putObject("future_product_details");
            f.put("venue", "INTX");
            f.put("contract_expiry_type", "PERPETUAL");
            f.put("contract_root_unit", l.base());
            f.put("contract_size", "1");
            f.put("funding_rate", l.fundingRate().toPlainString());
            f.put("funding_interval", BigDecimal.valueOf(funding.intervalMillis(), 3).stripTrailingZeros()
                    .toPlainString() + "s");
            String next = funding.charges() ? Instant.ofEpochMilli(funding.nextAfter(nowMillis)).toString() : null;
            if (next != null) {
                f.put("funding_time", next);
            }
            f.put("intraday_margin_rate", l.maintenanceMarginRate().toPlainString());
            f.put("overnight_margin_rate", l.maintenanceMarginRate().toPlainString());
            ObjectNode perp = f.putObject("perpetual_details");
            perp.put("max_leverage", String.valueOf(l.maxLeverage()));
            perp.put("funding_rate", l.fundingRate().toPlainString());
            if (next != null) {
                perp.put("funding_time", next);
            }
            perp.put("open_interest", "0");
        }
        return p;
    }
}
